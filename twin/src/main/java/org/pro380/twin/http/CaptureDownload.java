package org.pro380.twin.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.pro380.twin.TwinSite;

/**
 * {@code GET /api/capture}: the capture file being written, as it stands (the frames the writer
 * has flushed; a file Wireshark opens), or 404 when the twin has no {@code --capture}.
 */
final class CaptureDownload {

    static final String CONTENT_TYPE = "application/x-pcapng";

    private CaptureDownload() {}

    static ApiResponse of(TwinSite site) throws ApiException {
        Optional<Path> file = site.captureFile();
        if (file.isEmpty()) {
            throw new ApiException(404, "no capture: start the twin with --capture FILE.pcapng");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.get());
        } catch (NoSuchFileException e) {
            throw new ApiException(503, "the capture " + file.get() + " is being rotated; ask again");
        } catch (IOException e) {
            throw new ApiException(500, "cannot read the capture " + file.get() + ": " + e.getMessage());
        }
        return new ApiResponse(
                200,
                CONTENT_TYPE,
                bytes,
                Map.of(
                        "Content-Disposition",
                        "attachment; filename=\"" + file.get().getFileName() + "\""));
    }
}
