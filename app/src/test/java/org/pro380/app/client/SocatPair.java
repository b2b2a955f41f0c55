package org.pro380.app.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Two pseudo-terminals joined by socat, a null-modem cable in software: the twin on one end, the client on the other. */
final class SocatPair implements AutoCloseable {
    final Path twinEnd;
    final Path clientEnd;
    private final Process process;

    private SocatPair(Path twinEnd, Path clientEnd, Process process) {
        this.twinEnd = twinEnd;
        this.clientEnd = clientEnd;
        this.process = process;
    }

    static SocatPair start(Path dir) throws IOException, InterruptedException {
        Path socat = Tools.socat();
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Process p = new ProcessBuilder(socat.toString(), "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!(Files.exists(a) && Files.exists(b))) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                p.destroy();
                throw new IOException("socat did not create " + a + " and " + b + ": " + Files.readString(dir.resolve("socat.log")));
            }
            Thread.sleep(20);
        }
        return new SocatPair(a, b, p);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
