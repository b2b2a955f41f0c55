package org.pro380.twin.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.pro380.client.HostPort;
import org.pro380.twin.bus.Bus;
import org.pro380.twin.capture.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects out to a transparent RS485-to-Ethernet gateway and serves the RTU requests that arrive
 * on that connection, as a meter on the gateway's bus would. Keeps reconnecting while open:
 * 0.5 s after a failure or a lost connection, doubling to 30 s, back to 0.5 s after a connect.
 * All connection state lives on one event loop of the caller's NIO group.
 */
public final class RtuGatewayClient implements Transport {

    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;
    private static final long BARRIER_WAIT_MILLIS = 3000;
    private static final Logger log = LoggerFactory.getLogger(RtuGatewayClient.class);

    private final HostPort gateway;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final Backoff backoff = new Backoff(FIRST_RETRY, MAX_RETRY);
    private volatile Channel channel;
    private volatile ScheduledFuture<?> retry;
    private volatile boolean closed;

    private RtuGatewayClient(HostPort gateway, Bus bus, WireTiming timing, EventLoopGroup group, Recorder recorder) {
        this.gateway = gateway;
        this.loop = group.next();
        LineWatch watch = timing.enabled() ? LineWatch.of(this::describe, bus.line()) : LineWatch.silent();
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(IoTransport.clientChannel(group))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .remoteAddress(gateway.host(), gateway.port())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new RtuChannelHandler(bus, timing, watch, recorder));
                    }
                });
    }

    /** Starts connecting to {@code gateway}; an unreachable gateway is logged and retried, never thrown. */
    public static RtuGatewayClient start(HostPort gateway, Bus bus, WireTiming timing, EventLoopGroup group) {
        return start(gateway, bus, timing, group, Recorder.OFF);
    }

    /** As {@link #start(HostPort, Bus, WireTiming, EventLoopGroup)}, recording the link's frames. */
    public static RtuGatewayClient start(
            HostPort gateway, Bus bus, WireTiming timing, EventLoopGroup group, Recorder recorder) {
        RtuGatewayClient client = new RtuGatewayClient(gateway, bus, timing, group, recorder);
        client.loop.execute(client::connect);
        return client;
    }

    /** Whether the connection to the gateway is up now. */
    public boolean connected() {
        Channel c = channel;
        return c != null && c.isActive();
    }

    @Override
    public String describe() {
        return "RTU over TCP to gateway " + gateway;
    }

    @Override
    public void close() {
        closed = true;
        if (!loop.inEventLoop()) {
            try {
                // A connect that completed before `closed` was seen publishes its channel first.
                loop.submit(() -> {}).awaitUninterruptibly(BARRIER_WAIT_MILLIS);
            } catch (RejectedExecutionException e) {
                return;
            }
        }
        ScheduledFuture<?> pending = retry;
        if (pending != null) {
            pending.cancel(false);
        }
        Channel c = channel;
        if (c != null) {
            Channels.closeQuietly(c);
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        bootstrap.connect().addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                onConnected(f.channel());
            } else {
                retryLater(unreachable(gateway, f.cause()));
            }
        });
    }

    private void onConnected(Channel ch) {
        if (closed) {
            ch.close();
            return;
        }
        channel = ch;
        backoff.reset();
        log.info("connected to gateway {}", gateway);
        ch.closeFuture().addListener(f -> {
            channel = null;
            retryLater("gateway " + gateway + " closed the connection");
        });
    }

    private void retryLater(String what) {
        if (closed) {
            return;
        }
        Duration delay = backoff.next();
        log.warn("{}, retrying in {}", what, seconds(delay));
        try {
            retry = loop.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("event loop stopped; no more attempts to reach gateway {}", gateway);
        }
    }

    /** "gateway 127.0.0.1:4001 unreachable (Connection refused)". */
    static String unreachable(HostPort gateway, Throwable cause) {
        return "gateway " + gateway + " unreachable (" + Channels.reason(cause) + ")";
    }

    /** "2.0 s". */
    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
