package org.pro380.bridge.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.pro380.client.web.ChartAsset;
import org.pro380.client.web.OpenApiDocument;
import org.pro380.client.web.OpenApiDocument.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's read-only web view: {@code GET /api/meters}, {@code GET /api/meters/{serial}?hours=24}
 * and a live page at {@code /} with its chart files ({@code /assets/}, from the jar, nothing from
 * elsewhere), all from the database, and {@code GET /api/openapi.json} describing them; {@code /metrics}
 * too when it is asked for at the same address. Served by the bridge's one {@link HttpServer}.
 */
public final class BridgeWeb implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeWeb.class);
    static final String OPENAPI = "/api/openapi.json";

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
        pages.add(new View(
                view,
                page(),
                () -> pages.stream().flatMap(p -> p.operations().stream()).toList()));
        try {
            return new BridgeWeb(HttpServer.start(bind, List.copyOf(pages), "try /api/meters"));
        } catch (IOException e) {
            throw new IOException(
                    "cannot listen on " + bind.getHostString() + ":" + bind.getPort() + ": " + e.getMessage(), e);
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

    /** The page, the REST view, the charts' files and their description: GET only, from one route table. */
    private static final class View implements Page {

        @FunctionalInterface
        private interface Answer {
            /** {@code last}: the path's last segment, for a route ending in a parameter. */
            Reply answer(String last, Map<String, List<String>> query) throws SQLException;
        }

        /** A route: a path, ending in one {@code {parameter}} segment at most; what it is; the type of its answer. */
        private record Route(String path, String summary, String media, Answer answer) {
            boolean matches(String requested) {
                if (!path.endsWith("}")) {
                    return requested.equals(path);
                }
                String prefix = path.substring(0, path.lastIndexOf('/') + 1);
                String last = requested.substring(Math.min(prefix.length(), requested.length()));
                return requested.startsWith(prefix) && !last.isEmpty() && last.indexOf('/') < 0;
            }
        }

        private final List<Route> routes;

        View(MeterView view, byte[] page, Supplier<List<Operation>> described) {
            String html = "text/html; charset=utf-8";
            Answer live = (last, query) -> Reply.of(200, html, page);
            routes = List.of(
                    new Route(
                            "/",
                            "the live page: the last readings and a chart of each meter's power over 24 h",
                            "text/html",
                            live),
                    new Route("/index.html", "the live page, by its file name", "text/html", live),
                    new Route(
                            "/assets/{file}",
                            "the live page's chart files: uplot.js, uplot.css, chart.js",
                            "*/*",
                            (file, query) -> ChartAsset.named(file)
                                    .map(a -> Reply.of(200, a.contentType(), a.bytes()))
                                    .orElseGet(() -> Reply.error(404, "no such file: /assets/" + file))),
                    new Route(
                            "/api/meters",
                            "every meter with its last row and its last reading",
                            "application/json",
                            (last, query) -> Reply.json(200, view.meters())),
                    new Route(
                            "/api/meters/{serial}",
                            "one meter, with its history of the last ?hours=24 (1..8784)",
                            "application/json",
                            (serial, query) -> meter(view, serial, query)),
                    new Route(
                            OPENAPI,
                            "this description of the bridge's web API (OpenAPI 3)",
                            "application/json",
                            (last, query) -> Reply.json(200, openApi(described.get()))));
        }

        @Override
        public List<Operation> operations() {
            return routes.stream()
                    .map(r -> new Operation("GET", r.path(), r.summary(), r.media()))
                    .toList();
        }

        @Override
        public Optional<Reply> answer(Request request) {
            String path = request.path();
            Optional<Route> route = routes.stream().filter(r -> r.matches(path)).findFirst();
            if (route.isEmpty()) {
                return Optional.empty();
            }
            if (!request.method().equals("GET")) {
                return Optional.of(Reply.notAllowed("GET", "the bridge's view is read-only: GET only"));
            }
            try {
                return Optional.of(
                        route.get().answer().answer(path.substring(path.lastIndexOf('/') + 1), request.query()));
            } catch (SQLException e) {
                LOG.warn("web view: {}", e.getMessage());
                return Optional.of(Reply.error(503, "the database cannot be read: " + e.getMessage()));
            }
        }

        private static Reply meter(MeterView view, String serial, Map<String, List<String>> query) throws SQLException {
            Optional<Duration> hours = hours(query);
            if (hours.isEmpty()) {
                return Reply.error(
                        400,
                        "hours must be a whole number 1..8784, got '"
                                + query.get("hours").get(0) + "'");
            }
            return view.meter(serial, hours.get())
                    .map(m -> Reply.json(200, m))
                    .orElseGet(() -> Reply.error(404, "no meter with serial number " + serial));
        }

        private static JsonNode openApi(List<Operation> operations) {
            return OpenApiDocument.of(
                    "pro380 bridge web API",
                    "The bridge's read-only view of its database (docs/bridge.md):"
                            + " GET only, no login; bind it to loopback or put it behind a proxy.",
                    operations);
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
