package org.pro380.twin.transport;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import java.net.BindException;
import java.net.ConnectException;
import org.pro380.twin.HostPort;

/** Closing and error wording shared by the Netty transports. */
final class Channels {

    private static final long CLOSE_WAIT_MILLIS = 3000;

    private Channels() {
    }

    /** Closes {@code channel}, waiting for its port to be released unless called on its own event loop. */
    static void closeQuietly(Channel channel) {
        try {
            awaitQuietly(channel.close(), channel.eventLoop().inEventLoop());
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
        if (cause instanceof BindException && String.valueOf(cause.getMessage()).contains("in use")) {
            return new TransportException("port " + bind + " is already in use", cause);
        }
        return new TransportException("cannot listen on " + bind + " (" + reason(cause) + ")", cause);
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
                ? message.substring(0, message.indexOf(": /")) : message;
    }
}
