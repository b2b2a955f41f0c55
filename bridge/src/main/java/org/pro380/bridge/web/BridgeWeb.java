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
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's read-only web view: {@code GET /api/meters}, {@code GET /api/meters/{serial}?hours=24}
 * and a live page at {@code /} (no assets from elsewhere), all from the database. Queries run on
 * their own thread, never on Netty's.
 */
public final class BridgeWeb implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeWeb.class);
    private static final int MAX_REQUEST_BYTES = 8192;
    private static final String JSON = "application/json; charset=utf-8";

    private final EventLoopGroup group;
    private final ExecutorService queries;
    private final Channel channel;

    private BridgeWeb(EventLoopGroup group, ExecutorService queries, Channel channel) {
        this.group = group;
        this.queries = queries;
        this.channel = channel;
    }

    public static BridgeWeb start(InetSocketAddress bind, MeterView view) throws IOException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("pro380-web", true), NioIoHandler.newFactory());
        ExecutorService queries = Executors.newSingleThreadExecutor(new DefaultThreadFactory("pro380-web-db", true));
        byte[] page = page();
        try {
            Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                    new Handler(view, queries, page));
                        }
                    }).bind(bind).sync().channel();
            return new BridgeWeb(group, queries, channel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown(group, queries);
            throw new IOException("interrupted while binding " + bind);
        } catch (RuntimeException e) {
            shutdown(group, queries);
            throw new IOException("cannot listen on " + bind.getHostString() + ":" + bind.getPort() + ": " + e.getMessage(), e);
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        shutdown(group, queries);
    }

    private static void shutdown(EventLoopGroup group, ExecutorService queries) {
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        queries.shutdownNow();
    }

    private static byte[] page() throws IOException {
        try (InputStream in = BridgeWeb.class.getResourceAsStream("live.html")) {
            if (in == null) {
                throw new IOException("live.html is missing from the jar");
            }
            return in.readAllBytes();
        }
    }

    /** A response: status, content type, body. */
    record Reply(int status, String type, byte[] body) {
        static Reply json(int status, Object node) {
            return new Reply(status, JSON, (node.toString() + "\n").getBytes(StandardCharsets.UTF_8));
        }

        static Reply error(int status, String message) {
            return json(status, new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("error", message));
        }
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final MeterView view;
        private final ExecutorService queries;
        private final byte[] page;

        Handler(MeterView view, ExecutorService queries, byte[] page) {
            this.view = view;
            this.queries = queries;
            this.page = page;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = io.netty.handler.codec.http.HttpUtil.isKeepAlive(request);
            HttpMethod method = request.method();
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            if (!method.equals(HttpMethod.GET)) {
                send(ctx, Reply.error(405, "the bridge's view is read-only: GET only"), keepAlive);
                return;
            }
            queries.execute(() -> send(ctx, answer(uri.path(), uri.parameters()), keepAlive));
        }

        private Reply answer(String path, Map<String, List<String>> query) {
            try {
                if (path.equals("/") || path.equals("/index.html")) {
                    return new Reply(200, "text/html; charset=utf-8", page);
                }
                if (path.equals("/api/meters")) {
                    return Reply.json(200, view.meters());
                }
                if (path.startsWith("/api/meters/") && path.length() > "/api/meters/".length()) {
                    Optional<Duration> hours = hours(query);
                    if (hours.isEmpty()) {
                        return Reply.error(400, "hours must be a whole number 1..8784, got '" + query.get("hours").get(0) + "'");
                    }
                    String serial = path.substring("/api/meters/".length());
                    return view.meter(serial, hours.get()).map(m -> Reply.json(200, m))
                            .orElseGet(() -> Reply.error(404, "no meter with serial number " + serial));
                }
                return Reply.error(404, "no such page: " + path + "; try /api/meters");
            } catch (java.sql.SQLException e) {
                LOG.warn("web view: {}", e.getMessage());
                return Reply.error(503, "the database cannot be read: " + e.getMessage());
            }
        }

        private static Optional<Duration> hours(Map<String, List<String>> query) {
            List<String> given = query.get("hours");
            if (given == null || given.isEmpty()) {
                return Optional.of(Duration.ofHours(24));
            }
            String text = given.get(0);
            if (!text.matches("\\d{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 8784) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofHours(Integer.parseInt(text)));
        }

        private static void send(ChannelHandlerContext ctx, Reply reply, boolean keepAlive) {
            FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()),
                    Unpooled.wrappedBuffer(reply.body()));
            out.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.type())
                    .set(HttpHeaderNames.CONTENT_LENGTH, reply.body().length)
                    .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
            if (keepAlive) {
                out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(out);
            } else {
                ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
