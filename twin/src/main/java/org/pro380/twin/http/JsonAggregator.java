package org.pro380.twin.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;

/**
 * Netty's aggregator, whose refusals (413 body too large, 417 expectation failed) carry the
 * control API's {@code {"error": "..."}} body instead of an empty one.
 *
 * <p>A body announced too large by Content-Length is refused at once and its bytes discarded,
 * so the connection stays usable. A body found too large while it streams in (chunked) is
 * refused and the connection closed, as the rest of it cannot be told from the next request.
 */
final class JsonAggregator extends HttpObjectAggregator {

    private final int maxBytes;

    JsonAggregator(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        boolean close = oversized instanceof FullHttpMessage
                || (!HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized));
        FullHttpResponse response = tooLarge();
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    /** Netty's 100 Continue as it is; its refusals with a JSON body. */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof HttpResponse r && r.status().code() >= 400) {
            int status = r.status().code();
            ReferenceCountUtil.release(response);
            FullHttpResponse json = status == 413
                    ? tooLarge()
                    : NettyResponses.toNetty(
                            HttpVersion.HTTP_1_1,
                            ApiResponse.error(status, "only Expect: 100-continue is supported", Map.of()));
            return json;
        }
        return response;
    }

    private FullHttpResponse tooLarge() {
        return NettyResponses.toNetty(
                HttpVersion.HTTP_1_1,
                ApiResponse.error(413, "the body is larger than " + maxBytes / 1024 + " KiB", Map.of()));
    }
}
