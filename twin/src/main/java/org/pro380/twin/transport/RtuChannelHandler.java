package org.pro380.twin.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.pro380.protocol.RtuCodec;
import org.pro380.twin.bus.Bus;
import org.pro380.twin.capture.Direction;
import org.pro380.twin.capture.Recorder;
import org.pro380.twin.capture.Tap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves RTU requests on one Netty channel through an {@link RtuSession}; replies wait on the
 * channel's event loop. A silence between two reads of max(3.5 characters at the meter's baud,
 * 50 ms) ends a frame ({@link RtuSession#silence}). While the session is backlogged the channel is
 * not read (autoRead off), and reading resumes as replies leave.
 */
final class RtuChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RtuChannelHandler.class);

    private final Bus bus;
    private final WireTiming timing;
    private final LineWatch watch;
    private final LongSupplier nanoTime;
    private final Recorder recorder;
    private Tap tap = Tap.OFF;
    /** A read's bytes on their way to the session (which keeps none): no array per read but a long one. */
    private final byte[] read = new byte[RtuCodec.MAX_ADU];

    private RtuSession session;
    private boolean heardBefore;
    private long lastRead;

    RtuChannelHandler(Bus bus, WireTiming timing, LineWatch watch, Recorder recorder) {
        this(bus, timing, watch, System::nanoTime, recorder);
    }

    /** With the clock that times silences, for tests. */
    RtuChannelHandler(Bus bus, WireTiming timing, LineWatch watch, LongSupplier nanoTime) {
        this(bus, timing, watch, nanoTime, Recorder.OFF);
    }

    private RtuChannelHandler(Bus bus, WireTiming timing, LineWatch watch, LongSupplier nanoTime, Recorder recorder) {
        this.recorder = recorder;
        this.bus = bus;
        this.timing = timing;
        this.watch = watch;
        this.nanoTime = nanoTime;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        session = new RtuSession(
                bus,
                timing,
                watch,
                new RtuSession.Line() {
                    @Override
                    public void send(byte[] frame, Duration delay, Runnable sent) {
                        RtuChannelHandler.send(ctx, tap, frame, delay, f -> {
                            sent.run();
                            if (!session.backlogged() && !ctx.channel().config().isAutoRead()) {
                                // What arrived while the channel was not read was not silence: time gaps from now.
                                lastRead = nanoTime.getAsLong();
                                ctx.channel().config().setAutoRead(true);
                            }
                        });
                    }

                    @Override
                    public boolean hangUp(Duration delay) {
                        ctx.executor().schedule(() -> ctx.close(), delay.toNanos(), TimeUnit.NANOSECONDS);
                        return true;
                    }
                },
                nanoTime);
    }

    /** Connected: the addresses of the link are known now (a gateway link is dialled after the handler is added). */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        tap = Channels.tap(recorder, ctx.channel());
        session.recordInto(tap);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            long now = nanoTime.getAsLong();
            if (heardBefore && now - lastRead > RtuSession.silenceNanos(bus.line())) {
                session.silence();
            }
            heardBefore = true;
            lastRead = now;
            int n = buf.readableBytes();
            byte[] bytes = n <= read.length ? read : new byte[n];
            buf.readBytes(bytes, 0, n);
            session.receive(bytes, 0, n);
        } finally {
            buf.release();
        }
        if (session.backlogged()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /** Writes {@code frame} after {@code delay}; {@code sent} hears when it has been handed to the socket, or failed. */
    private static void send(
            ChannelHandlerContext ctx, Tap tap, byte[] frame, Duration delay, ChannelFutureListener sent) {
        if (delay.isZero()) {
            write(ctx, tap, frame, sent);
        } else {
            ctx.executor().schedule(() -> write(ctx, tap, frame, sent), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static void write(ChannelHandlerContext ctx, Tap tap, byte[] frame, ChannelFutureListener sent) {
        tap.record(Direction.OUT, frame);
        ctx.writeAndFlush(Channels.forSocket(ctx, frame)).addListener(sent);
    }
}
