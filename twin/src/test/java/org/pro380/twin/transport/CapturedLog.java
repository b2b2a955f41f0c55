package org.pro380.twin.transport;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the twin logs while a test provokes it: slf4j-simple writes to the System.err of the
 * moment, so the stream is swapped for a buffer until {@link #close}. The test then asserts on the
 * lines, and an expected fault does not look like a failure in the build output.
 */
public final class CapturedLog implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private CapturedLog() {
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    public static CapturedLog start() {
        return new CapturedLog();
    }

    /** Everything logged so far. */
    public String text() {
        synchronized (buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
