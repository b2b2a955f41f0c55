package org.pro380.twin.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A client that pipelines one request over and over as fast as the twin takes the bytes, and
 * never reads a reply: the twin must stop reading it rather than pile up the replies.
 */
public final class NonReadingClient implements AutoCloseable {

    private static final int SOCKET_BUFFER = 64 * 1024;

    private final SocketChannel channel;
    private final Selector selector;

    private NonReadingClient(SocketChannel channel, Selector selector) {
        this.channel = channel;
        this.selector = selector;
    }

    public static NonReadingClient connect(int port) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
        channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
        channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        channel.configureBlocking(false);
        Selector selector = Selector.open();
        channel.register(selector, SelectionKey.OP_WRITE);
        return new NonReadingClient(channel, selector);
    }

    /** Sends copies of {@code request} for {@code trying}; returns how many bytes the twin took. */
    public long flood(byte[] request, Duration trying) throws IOException {
        ByteBuffer copies = copies(request);
        long taken = 0;
        long deadline = System.nanoTime() + trying.toNanos();
        for (long left = trying.toMillis(); left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
            if (selector.select(left) == 0) {
                continue;
            }
            selector.selectedKeys().clear();
            if (!copies.hasRemaining()) {
                copies.rewind();
            }
            taken += channel.write(copies);
        }
        return taken;
    }

    private static ByteBuffer copies(byte[] request) {
        int n = Math.max(1, SOCKET_BUFFER / request.length);
        ByteBuffer copies = ByteBuffer.allocate(n * request.length);
        for (int i = 0; i < n; i++) {
            copies.put(request);
        }
        return copies.flip();
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
