package org.pro380.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * socat as the test's wiring: a pair of connected pseudo-terminals (a null-modem cable between
 * the twin's serial port and a client), or a pseudo-terminal bridged to a TCP port on loopback.
 * Each end is a symbolic link that exists from {@link #ptyPair} / {@link #ptyToTcp} until
 * {@link #close()}.
 */
public final class Socat implements AutoCloseable {

    private static final long READY_TIMEOUT_MILLIS = 5_000;

    private final ChildProcess child;
    private final List<Path> links;

    private Socat(ChildProcess child, List<Path> links) {
        this.child = child;
        this.links = links;
    }

    /** Two pseudo-terminals, raw and without echo: bytes written to one are read from the other. */
    public static Socat ptyPair(Path end1, Path end2) {
        return start(List.of(pty(end1), pty(end2)), List.of(end1, end2));
    }

    /** {@link #ptyPair(Path, Path)} with the ends {@code dir/a} and {@code dir/b}. */
    public static Socat ptyPair(Path dir) {
        return ptyPair(dir.resolve("a"), dir.resolve("b"));
    }

    /** A pseudo-terminal whose bytes go to, and come from, a TCP connection to {@code target} (loopback only). */
    public static Socat ptyToTcp(Path end, InetSocketAddress target) {
        assertTrue(target.getAddress().isLoopbackAddress(), "tests talk to loopback only: " + target);
        return start(
                List.of(pty(end), "TCP:" + target.getAddress().getHostAddress() + ":" + target.getPort()),
                List.of(end));
    }

    private static String pty(Path link) {
        return "pty,raw,echo=0,link=" + link;
    }

    private static Socat start(List<String> addresses, List<Path> links) {
        Path socat = ExternalTool.require("socat", "socat");
        List<String> command = new ArrayList<>(List.of(socat.toString(), "-d", "-d"));
        command.addAll(addresses);
        ChildProcess child = ChildProcess.start(command);
        Socat started = new Socat(child, links);
        try {
            started.awaitReady();
            return started;
        } catch (RuntimeException | Error e) {
            started.close();
            throw e;
        }
    }

    /** socat logs "starting data transfer loop" once both addresses are open. */
    private void awaitReady() {
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!child.isAlive()) {
                fail("socat exited early: " + String.join(" ", child.command()) + "\n" + child.stderr());
            }
            if (child.stderr().contains("starting data transfer loop")
                    && links.stream().allMatch(Files::exists)) {
                return;
            }
            sleep(20);
        }
        fail("socat not ready within " + READY_TIMEOUT_MILLIS + " ms: " + String.join(" ", child.command()) + "\n"
                + child.stderr());
    }

    /** The first end: give it to the twin (or the device side). */
    public Path a() {
        return links.get(0);
    }

    /** The second end of a pair: give it to the client. */
    public Path b() {
        return links.get(1);
    }

    public boolean isAlive() {
        return child.isAlive();
    }

    /** socat's log so far (-d -d: the pty names, connection and end of transfer). */
    public String log() {
        return child.stderr();
    }

    /** Stops socat and removes the links (socat removes them itself on SIGTERM; this covers SIGKILL). */
    @Override
    public void close() {
        child.close();
        for (Path link : links) {
            try {
                Files.deleteIfExists(link);
            } catch (IOException ignored) {
                // the temp directory's cleanup gets it
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
