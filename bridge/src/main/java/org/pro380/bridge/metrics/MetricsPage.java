package org.pro380.bridge.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.pro380.bridge.web.Page;
import org.pro380.bridge.web.Reply;
import org.pro380.client.web.OpenApiDocument.Operation;

/** {@code GET /metrics} in Prometheus's text format, from one registry. */
public final class MetricsPage implements Page {
    public static final String PATH = "/metrics";

    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final PrometheusRegistry registry;

    MetricsPage(PrometheusRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<Operation> operations() {
        return List.of(new Operation(
                "GET",
                PATH,
                "Prometheus metrics: every meter's values and the bridge's health" + " (docs/metrics.md)",
                "text/plain"));
    }

    @Override
    public Optional<Reply> answer(Request request) {
        if (!request.path().equals(PATH)) {
            return Optional.empty();
        }
        if (!request.reads()) {
            return Optional.of(Reply.notAllowed("GET, HEAD", "GET " + PATH));
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            writer.write(body, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail", e);
        }
        return Optional.of(Reply.of(200, writer.getContentType(), body.toByteArray()));
    }
}
