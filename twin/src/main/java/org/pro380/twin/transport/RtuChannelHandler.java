package org.pro380.twin.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.pro380.meter.MeterServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves RTU requests on one Netty channel through an {@link RtuSession}; replies wait on the channel's event loop. */
final class RtuChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RtuChannelHandler.class);

    private final MeterServer server;
    private final WireTiming timing;
    private RtuSession session;

    RtuChannelHandler(MeterServer server, WireTiming timing) {
        this.server = server;
        this.timing = timing;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        session = new RtuSession(server, timing, (frame, delay, sent) -> send(ctx, frame, delay, sent));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            byte[] bytes = ByteBufUtil.getBytes(buf);
            session.receive(bytes, 0, bytes.length);
        } finally {
            buf.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private static void send(ChannelHandlerContext ctx, byte[] frame, Duration delay, Runnable sent) {
        Runnable write = () -> ctx.writeAndFlush(Unpooled.wrappedBuffer(frame))
                .addListener((ChannelFutureListener) f -> sent.run());
        if (delay.isZero()) {
            write.run();
        } else {
            ctx.executor().schedule(write, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
