package org.pro380.bridge.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.pro380.bridge.BridgeMeter;
import org.pro380.bridge.ReadingSink;
import org.pro380.bridge.web.HttpServer;
import org.pro380.bridge.web.Page;
import org.pro380.client.HostPort;
import org.pro380.client.Snapshot;
import org.pro380.client.format.ValueText;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

/**
 * The bridge's readings and health as Prometheus metrics (docs/metrics.md): every register of
 * each meter's last reading, and counts of readings, requests and gaps by cause, the time of
 * the last reading and the duration of the last round. A gap removes the meter's values until
 * it is read again, so a scrape never shows old values as current.
 */
public final class PrometheusSink implements ReadingSink {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<BridgeMeter, Snapshot> last = new ConcurrentHashMap<>();
    private final Counter readings = Counter.builder()
            .name("pro380_bridge_readings")
            .help("whole readings taken of a meter")
            .labelNames("meter")
            .register(registry);
    private final Counter requests = Counter.builder()
            .name("pro380_bridge_requests")
            .help("Modbus requests sent for the readings of a meter, retries included")
            .labelNames("meter")
            .register(registry);
    private final Counter gaps = Counter.builder()
            .name("pro380_bridge_gaps")
            .help("turns at which a meter could not be read, by cause")
            .labelNames("meter", "cause")
            .register(registry);
    private final Gauge lastReading = Gauge.builder()
            .name("pro380_bridge_last_reading_timestamp_seconds")
            .help("when the last whole reading of a meter began, in seconds since the epoch")
            .labelNames("meter")
            .register(registry);
    private final Counter rounds = Counter.builder()
            .name("pro380_bridge_rounds")
            .help("rounds over the meters of a connection")
            .labelNames("connection")
            .register(registry);
    private final Gauge roundDuration = Gauge.builder()
            .name("pro380_bridge_round_duration_seconds")
            .help("how long the last round over the meters of a connection took")
            .labelNames("connection")
            .register(registry);
    private final Gauge roundMeters = Gauge.builder()
            .name("pro380_bridge_round_meters")
            .help("meters in the last round of a connection")
            .labelNames("connection")
            .register(registry);

    private final MetricsPage page = new MetricsPage(registry);
    private volatile HttpServer server;

    public PrometheusSink() {
        for (ValueFamily family : ValueFamily.ALL) {
            if (family.counter()) {
                CounterWithCallback.builder()
                        .name(family.name())
                        .help(family.help())
                        .labelNames(ValueFamily.LABELS)
                        .callback(cb -> each(family, cb::call))
                        .register(registry);
            } else {
                GaugeWithCallback.builder()
                        .name(family.name())
                        .help(family.help())
                        .labelNames(ValueFamily.LABELS)
                        .callback(cb -> each(family, cb::call))
                        .register(registry);
            }
        }
    }

    /**
     * A sink whose metrics are served at {@code address}, on a server of their own, until it is
     * closed; a port in use or an unknown host is a one-line IllegalArgumentException.
     */
    public static PrometheusSink serve(HostPort address) {
        PrometheusSink sink = new PrometheusSink();
        try {
            sink.server =
                    HttpServer.start(address.toAddress(), List.of(sink.page), "only " + MetricsPage.PATH + " is here");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "--metrics " + address + ": cannot listen there (" + e.getMessage() + ")");
        }
        return sink;
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** {@code GET /metrics}, for a server that serves other pages too (the web view's). */
    public Page page() {
        return page;
    }

    /** Where {@code /metrics} is served on a server of its own, if it is. */
    public Optional<InetSocketAddress> address() {
        return Optional.ofNullable(server).map(HttpServer::address);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    /** Every value of {@code family} in the meters' last readings, with its labels. */
    private void each(ValueFamily family, BiConsumer<Double, String[]> value) {
        last.forEach((meter, snapshot) -> {
            String serial = ValueText.exact(Registers.SERIAL_NUMBER, snapshot.get(Registers.SERIAL_NUMBER));
            for (Register<?> r : family.registers()) {
                if (snapshot.find(r).orElse(null) instanceof Number n) {
                    String[] where = ValueFamily.labels(r);
                    value.accept(n.doubleValue(), new String[] {label(meter), serial, where[0], where[1], where[2]});
                }
            }
        });
    }

    /** The meter label: the name the user gave it, else its connection and unit id. */
    static String label(BridgeMeter meter) {
        return meter.name().isEmpty() ? meter.connection() + "#" + meter.unitId() : meter.name();
    }

    @Override
    public void reading(BridgeMeter meter, Snapshot snapshot) {
        last.put(meter, snapshot);
        String m = label(meter);
        readings.labelValues(m).inc();
        requests.labelValues(m).inc(snapshot.traffic().requests());
        lastReading.labelValues(m).set(snapshot.time().toEpochMilli() / 1000.0);
    }

    @Override
    public void gap(BridgeMeter meter, Instant time, GapCause cause, String detail) {
        last.remove(meter);
        gaps.labelValues(label(meter), cause.name().toLowerCase(Locale.ROOT)).inc();
    }

    @Override
    public void roundDone(String connection, Duration took, int meters) {
        rounds.labelValues(connection).inc();
        roundDuration.labelValues(connection).set(took.toNanos() / 1e9);
        roundMeters.labelValues(connection).set(meters);
    }
}
