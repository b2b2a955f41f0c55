package org.pro380.twin.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/** The test's end of a pty pair, read and written as a plain file: a Modbus master on the bus. */
final class PtyEnd implements AutoCloseable {

    private static final long READ_TIMEOUT_MILLIS = 2000;

    private final FileInputStream in;
    private final FileOutputStream out;

    PtyEnd(Path path) throws IOException {
        this.out = new FileOutputStream(path.toFile());
        this.in = new FileInputStream(path.toFile());
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Exactly {@code n} bytes; fails after 2 s without them. */
    byte[] read(int n) throws IOException, InterruptedException {
        byte[] got = readFor(n, Duration.ofMillis(READ_TIMEOUT_MILLIS));
        assertThat(got).as("bytes read").hasSize(n);
        return got;
    }

    void assertSilentFor(Duration wait) throws IOException, InterruptedException {
        assertThat(readFor(1, wait)).as("bytes that should not have come").isEmpty();
    }

    /** Up to {@code n} bytes, polling since a pty read cannot time out. */
    private byte[] readFor(int n, Duration wait) throws IOException, InterruptedException {
        byte[] bytes = new byte[n];
        int got = 0;
        long deadline = System.nanoTime() + wait.toNanos();
        while (got < n && System.nanoTime() < deadline) {
            if (in.available() > 0) {
                got += in.read(bytes, got, Math.min(n - got, in.available()));
            } else {
                Thread.sleep(2);
            }
        }
        return Arrays.copyOf(bytes, got);
    }

    @Override
    public void close() throws IOException {
        try (in;
                out) {
            // both closed
        }
    }
}
