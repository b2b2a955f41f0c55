package org.pro380.twin.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --capture FILE}, {@code --capture-size}, {@code --capture-files}: where frames are
 * recorded, and how much of them is kept (docs/capture.md).
 *
 * @param file the capture file; empty: no capture
 * @param fileBytes how large one file may grow before it is rotated to FILE.1
 * @param files how many files are kept, FILE included
 */
public record CaptureSettings(Optional<Path> file, long fileBytes, int files) {

    public static final long MIN_FILE_BYTES = 1024;
    public static final long DEFAULT_FILE_BYTES = 100L << 20;
    public static final int DEFAULT_FILES = 10;
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(B|KB|KIB|K|MB|MIB|M|GB|GIB|G)?");

    public CaptureSettings {
        if (fileBytes < MIN_FILE_BYTES) {
            throw new IllegalArgumentException(
                    "a capture file must be allowed at least 1KB, got " + fileBytes + " bytes");
        }
        if (files < 1) {
            throw new IllegalArgumentException("a capture needs at least 1 file, got " + files);
        }
    }

    /** No capture, and the defaults for when one is asked for. */
    public static CaptureSettings none() {
        return new CaptureSettings(Optional.empty(), DEFAULT_FILE_BYTES, DEFAULT_FILES);
    }

    public CaptureSettings withFile(Path v) {
        return new CaptureSettings(Optional.ofNullable(v), fileBytes, files);
    }

    public CaptureSettings withFileBytes(long v) {
        return new CaptureSettings(file, v, files);
    }

    public CaptureSettings withFiles(int v) {
        return new CaptureSettings(file, fileBytes, v);
    }

    /** Starts the capture, if there is a file to capture into. */
    public Optional<Capture> open() throws IOException {
        return file.isEmpty() ? Optional.empty() : Optional.of(Capture.open(file.get(), fileBytes, files));
    }

    /** "10MB", "512KB", "1GB" or a number of bytes; a KB is 1024 bytes. */
    public static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "a capture size is a number of bytes or of KB, MB or GB, as 10MB; got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        int shift = switch (unit.charAt(0)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 0;
        };
        if (n > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException("capture size " + text + " is too large");
        }
        return n << shift;
    }
}
