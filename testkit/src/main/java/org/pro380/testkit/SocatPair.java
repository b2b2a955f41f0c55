package org.pro380.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Two linked pseudo-terminals from socat, a null-modem cable in software: what is written to one
 * end is read at the other. Both links exist from {@link #start} until {@link #close}.
 */
public final class SocatPair implements AutoCloseable {

    private static final long START_MILLIS = 5000;

    private final Path a;
    private final Path b;
    private final Process process;

    private SocatPair(Path a, Path b, Process process) {
        this.a = a;
        this.b = b;
        this.process = process;
    }

    /** Starts socat with its two ends as links {@code dir/a} and {@code dir/b}. */
    public static SocatPair start(Path dir) throws IOException, InterruptedException {
        Path socat = ExternalTool.require("socat", "socat");
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path log = dir.resolve("socat.log");
        Process process = new ProcessBuilder(
                        socat.toString(), "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_MILLIS);
        while (!(Files.exists(log) && Files.readString(log).contains("starting data transfer loop"))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException(
                        "socat did not start: " + (Files.exists(log) ? Files.readString(log) : "no output"));
            }
            Thread.sleep(10);
        }
        return new SocatPair(a, b, process);
    }

    /** One end: give it to the twin (or the device side). */
    public Path a() {
        return a;
    }

    /** The other end: give it to the client. */
    public Path b() {
        return b;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
        }
    }
}
