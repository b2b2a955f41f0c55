package org.pro380.twin.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.Future;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.pro380.client.HostPort;
import org.pro380.twin.capture.Link;
import org.pro380.twin.capture.Recorder;
import org.pro380.twin.capture.Tap;

/** Closing and error wording shared by the Netty transports. */
final class Channels {

    private static final long CLOSE_WAIT_MILLIS = 3000;

    private Channels() {}

    /** Where {@code channel}'s frames are recorded, on a link of the far end's address and the twin's. */
    static Tap tap(Recorder recorder, Channel channel) {
        return recorder == Recorder.OFF
                ? Tap.OFF
                : recorder.tap(new Link.Tcp(
                        (InetSocketAddress) channel.remoteAddress(), (InetSocketAddress) channel.localAddress()));
    }

    /**
     * {@code frame} in a buffer for the socket: one of the channel's pooled I/O buffers, which
     * epoll writes as it is (a wrapped array it would first copy into one).
     */
    static ByteBuf forSocket(ChannelHandlerContext ctx, byte[] frame) {
        return ctx.alloc().ioBuffer(frame.length).writeBytes(frame);
    }

    /** Closes {@code channel}, waiting for its port to be released unless called on its own event loop. */
    static void closeQuietly(Channel channel) {
        try {
            if (channel.eventLoop().inEventLoop()) {
                channel.close();
                return;
            }
            channel.close().awaitUninterruptibly(CLOSE_WAIT_MILLIS);
            // NIO frees the socket of a closed channel only at the selector's next select. A task
            // scheduled for later normally runs after that select; a submitted one may run before it.
            channel.eventLoop().schedule(() -> {}, 1, TimeUnit.MILLISECONDS).awaitUninterruptibly(CLOSE_WAIT_MILLIS);
        } catch (RuntimeException e) {
            // An event loop group shut down first: the channel closed with it.
        }
    }

    static void awaitQuietly(Future<?> future, boolean onEventLoop) {
        if (!onEventLoop) {
            future.awaitUninterruptibly(CLOSE_WAIT_MILLIS);
        }
    }

    /** The one-line reason for a failed bind. */
    static TransportException bindFailure(HostPort bind, Throwable cause) {
        if (inUse(cause)) {
            return new TransportException("port " + bind + " is already in use", cause);
        }
        return new TransportException("cannot listen on " + bind + " (" + reason(cause) + ")", cause);
    }

    /** A port in use, as NIO says it (BindException) and as epoll says it (errno EADDRINUSE in the message). */
    private static boolean inUse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    /** What went wrong, in a few words: the root cause's message, e.g. "Connection refused". */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return root.getClass().getSimpleName();
        }
        return root instanceof ConnectException && message.contains(": /")
                ? message.substring(0, message.indexOf(": /"))
                : message;
    }
}
