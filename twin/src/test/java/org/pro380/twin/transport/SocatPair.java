package org.pro380.twin.transport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Two linked pseudo-terminals from {@code socat}: what is written to one end is read at the other.
 * Without socat the test is skipped, except on CI (env CI=true), where it fails.
 */
final class SocatPair implements AutoCloseable {

    private static final long START_MILLIS = 5000;

    final Path a;
    final Path b;
    private final Process process;

    private SocatPair(Path a, Path b, Process process) {
        this.a = a;
        this.b = b;
        this.process = process;
    }

    static SocatPair start(Path dir) throws IOException, InterruptedException {
        requireSocat();
        Path a = dir.resolve("A");
        Path b = dir.resolve("B");
        Path log = dir.resolve("socat.log");
        Process process = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_MILLIS);
        while (!(Files.exists(log) && Files.readString(log).contains("starting data transfer loop"))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                fail("socat did not start: " + (Files.exists(log) ? Files.readString(log) : "no output"));
            }
            Thread.sleep(10);
        }
        return new SocatPair(a, b, process);
    }

    private static void requireSocat() {
        boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "socat")));
        if (!found) {
            if ("true".equals(System.getenv("CI"))) {
                fail("socat is required on CI (apt-get install -y socat)");
            }
            Assumptions.abort("socat is not installed");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
