package org.pro380.bridge.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@code GET /metrics} in Prometheus's text format, from one registry; nothing else. */
public final class MetricsServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pro380-metrics");
        t.setDaemon(true);
        return t;
    });
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final PrometheusRegistry registry;

    private MetricsServer(HttpServer server, PrometheusRegistry registry) {
        this.server = server;
        this.registry = registry;
    }

    /** Serves {@code registry} at {@code address}; a port in use or an unknown host is a one-line IllegalArgumentException. */
    public static MetricsServer start(MetricsAddress address, PrometheusRegistry registry) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(address.host(), address.port()), 16);
        } catch (IOException e) {
            throw new IllegalArgumentException("--metrics " + address + ": cannot listen there (" + e.getMessage() + ")");
        }
        MetricsServer server = new MetricsServer(http, registry);
        http.setExecutor(server.executor);
        http.createContext("/", server::answer);
        http.start();
        return server;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                send(exchange, 404, "text/plain; charset=utf-8", "only /metrics is here\n".getBytes(StandardCharsets.UTF_8));
            } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "GET /metrics\n".getBytes(StandardCharsets.UTF_8));
            } else {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                writer.write(body, registry.scrape());
                send(exchange, 200, writer.getContentType(), body.toByteArray());
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
