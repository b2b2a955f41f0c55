package org.pro380.twin.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/events} and {@code GET /api/meters/{k}/events}: a meter's state document pushed
 * as server-sent events, for the front panel.
 *
 * <pre>
 * HTTP/1.1 200 OK
 * Content-Type: text/event-stream; charset=utf-8
 * Transfer-Encoding: chunked
 *
 * retry: 2000                      the client reconnects 2 s after a lost connection
 *
 * event: state                     one event per period (500 ms): the GET /api/state document, one line
 * data: {"powered":true,...}
 *
 * : keep-alive                     a comment every 15 s
 * </pre>
 *
 * The router answers the request with the opening (retry and the first event, built on the calls
 * thread like any answer, which names the stream's source: {@link ApiResponse#events}); {@link #open}
 * then keeps the connection as a stream. One ticker thread builds each source's document once per
 * period and hands the same bytes to every stream of that source (sources are told apart by
 * {@code equals}, so the endpoints give one meter's streams equal sources); Netty writes each
 * chunk on its channel's event loop, so a slow client never holds up the Modbus transports. A client
 * that stops reading gets no more events until its socket drains (each event is the whole state, so
 * skipping is harmless) and is dropped after {@link #STALL_LIMIT} without progress. A stream ends
 * when the client closes its connection, or with the last chunk when the API closes; past
 * {@link #MAX_STREAMS} at once a new one is refused with 503 and Retry-After.
 */
final class StateEvents implements AutoCloseable {

    static final String PATH = "/api/events";
    static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";
    static final int MAX_STREAMS = 32;
    static final Duration PERIOD = Duration.ofMillis(500);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    static final Duration STALL_LIMIT = Duration.ofSeconds(60);
    static final Duration RETRY = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(StateEvents.class);
    private static final byte[] KEEP_ALIVE_COMMENT = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    /** One open stream, where its documents come from, and how many ticks in a row its socket refused more data. */
    private static final class Stream {
        final Channel channel;
        final Supplier<JsonNode> source;
        int stalledTicks;

        Stream(Channel channel, Supplier<JsonNode> source) {
            this.channel = channel;
            this.source = source;
        }
    }

    private final int maxStreams;
    private final long periodMillis;
    private final long keepAliveTicks;
    private final long stallTicks;
    private final Map<Channel, Stream> streams = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;
    private long ticks;
    /** Set by {@link #close} under the streams' lock: a stream opened after it ends at once. */
    private boolean closed;

    StateEvents(int maxStreams, Duration period) {
        if (maxStreams < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(
                    "need maxStreams >= 1 and a period > 0, got " + maxStreams + ", " + period);
        }
        this.maxStreams = maxStreams;
        this.periodMillis = period.toMillis();
        this.keepAliveTicks = Math.max(1, KEEP_ALIVE.toMillis() / periodMillis);
        this.stallTicks = Math.max(1, STALL_LIMIT.toMillis() / periodMillis);
        this.ticker = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("pro380-events", true));
        ticker.scheduleAtFixedRate(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * The answer that opens a stream: the retry delay and the first event, {@code source}'s
     * document now; {@code source} gives the further events (called on the ticker thread).
     */
    static ApiResponse opening(Supplier<JsonNode> source) {
        byte[] retry = ("retry: " + RETRY.toMillis() + "\n\n").getBytes(StandardCharsets.UTF_8);
        return new ApiResponse(
                200,
                CONTENT_TYPE,
                concat(retry, event("state", Json.bytes(source.get()))),
                Map.of(),
                Optional.of(source));
    }

    /** Whether a router answer is the opening of a stream rather than a whole response. */
    static boolean isOpening(ApiResponse response) {
        return response.events().isPresent();
    }

    /**
     * One event: {@code event: NAME}, then {@code data: } per line of the payload, then a blank
     * line. (The JSON written by {@link Json} has no line breaks, so it is one data line.)
     */
    static byte[] event(String name, byte[] payload) {
        StringBuilder out = new StringBuilder(payload.length + 32)
                .append("event: ")
                .append(name)
                .append('\n');
        for (String line : new String(payload, StandardCharsets.UTF_8).split("\r\n|\r|\n", -1)) {
            out.append("data: ").append(line).append('\n');
        }
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Turns the connection into a stream that starts with {@code opening}, or answers 503 when
     * {@code maxStreams} are open already. Called on the calls thread; the writes run on the
     * channel's event loop.
     */
    void open(Channel channel, HttpVersion version, ApiResponse opening) {
        Supplier<JsonNode> source =
                opening.events().orElseThrow(() -> new IllegalArgumentException("not the opening of an event stream"));
        synchronized (streams) {
            if (streams.size() >= maxStreams) {
                FullHttpResponse busy = NettyResponses.toNetty(
                        version,
                        ApiResponse.error(
                                503,
                                "too many event streams open (" + maxStreams + "); close one or poll GET /api/state",
                                Map.of("Retry-After", String.valueOf(RETRY.toSeconds()))));
                channel.writeAndFlush(busy);
                return;
            }
            // head and opening are queued before the ticker can see the stream, so they go first
            channel.write(head(version));
            Stream stream = new Stream(channel, source);
            write(stream, opening.body());
            if (closed) {
                channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                return;
            }
            streams.put(channel, stream);
        }
        channel.closeFuture().addListener(f -> streams.remove(channel));
    }

    /**
     * The response head: chunked on HTTP/1.1; on HTTP/1.0, which has no chunks, the body simply
     * runs until the connection closes.
     */
    private static HttpResponse head(HttpVersion version) {
        HttpResponse head = new DefaultHttpResponse(version, HttpResponseStatus.OK);
        head.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .set("X-Accel-Buffering", "no");
        if (version.isKeepAliveDefault()) {
            head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        } else {
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return head;
    }

    /** How many streams are open now. */
    int openStreams() {
        return streams.size();
    }

    /** Whether the channel carries a stream (and so takes no further requests). */
    boolean streaming(Channel channel) {
        return streams.containsKey(channel);
    }

    /** One period: its source's state to every stream that can take it. Never throws, so the ticker goes on. */
    private void tick() {
        if (streams.isEmpty()) {
            return;
        }
        ticks++;
        boolean keepAlive = ticks % keepAliveTicks == 0;
        Map<Supplier<JsonNode>, Optional<byte[]>> chunks = new HashMap<>();
        for (Stream stream : streams.values()) {
            if (!stream.channel.isActive()) {
                continue;
            }
            if (stream.channel.isWritable()) {
                stream.stalledTicks = 0;
                chunks.computeIfAbsent(stream.source, source -> chunk(source, keepAlive))
                        .ifPresent(chunk -> write(stream, chunk));
            } else if (++stream.stalledTicks >= stallTicks) {
                LOG.debug("event stream to {} stalled for {}; closing it", stream.channel.remoteAddress(), STALL_LIMIT);
                stream.channel.close();
            }
        }
    }

    /** One event of {@code source}, or empty (logged) if its state could not be built: that event is skipped. */
    private static Optional<byte[]> chunk(Supplier<JsonNode> source, boolean keepAlive) {
        byte[] chunk;
        try {
            chunk = event("state", Json.bytes(source.get()));
        } catch (RuntimeException e) {
            LOG.error("the state for an event stream could not be built; skipping one event", e);
            return Optional.empty();
        }
        return Optional.of(keepAlive ? concat(chunk, KEEP_ALIVE_COMMENT) : chunk);
    }

    private static void write(Stream stream, byte[] bytes) {
        stream.channel
                .writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)))
                .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Stops the ticker and ends every stream properly (the last, empty chunk), waiting up to a
     * second for those writes, so that clients see the end of the response rather than a broken
     * one; the connections are then closed with the others by the API.
     */
    @Override
    public void close() {
        ticker.shutdownNow();
        List<ChannelFuture> ends = new ArrayList<>();
        // Under the lock of open(): a stream is either seen here or sees `closed` and ends itself.
        synchronized (streams) {
            closed = true;
            for (Stream stream : streams.values()) {
                if (stream.channel.isActive()) {
                    ends.add(stream.channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (ChannelFuture end : ends) {
            end.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }
}
