package org.pro380.twin.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds how long one request may take to arrive, from its first byte to its last: a client that
 * trickles its head or its body is answered 408 and closed, so it cannot hold a connection with a
 * byte now and then. Sits in front of the HTTP codec; the handler at the end of the pipeline calls
 * {@link #arrived} for each whole request, on the event loop.
 */
final class RequestDeadline extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadline.class);

    private final Duration limit;
    private ScheduledFuture<?> timer;

    RequestDeadline(Duration limit) {
        this.limit = limit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (timer == null && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            timer = ctx.executor().schedule(() -> expire(ctx), limit.toNanos(), TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelRead(msg);
    }

    /** The request that was arriving is whole; the next one gets its own time. */
    void arrived() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        arrived();
        ctx.fireChannelInactive();
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        LOG.debug("closing {}: no whole request within {}", ctx.channel().remoteAddress(), limit);
        FullHttpResponse timeout = NettyResponses.toNetty(
                HttpVersion.HTTP_1_1,
                ApiResponse.error(408, "the request did not arrive within " + limit.toSeconds() + " s", Map.of()));
        timeout.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.channel().writeAndFlush(timeout).addListener(ChannelFutureListener.CLOSE);
    }
}
