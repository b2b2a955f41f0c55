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
    private boolean reading;
    private boolean readAgain;

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

    /**
     * Asks for the next request. On the event loop at once, so that a reply written while its
     * request's bytes are being read keeps the socket registered for reading (through a task it
     * cost two epoll_ctl calls a request); a call made while a read asked for here is delivering
     * a request (an answer written at once) is done by that first call when it returns, so that
     * requests read together do not recurse.
     */
    protected final void readNext(ChannelHandlerContext ctx) {
        if (!ctx.executor().inEventLoop()) {
            ctx.executor().execute(() -> readNext(ctx));
            return;
        }
        if (reading) {
            readAgain = true;
            return;
        }
        reading = true;
        try {
            do {
                readAgain = false;
                wanting = true;
                ctx.read();
            } while (readAgain);
        } finally {
            reading = false;
        }
    }
}
