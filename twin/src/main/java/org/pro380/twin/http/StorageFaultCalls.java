package org.pro380.twin.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.pro380.meter.StorageError;
import org.pro380.profile.JsonFields;
import org.pro380.twin.SiteMeter;

/**
 * {@code /api/meters/{k}/storage-fault}: the storage fault a meter's next power-on finds
 * (docs/faults.md). Each call answers {@code {"code":"0d","text":"ERR 0d","meaning":"..."}}, or
 * {@code {"code":null}} when none is pending.
 */
final class StorageFaultCalls {

    private StorageFaultCalls() {}

    static ApiResponse get(SiteMeter meter) {
        return ApiResponse.json(200, pending(meter.storageFault()));
    }

    /** {@code {"code": "80" | "0F" | "0d" | "0C" | "1d"}}, any case. */
    static ApiResponse put(SiteMeter meter, ApiRequest request) throws ApiException {
        String code = JsonFields.of(Json.parseObject(request.body()), "", List.of("code"))
                .text("code");
        StorageError error = StorageError.ofDisplay(code)
                .orElseThrow(() -> ApiException.badRequest("code must be one of "
                        + Arrays.stream(StorageError.values())
                                .map(e -> "\"" + e.display() + "\"")
                                .collect(Collectors.joining(", "))
                        + ", got \"" + code + "\""));
        meter.setStorageFault(Optional.of(error));
        return get(meter);
    }

    static ApiResponse delete(SiteMeter meter) {
        meter.setStorageFault(Optional.empty());
        return get(meter);
    }

    private static ObjectNode pending(Optional<StorageError> fault) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (fault.isEmpty()) {
            return node.putNull("code");
        }
        return node.put("code", fault.get().display())
                .put("text", fault.get().lcdText())
                .put("meaning", fault.get().meaning());
    }
}
