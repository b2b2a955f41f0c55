package org.pro380.twin.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/**
 * The end of a pipeline that answers one request at a time, as a gateway does: the channel does
 * not read by itself (autoRead off), Netty's {@code FlowControlHandler} in front of this handler
 * holds the requests decoded from one read and passes one on per read, and the subclass calls
 * {@link #readNext} once its answer has been handed to the socket. A client that sends requests
 * without reading the answers is thus no longer read once its socket buffers are full: the twin
 * never holds more than one answer and one read's worth of requests for it.
 *
 * <p>Netty's FlowControlHandler forgets a read that found nothing to pass on when the read is
 * complete, so a read still wanted then (a request that came in pieces) is asked for again.
 */
public abstract class OneAtATime<I> extends SimpleChannelInboundHandler<I> {

    private boolean wanting;

    protected OneAtATime(Class<I> type) {
        super(type);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        wanting = true;
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        wanting = false;
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (wanting) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    /** Asks for the next request, from the event loop's queue: an answer written at once would otherwise recurse. */
    protected final void readNext(ChannelHandlerContext ctx) {
        ctx.executor().execute(() -> {
            wanting = true;
            ctx.read();
        });
    }
}
