package org.pro380.twin.http;

import static org.pro380.client.format.Json.f32;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.pro380.protocol.Hex;
import org.pro380.twin.SiteMeter;
import org.pro380.twin.traffic.DecodedFrame;
import org.pro380.twin.traffic.TrafficFrame;
import org.pro380.twin.traffic.TrafficLog;

/**
 * {@code GET .../traffic?since=SEQ&limit=N}: a meter's last frames as JSON, decoded, for the panel's
 * traffic view and for scripts that follow a meter (ask again with {@code since} = the answer's
 * {@code last}). Without {@code since}, the newest {@code limit} frames.
 */
final class TrafficJson {

    static final List<String> PARAMETERS = List.of("since", "limit");
    static final int DEFAULT_LIMIT = 100;

    private TrafficJson() {}

    /** @param capture whether {@code GET /api/capture} has a file to give */
    static ObjectNode of(SiteMeter meter, Map<String, List<String>> query, boolean capture) throws ApiException {
        QueryParameters.check(query, PARAMETERS, "GET .../traffic");
        long since = QueryParameters.whole(query, "since", 0, Long.MAX_VALUE / 2, -1);
        int limit = (int) QueryParameters.whole(query, "limit", 1, TrafficLog.SIZE, DEFAULT_LIMIT);
        TrafficLog log = meter.traffic();
        TrafficLog.Page page = since < 0 ? log.newest(limit) : log.after(since, limit);
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("meter", meter.index());
        doc.put("last", page.last());
        doc.put("capture", capture ? "/api/capture" : null);
        ArrayNode list = doc.putArray("frames");
        page.frames().forEach(f -> list.add(frame(f)));
        return doc;
    }

    static ObjectNode frame(TrafficFrame f) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("seq", f.seq());
        node.put("time", Instant.EPOCH.plus(f.epochMicros(), ChronoUnit.MICROS).toString());
        node.put("direction", f.direction().name().toLowerCase(Locale.ROOT));
        node.put("transport", f.transport().flag());
        node.put("link", f.link());
        node.put("hex", Hex.format(f.bytes()));
        DecodedFrame d = f.decoded();
        put(node, "unit", d.unit());
        put(node, "transaction", d.transaction());
        put(node, "function", d.function());
        put(node, "address", d.address());
        put(node, "quantity", d.quantity());
        ObjectNode values = node.putObject("values");
        d.values().forEach((key, value) -> {
            if (value instanceof Double v) {
                values.set(key, f32(v));
            } else if (value instanceof Number n) {
                values.put(key, n.longValue());
            } else {
                values.put(key, String.valueOf(value));
            }
        });
        put(node, "exception", d.exception());
        node.put("crc", d.crc().map(c -> c.name().toLowerCase(Locale.ROOT)).orElse(null));
        ArrayNode faults = node.putArray("faults");
        f.faults().forEach(faults::add);
        node.put("problem", d.problem().orElse(null));
        return node;
    }

    /** {@code GET .../counters}: what the meter's frames counted (docs/capture.md). */
    static ObjectNode counters(SiteMeter meter, MeterCounters counters) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("meter", meter.index());
        ObjectNode requests = doc.putObject("requests");
        counters.requests().forEach(requests::put);
        ObjectNode exceptions = doc.putObject("exceptions");
        counters.exceptions().forEach(exceptions::put);
        doc.put("crcErrors", counters.crcErrors());
        doc.put("ignored", counters.ignored());
        ObjectNode faults = doc.putObject("faultsApplied");
        counters.faultsApplied().forEach(faults::put);
        return doc;
    }

    private static void put(ObjectNode node, String name, OptionalInt value) {
        if (value.isPresent()) {
            node.put(name, value.getAsInt());
        } else {
            node.putNull(name);
        }
    }
}
