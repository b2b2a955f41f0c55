package org.pro380.twin.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.pro380.client.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening TCP socket on an NIO event loop group, and the connections it accepted, within
 * {@link ConnectionLimits}: past the cap a new connection gets the listener's refusal (nothing,
 * or an HTTP 503) and is closed; a connection that neither sends nor receives anything for the
 * idle timeout is closed. When accepting fails (no file descriptors left) the listener pauses
 * accepting for a second and says so in one line, at most every {@link #ACCEPT_FAILURE_LOG_SECONDS} s.
 */
public final class TcpListener {

    /** Replies waiting in a connection's outbound buffer above which it is no longer writable. */
    public static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(8 * 1024, 32 * 1024);
    /**
     * The system's send buffer per connection: a meter's replies are small, and a fixed buffer
     * (instead of one that grows to megabytes) makes a client that does not read feel the
     * back-pressure after 64 KiB.
     */
    static final int SEND_BUFFER = 64 * 1024;

    static final long ACCEPT_FAILURE_LOG_SECONDS = 30;
    private static final long ACCEPT_PAUSE_MILLIS = 1000;
    private static final Logger log = LoggerFactory.getLogger(TcpListener.class);

    private final Channel server;
    private final ChannelGroup connections;
    private final HostPort address;

    private TcpListener(Channel server, ChannelGroup connections, HostPort address) {
        this.server = server;
        this.connections = connections;
        this.address = address;
    }

    /**
     * Listens on {@code bind}; {@code pipeline} sets up each accepted connection within
     * {@code limits}, and {@code refusal} (may be empty) is written to one past the cap.
     */
    public static TcpListener bind(
            HostPort bind,
            EventLoopGroup group,
            ConnectionLimits limits,
            byte[] refusal,
            Consumer<ChannelPipeline> pipeline)
            throws TransportException {
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        AtomicInteger open = new AtomicInteger();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(IoTransport.serverChannel(group))
                .handler(new AcceptFailures(bind))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_SNDBUF, SEND_BUFFER)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (open.incrementAndGet() > limits.maxConnections()) {
                            open.decrementAndGet();
                            refuse(ch, bind, limits, refusal);
                            return;
                        }
                        ch.closeFuture().addListener(f -> open.decrementAndGet());
                        connections.add(ch);
                        ch.pipeline()
                                .addLast(new CloseWhenIdle(limits.idleTimeout().toNanos()));
                        pipeline.accept(ch.pipeline());
                    }
                });
        ChannelFuture bound = bootstrap.bind(bind.toAddress()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw Channels.bindFailure(bind, bound.cause());
        }
        int port = ((InetSocketAddress) bound.channel().localAddress()).getPort();
        return new TcpListener(bound.channel(), connections, new HostPort(bind.host(), port));
    }

    private static void refuse(Channel ch, HostPort bind, ConnectionLimits limits, byte[] refusal) {
        log.debug("{}: refused {}, {} connections open", bind, ch.remoteAddress(), limits.maxConnections());
        ch.config().setAutoRead(false);
        ch.writeAndFlush(Unpooled.wrappedBuffer(refusal)).addListener(ChannelFutureListener.CLOSE);
    }

    /** The address as bound, with the port the system chose for port 0. */
    public HostPort address() {
        return address;
    }

    /** Connections open now. */
    public int connections() {
        return connections.size();
    }

    /** Bytes written to the connections and not yet handed to their sockets: replies the twin holds. */
    public long pendingReplyBytes() {
        long pending = 0;
        for (Channel connection : connections) {
            ChannelOutboundBuffer outbound = connection.unsafe().outboundBuffer();
            pending += outbound == null ? 0 : outbound.totalPendingWriteBytes();
        }
        return pending;
    }

    /** The listening channel, for tests that provoke an accept failure. */
    Channel serverChannel() {
        return server;
    }

    /** Stops listening and closes every connection; waits for that unless on an event loop. Never throws. */
    public void close() {
        Channels.closeQuietly(server);
        try {
            Channels.awaitQuietly(connections.close(), server.eventLoop().inEventLoop());
        } catch (RuntimeException e) {
            // The event loop group was shut down first: the connections closed with it.
        }
    }

    /**
     * Closes a connection that neither received nor sent anything for the listener's idle
     * timeout (up to a quarter more). It looks every quarter of the timeout whether anything
     * came or went since, rather than noting the time of every frame as Netty's
     * IdleStateHandler does: two clock reads and a listener a request, where a clock read costs
     * 100 to 300 ns on a virtual machine.
     */
    static final class CloseWhenIdle extends ChannelDuplexHandler {
        /** Looks in a row that found nothing, after which the connection is idle. */
        static final int LOOKS = 4;

        private final long lookNanos;
        private boolean active;
        private int quietLooks;
        private ScheduledFuture<?> looking;

        CloseWhenIdle(long idleNanos) {
            this.lookNanos = Math.max(1, idleNanos / LOOKS);
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            looking = ctx.executor().scheduleAtFixedRate(() -> look(ctx), lookNanos, lookNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            looking.cancel(false);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            looking.cancel(false);
            ctx.fireChannelInactive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            active = true;
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            active = true;
            ctx.write(msg, promise);
        }

        private void look(ChannelHandlerContext ctx) {
            if (active) {
                active = false;
                quietLooks = 0;
            } else if (++quietLooks >= LOOKS) {
                log.debug("closing {}: idle", ctx.channel().remoteAddress());
                looking.cancel(false);
                ctx.close();
            }
        }
    }

    /**
     * On the listening channel: a failed accept (EMFILE, ENFILE, ...) pauses accepting for a second,
     * as Netty itself would, but is logged as one throttled line instead of a stack trace each time.
     */
    static final class AcceptFailures extends ChannelInboundHandlerAdapter {
        private final HostPort bind;
        private final Throttle throttle = new Throttle(ACCEPT_FAILURE_LOG_SECONDS, TimeUnit.SECONDS, System::nanoTime);

        AcceptFailures(HostPort bind) {
            this.bind = bind;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            long heldBack = throttle.pass();
            if (heldBack >= 0) {
                int port = ((InetSocketAddress) ctx.channel().localAddress()).getPort();
                log.warn(
                        "{}: cannot accept a connection ({}); pausing accepts for 1 s{}",
                        bind.withPort(port),
                        Channels.reason(cause),
                        heldBack == 0 ? "" : " (" + heldBack + " more since the last report)");
            }
            ctx.channel().config().setAutoRead(false);
            ctx.executor()
                    .schedule(
                            () -> ctx.channel().config().setAutoRead(true), ACCEPT_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }
}
