package org.pro380.twin.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.pro380.twin.transport.OneAtATime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty end of the control API: copies each aggregated request into an {@link ApiRequest},
 * lets the {@link Router} answer it on the calls executor (never on the event loop, which the
 * Modbus transports share) and writes the answer. Keep-alive is left to
 * {@code HttpServerKeepAliveHandler}; a request Netty could not parse is answered 400 and the
 * connection closed. An answer that opens an event stream is handed to {@link StateEvents}, which
 * keeps the connection; a further request on that connection closes it. A conditional GET whose
 * If-None-Match names the answer's ETag gets 304 (see {@link PanelAssets#notModified}).
 *
 * <p>One request at a time ({@link OneAtATime}): a client that pipelines requests without reading
 * the answers is no longer read once its socket is full, and never has more than one answer
 * waiting in the twin. A request line of another HTTP version than
 * 1.x (HTTP/2.0, or the HTTP/2 preface {@code PRI * HTTP/2.0}) is answered 505 and closed.
 */
final class ControlApiHandler extends OneAtATime<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(ControlApiHandler.class);

    /** Made by the calls thread's first task; every call runs on that thread after it. */
    private final Future<Router> router;

    private final Executor calls;
    private final StateEvents events;
    private final RequestDeadline deadline;

    ControlApiHandler(Future<Router> router, Executor calls, StateEvents events, RequestDeadline deadline) {
        super(FullHttpRequest.class);
        this.router = router;
        this.calls = calls;
        this.events = events;
        this.deadline = deadline;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        deadline.arrived();
        if (events.streaming(ctx.channel())) {
            closeAfterQueuedWrites(ctx);
            return;
        }
        if (!request.decoderResult().isSuccess()) {
            refuseAndClose(
                    ctx,
                    400,
                    "malformed HTTP request: " + request.decoderResult().cause().getMessage());
            return;
        }
        HttpVersion version = request.protocolVersion();
        if (version.majorVersion() != 1) {
            refuseAndClose(ctx, 505, version.text() + " is not supported here; use HTTP/1.1");
            return;
        }
        Optional<ApiRequest> call = toApiRequest(request);
        if (call.isEmpty()) {
            ctx.writeAndFlush(NettyResponses.toNetty(
                            version, ApiResponse.error(400, "malformed request path: " + request.uri(), Map.of())))
                    .addListener(f -> readNext(ctx));
            return;
        }
        Optional<String> ifNoneMatch = header(request, HttpHeaderNames.IF_NONE_MATCH);
        try {
            calls.execute(() -> answer(ctx, version, ifNoneMatch, dispatch(call.get())));
        } catch (RejectedExecutionException e) {
            ctx.close();
        }
    }

    /** What the router answers; on the calls thread, where the router is made before any call. */
    private ApiResponse dispatch(ApiRequest call) {
        try {
            return router.get().dispatch(call);
        } catch (ExecutionException e) {
            LOG.error("control API: its routes could not be made", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ApiResponse.error(500, "internal error; the twin's log has the details", Map.of());
    }

    private void answer(
            ChannelHandlerContext ctx, HttpVersion version, Optional<String> ifNoneMatch, ApiResponse response) {
        if (events.streaming(ctx.channel())) {
            closeAfterQueuedWrites(ctx); // a request pipelined behind the one that opened the stream
            return;
        }
        if (StateEvents.isOpening(response)) {
            events.open(ctx.channel(), version, response);
            // A stream's client sends nothing more; reading on notices its leaving (and a request closes it).
            ctx.channel().config().setAutoRead(true);
        } else {
            ctx.writeAndFlush(NettyResponses.toNetty(version, PanelAssets.notModified(response, ifNoneMatch)))
                    .addListener(f -> readNext(ctx));
        }
    }

    /** A refusal after which the connection cannot go on: HTTP/1.1 status line, then closed. */
    private static void refuseAndClose(ChannelHandlerContext ctx, int status, String reason) {
        LOG.debug("control API connection {}: {} {}", ctx.channel().remoteAddress(), status, reason);
        FullHttpResponse response =
                NettyResponses.toNetty(HttpVersion.HTTP_1_1, ApiResponse.error(status, reason, Map.of()));
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Closes a streaming connection once the stream's head and first event, which the calls thread
     * may have queued on the event loop just now, are written: a close run straight away from the
     * event loop would overtake them.
     */
    private static void closeAfterQueuedWrites(ChannelHandlerContext ctx) {
        ctx.executor()
                .execute(() ->
                        ctx.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE));
    }

    private static Optional<ApiRequest> toApiRequest(FullHttpRequest request) {
        return ApiRequest.parse(
                request.method().name(),
                request.uri(),
                header(request, HttpHeaderNames.CONTENT_TYPE),
                header(request, HttpHeaderNames.AUTHORIZATION),
                ByteBufUtil.getBytes(request.content()));
    }

    private static Optional<String> header(FullHttpRequest request, CharSequence name) {
        return Optional.ofNullable(request.headers().get(name)).filter(v -> !v.isBlank());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("control API connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
