package org.pro380.bridge.web;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The bridge's one HTTP stack (Netty): one listening port serving the {@link Page}s it is given,
 * the web view's and {@code /metrics} alike, or one of them. Answers are worked out on a thread
 * of their own (a database query, a scrape), never on Netty's; HEAD is GET without the body.
 */
public final class HttpServer implements AutoCloseable {
    private static final int MAX_REQUEST_BYTES = 8192;

    private final EventLoopGroup group;
    private final ExecutorService answers;
    private final Channel channel;

    private HttpServer(EventLoopGroup group, ExecutorService answers, Channel channel) {
        this.group = group;
        this.answers = answers;
        this.channel = channel;
    }

    /**
     * Serves {@code pages} at {@code bind}, asking each in turn; a path none of them takes is a
     * 404 that says {@code hint}. A port in use or an unknown host is an IOException with one line.
     */
    public static HttpServer start(InetSocketAddress bind, List<Page> pages, String hint) throws IOException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("pro380-web", true), NioIoHandler.newFactory());
        ExecutorService answers =
                Executors.newSingleThreadExecutor(new DefaultThreadFactory("pro380-web-answers", true));
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(
                                            new HttpServerCodec(),
                                            new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                            new Handler(List.copyOf(pages), hint, answers));
                        }
                    })
                    .bind(bind)
                    .sync()
                    .channel();
            return new HttpServer(group, answers, channel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown(group, answers);
            throw new IOException("interrupted while binding " + bind);
        } catch (Exception e) { // Netty rethrows the bind's own (checked) exception
            shutdown(group, answers);
            throw new IOException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        shutdown(group, answers);
    }

    private static void shutdown(EventLoopGroup group, ExecutorService answers) {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        answers.shutdownNow();
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final List<Page> pages;
        private final String hint;
        private final ExecutorService answers;

        Handler(List<Page> pages, String hint, ExecutorService answers) {
            this.pages = pages;
            this.hint = hint;
            this.answers = answers;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            Page.Request asked = new Page.Request(
                    request.method().name(),
                    uri.path(),
                    uri.parameters(),
                    Optional.ofNullable(request.headers().get(HttpHeaderNames.AUTHORIZATION)),
                    request.content().toString(StandardCharsets.UTF_8));
            answers.execute(() -> send(ctx, answer(asked), request.method().equals(HttpMethod.HEAD), keepAlive));
        }

        private Reply answer(Page.Request request) {
            for (Page page : pages) {
                Optional<Reply> reply = page.answer(request);
                if (reply.isPresent()) {
                    return reply.get();
                }
            }
            return Reply.error(404, "no such page: " + request.path() + "; " + hint);
        }

        private static void send(ChannelHandlerContext ctx, Reply reply, boolean head, boolean keepAlive) {
            FullHttpResponse out = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(reply.status()),
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body()));
            out.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, reply.type())
                    .set(HttpHeaderNames.CONTENT_LENGTH, reply.body().length)
                    .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
            reply.headers().forEach((name, value) -> out.headers().set(name, value));
            if (keepAlive) {
                out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(out);
            } else {
                ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
