package org.pro380.twin.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * The event loops and sockets of the TCP transports: Netty's native epoll on Linux where it
 * loads, else Java's NIO ({@code -Dpro380.io=nio} chooses NIO). Epoll's timers fire within
 * microseconds where NIO's selector wakes on whole milliseconds, so that replies held back by
 * wire timing leave when the line would deliver them; it also costs less CPU per request.
 */
public enum IoTransport {
    EPOLL,
    NIO;

    /** The transport of this process: epoll where available, unless NIO is asked for. */
    public static IoTransport best() {
        boolean nioAsked = "nio".equalsIgnoreCase(System.getProperty("pro380.io", ""));
        return !nioAsked && NativeEpoll.LOADS ? EPOLL : NIO;
    }

    public EventLoopGroup group(int threads) {
        return new MultiThreadIoEventLoopGroup(
                threads, this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /** The transport whose event loops {@code group} has. */
    static IoTransport of(EventLoopGroup group) {
        return group.next() instanceof IoEventLoop loop && loop.isCompatible(EpollIoHandle.class) ? EPOLL : NIO;
    }

    static Class<? extends ServerChannel> serverChannel(EventLoopGroup group) {
        return of(group) == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    static Class<? extends Channel> clientChannel(EventLoopGroup group) {
        return of(group) == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** Whether epoll's native library loads; on Linux, once, one line saying why not (an unsupported CPU, a noexec /tmp). */
    private static final class NativeEpoll {
        static final boolean LOADS = loads();

        private static boolean loads() {
            if (Epoll.isAvailable()) {
                return true;
            }
            if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
                // the cause's text, not the cause: a Throwable as the last argument prints its stack trace
                Throwable cause = Epoll.unavailabilityCause();
                LoggerFactory.getLogger(IoTransport.class)
                        .info(
                                "native epoll not available ({}); TCP runs on Java's NIO",
                                Objects.toString(cause.getMessage(), cause.toString()));
            }
            return false;
        }
    }
}
