package org.pro380.twin.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/** Ports for tests, held rather than released and hoped for. */
public final class Ports {

    private Ports() {}

    /** Whether the twin still answers on a port (a probe that does one exchange). */
    public interface Probe {
        boolean answers(int port) throws IOException;
    }

    /**
     * Asserts that a closed transport gave {@code port} back: it can be bound again. Another
     * program may have taken the free port in the meantime; then the bind fails and it is enough
     * that the twin no longer answers there.
     */
    public static void assertReleased(int port, Probe twin) throws IOException {
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            assertThat(again.getLocalPort()).isEqualTo(port);
        } catch (BindException e) {
            assertThat(twin.answers(port))
                    .as("the twin still answers on port %d", port)
                    .isFalse();
        }
    }

    /**
     * A loopback port that refuses connections for as long as the returned socket is open: it is
     * bound (so nobody else gets it) but not listening. {@code SO_REUSEPORT} lets a test listen on
     * it later without letting it go first.
     */
    public static SocketChannel refusing() throws IOException {
        SocketChannel holder = SocketChannel.open();
        holder.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return holder;
    }

    /** The port of a socket from {@link #refusing}. */
    public static int port(SocketChannel holder) throws IOException {
        return ((InetSocketAddress) holder.getLocalAddress()).getPort();
    }

    /** Starts listening on the port that {@code holder} keeps, with the holder still open. */
    public static ServerSocket listenOn(SocketChannel holder) throws IOException {
        java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        server.bind(holder.getLocalAddress(), 1);
        return server.socket();
    }
}
