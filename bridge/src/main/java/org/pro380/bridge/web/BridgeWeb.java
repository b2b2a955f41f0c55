package org.pro380.bridge.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's read-only web view: {@code GET /api/meters}, {@code GET /api/meters/{serial}?hours=24}
 * and a live page at {@code /} (no assets from elsewhere), all from the database; {@code /metrics}
 * too when it is asked for at the same address. Served by the bridge's one {@link HttpServer}.
 */
public final class BridgeWeb implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeWeb.class);

    private final HttpServer server;

    private BridgeWeb(HttpServer server) {
        this.server = server;
    }

    public static BridgeWeb start(InetSocketAddress bind, MeterView view) throws IOException {
        return start(bind, view, List.of());
    }

    /** The view at {@code bind}, and {@code more} pages on the same port (the metrics page). */
    public static BridgeWeb start(InetSocketAddress bind, MeterView view, List<Page> more) throws IOException {
        List<Page> pages = new ArrayList<>(more);
        pages.add(new View(view, page()));
        try {
            return new BridgeWeb(HttpServer.start(bind, pages, "try /api/meters"));
        } catch (IOException e) {
            throw new IOException("cannot listen on " + bind.getHostString() + ":" + bind.getPort() + ": " + e.getMessage(), e);
        }
    }

    public InetSocketAddress address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
    }

    private static byte[] page() throws IOException {
        try (InputStream in = BridgeWeb.class.getResourceAsStream("live.html")) {
            if (in == null) {
                throw new IOException("live.html is missing from the jar");
            }
            return in.readAllBytes();
        }
    }

    /** The page and the REST view, GET only. */
    private record View(MeterView view, byte[] page) implements Page {

        @Override
        public Optional<Reply> answer(Request request) {
            String path = request.path();
            if (!path.equals("/") && !path.equals("/index.html") && !path.startsWith("/api/")) {
                return Optional.empty();
            }
            if (!request.method().equals("GET")) {
                return Optional.of(Reply.notAllowed("GET", "the bridge's view is read-only: GET only"));
            }
            try {
                return Optional.of(get(path, request.query()));
            } catch (SQLException e) {
                LOG.warn("web view: {}", e.getMessage());
                return Optional.of(Reply.error(503, "the database cannot be read: " + e.getMessage()));
            }
        }

        private Reply get(String path, Map<String, List<String>> query) throws SQLException {
            if (path.equals("/") || path.equals("/index.html")) {
                return Reply.of(200, "text/html; charset=utf-8", page);
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
    }
}
