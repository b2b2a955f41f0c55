package org.pro380.twin.http;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.pro380.client.HostPort;
import org.pro380.twin.TwinSite;
import org.pro380.twin.transport.ConnectionLimits;
import org.pro380.twin.transport.TcpListener;
import org.pro380.twin.transport.Transport;
import org.pro380.twin.transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The twin's control API: HTTP/1.1 and JSON on one listening socket (see the package
 * documentation for the calls), with the front panel and its event stream. Netty parses HTTP and
 * keeps connections alive; the calls run one at a time on a thread of their own, so a slow
 * power-off save never holds up a Modbus transport sharing the event loop group. The event streams
 * are fed by a thread of their own ({@link StateEvents}), and the panel's charts' history is
 * sampled by another ({@link MeterHistory}).
 */
public final class ControlApi implements Transport {

    /** The largest request body accepted; a larger one is answered 413. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** How long one request may take to arrive, head and body; a slower one is answered 408. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** {@link ApiResponse#error}'s body for a connection past the cap. */
    static final String TOO_MANY_CONNECTIONS_BODY = "{\"error\":\"too many connections open; try again later\"}";
    /** What a connection past the cap gets before it is closed. */
    static final byte[] TOO_MANY_CONNECTIONS = refusal();

    private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);

    private final TcpListener listener;
    private final ExecutorService calls;
    private final StateEvents events;
    private final MeterHistory history;

    private ControlApi(TcpListener listener, ExecutorService calls, StateEvents events, MeterHistory history) {
        this.listener = listener;
        this.calls = calls;
        this.events = events;
        this.history = history;
    }

    /**
     * Listens on {@code bind}, serving every meter of {@code site}. Changes (PUT, POST) need {@code Authorization: Bearer TOKEN} if a
     * token is given, and always on a non-loopback address, where without a token they are refused.
     *
     * @param group an NIO event loop group, shared with the other transports; not closed here
     * @param limits connections at once, and how long a kept-alive connection may wait for its next request
     */
    public static ControlApi start(
            HostPort bind, TwinSite site, Optional<String> token, EventLoopGroup group, ConnectionLimits limits)
            throws TransportException {
        TokenCheck tokens = TokenCheck.forBind(bind.isLoopback(), token);
        if (tokens.refusesAll()) {
            LOG.warn("control API on {} is not loopback-only and has no token: it is read-only", bind);
        }
        MeterHistory history = MeterHistory.start(site);
        ExecutorService calls = Executors.newSingleThreadExecutor(new DefaultThreadFactory("pro380-http", true));
        // Made by the calls thread, as its first task, while the twin powers its meters on: the
        // routes, their JSON mapper and the panel's files are a tenth of a second of the start
        // that the first Modbus read need not wait for. Every call is a later task of that thread.
        Future<Router> router = calls.submit(() -> ControlEndpoints.router(site, tokens, history));
        StateEvents events = new StateEvents(StateEvents.MAX_STREAMS, StateEvents.PERIOD);
        try {
            TcpListener listener = TcpListener.bind(bind, group, limits, TOO_MANY_CONNECTIONS, pipeline -> {
                pipeline.channel().config().setAutoRead(false);
                RequestDeadline deadline = new RequestDeadline(REQUEST_TIMEOUT);
                pipeline.addLast(deadline)
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpServerKeepAliveHandler())
                        .addLast(new JsonAggregator(MAX_BODY_BYTES))
                        .addLast(new FlowControlHandler())
                        .addLast(new ControlApiHandler(router, calls, events, deadline));
            });
            return new ControlApi(listener, calls, events, history);
        } catch (TransportException e) {
            calls.shutdown();
            events.close();
            history.close();
            throw e;
        }
    }

    /**
     * "HTTP/1.1 503" with a JSON reason and Connection: close, as raw bytes (the connection has no
     * codec yet). The body is {@link ApiResponse#error}'s, written here so that a start does not
     * wait for the JSON mapper (ConnectionsTest checks that they are equal).
     */
    private static byte[] refusal() {
        byte[] body = TOO_MANY_CONNECTIONS_BODY.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: " + ApiResponse.JSON + "\r\nContent-Length: "
                + body.length + "\r\nRetry-After: 5\r\nConnection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    /** Answer bytes written and not yet taken by the clients' sockets. */
    long pendingReplyBytes() {
        return listener.pendingReplyBytes();
    }

    /** The port listened on (the one picked, if started on port 0). */
    public int port() {
        return listener.address().port();
    }

    /** How many event streams ({@code GET /api/events}) are open now. */
    int eventStreams() {
        return events.openStreams();
    }

    @Override
    public String describe() {
        return "control API on http://" + listener.address() + "/";
    }

    @Override
    public void close() {
        try {
            events.close();
            history.close();
            listener.close();
        } finally {
            calls.shutdown();
        }
    }
}
