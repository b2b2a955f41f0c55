package org.pro380.twin.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
final class Socat implements AutoCloseable {

    private static final long READY_TIMEOUT_MILLIS = 5_000;

    private final ChildProcess child;
    private final List<Path> links;

    private Socat(ChildProcess child, List<Path> links) {
        this.child = child;
        this.links = links;
    }

    /** Two pseudo-terminals, raw and without echo: bytes written to one are read from the other. */
    static Socat ptyPair(Path end1, Path end2) {
        return start(List.of(pty(end1), pty(end2)), List.of(end1, end2));
    }

    /** A pseudo-terminal whose bytes go to, and come from, a TCP connection to {@code target} (loopback only). */
    static Socat ptyToTcp(Path end, InetSocketAddress target) {
        assertThat(target.getAddress().isLoopbackAddress())
                .as("interop tests talk to loopback only: %s", target)
                .isTrue();
        return start(
                List.of(pty(end), "TCP:" + target.getAddress().getHostAddress() + ":" + target.getPort()),
                List.of(end));
    }

    private static String pty(Path link) {
        return "pty,raw,echo=0,link=" + link;
    }

    private static Socat start(List<String> addresses, List<Path> links) {
        Path socat = ExternalTools.SOCAT.require();
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
                fail("socat exited early: %s\n%s", String.join(" ", child.command()), child.stderr());
            }
            if (child.stderr().contains("starting data transfer loop")
                    && links.stream().allMatch(Files::exists)) {
                return;
            }
            sleep(20);
        }
        fail(
                "socat not ready within %d ms: %s\n%s",
                READY_TIMEOUT_MILLIS, String.join(" ", child.command()), child.stderr());
    }

    boolean isAlive() {
        return child.isAlive();
    }

    /** socat's log so far (-d -d: the pty names, connection and end of transfer). */
    String log() {
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
