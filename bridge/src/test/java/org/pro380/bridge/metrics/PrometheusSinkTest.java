package org.pro380.bridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.bridge.BridgeMeter;
import org.pro380.bridge.ReadingSink.GapCause;
import org.pro380.bridge.TwinReading;
import org.pro380.bridge.web.BridgeWeb;
import org.pro380.bridge.web.MeterView;
import org.pro380.client.HostPort;
import org.pro380.client.Snapshot;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

/** The bridge's {@code /metrics}, scraped over HTTP after a twin's reading was handed to the sink. */
class PrometheusSinkTest {

    static final BridgeMeter GARAGE = new BridgeMeter("tcp", 1, "garage");
    static final BridgeMeter SHED = new BridgeMeter("tcp", 2, "");

    @TempDir
    Path dir;

    TwinReading meter;
    Snapshot snapshot;
    PrometheusSink sink;

    @BeforeEach
    void start() throws Exception {
        meter = TwinReading.start(dir.resolve("state"));
        snapshot = meter.snapshot;
        sink = PrometheusSink.serve(new HostPort("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        sink.close();
        meter.close();
    }

    @Test
    void everyValueOfAReadingIsScrapedWithItsLabelsAndPromtoolFindsNoProblem() throws Exception {
        sink.reading(GARAGE, snapshot);
        sink.gap(SHED, Instant.now(), GapCause.NO_REPLY, "no reply within 1 s");
        sink.roundDone("tcp", Duration.ofMillis(2500), 2);
        Scrape scrape = Scrape.of(sink.address().orElseThrow());
        scrape.passesPromtool(dir);

        assertSeries(scrape, series("pro380_voltage_volts", "L1", "", ""), Registers.VOLTAGE_L1);
        assertSeries(scrape, series("pro380_current_amperes", "L3", "", ""), Registers.CURRENT_L3);
        assertSeries(scrape, series("pro380_frequency_hertz", "", "", ""), Registers.FREQUENCY);
        assertSeries(scrape, series("pro380_active_power_kilowatts", "", "", ""), Registers.ACTIVE_POWER);
        assertSeries(scrape, series("pro380_reactive_power_kilovars", "L2", "", ""), Registers.REACTIVE_POWER_L2);
        assertSeries(scrape, series("pro380_apparent_power_kilovoltamperes", "", "", ""), Registers.APPARENT_POWER);
        assertSeries(scrape, series("pro380_power_factor", "L1", "", ""), Registers.POWER_FACTOR_L1);
        assertSeries(scrape, series("pro380_quadrant", "", "", ""), Registers.QUADRANT);
        assertSeries(scrape, series("pro380_active_energy_kwh_total", "", "", ""), Registers.ACTIVE_ENERGY);
        assertSeries(
                scrape,
                series("pro380_active_energy_kwh_total", "", "T1", "forward"),
                Registers.FORWARD_ACTIVE_ENERGY_T1);
        assertSeries(
                scrape,
                series("pro380_active_energy_kwh_total", "", "T3", "reverse"),
                Registers.REVERSE_ACTIVE_ENERGY_T3);
        assertSeries(
                scrape,
                series("pro380_reactive_energy_kvarh_total", "L2", "", "forward"),
                Registers.FORWARD_REACTIVE_ENERGY_L2);
        assertSeries(scrape, series("pro380_tariff", "", "", ""), Registers.TARIFF);
        assertSeries(scrape, series("pro380_lcd_cycle_time_seconds", "", "", ""), Registers.LCD_CYCLE_TIME);
        assertSeries(scrape, series("pro380_baud_rate", "", "", ""), Registers.BAUD_RATE);
        assertSeries(scrape, series("pro380_software_version", "", "", ""), Registers.SOFTWARE_VERSION);
        assertThat(scrape.value(series("pro380_voltage_volts", "L1", "", ""))).isEqualTo(230.0);
        assertThat(scrape.value(series("pro380_baud_rate", "", "", ""))).isEqualTo(9600.0);

        long values = scrape.series().keySet().stream()
                .filter(s -> s.startsWith("pro380_") && s.contains("serial=\"22091039\""))
                .count();
        // 87 registers: all but the serial number (a label) and the three current directions (text)
        assertThat(values).isEqualTo(Registers.MAP.all().size() - 4);

        assertThat(scrape.value("pro380_bridge_readings_total{meter=\"garage\"}"))
                .isEqualTo(1.0);
        assertThat(scrape.value("pro380_bridge_requests_total{meter=\"garage\"}"))
                .isEqualTo(3.0);
        assertThat(scrape.value("pro380_bridge_gaps_total{cause=\"no_reply\",meter=\"tcp#2\"}"))
                .isEqualTo(1.0);
        assertThat(scrape.value("pro380_bridge_last_reading_timestamp_seconds{meter=\"garage\"}"))
                .isEqualTo(snapshot.time().toEpochMilli() / 1000.0);
        assertThat(scrape.value("pro380_bridge_round_duration_seconds{connection=\"tcp\"}"))
                .isEqualTo(2.5);
        assertThat(scrape.value("pro380_bridge_rounds_total{connection=\"tcp\"}"))
                .isEqualTo(1.0);
        assertThat(scrape.value("pro380_bridge_round_meters{connection=\"tcp\"}"))
                .isEqualTo(2.0);
    }

    @Test
    void aGapTakesTheMetersValuesAwayUntilItIsReadAgain() throws Exception {
        sink.reading(GARAGE, snapshot);
        sink.gap(GARAGE, Instant.now(), GapCause.CRC_ERROR, "CRC error");
        Scrape scrape = Scrape.of(sink.address().orElseThrow());
        assertThat(scrape.series().keySet()).noneMatch(s -> s.startsWith("pro380_voltage_volts"));
        assertThat(scrape.value("pro380_bridge_gaps_total{cause=\"crc_error\",meter=\"garage\"}"))
                .isEqualTo(1.0);
        sink.reading(GARAGE, snapshot);
        assertSeries(
                Scrape.of(sink.address().orElseThrow()),
                series("pro380_voltage_volts", "L2", "", ""),
                Registers.VOLTAGE_L2);
    }

    @Test
    void theWebViewServesTheMetricsOnItsOwnPortThroughTheSameHttpStack() throws Exception {
        PrometheusSink shared = new PrometheusSink();
        shared.reading(GARAGE, snapshot);
        try (BridgeWeb web = BridgeWeb.start(
                new InetSocketAddress("127.0.0.1", 0),
                new MeterView(dir.resolve("bridge.db"), Clock.systemUTC()),
                List.of(shared.page()))) {
            Scrape scrape = Scrape.of(web.address());
            scrape.passesPromtool(dir);
            assertSeries(scrape, series("pro380_voltage_volts", "L1", "", ""), Registers.VOLTAGE_L1);
            assertThat(shared.address()).as("no server of its own").isEmpty();
            HttpResponse<String> live = get(web.address(), "GET", "/");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.body()).contains("<title>pro380 bridge</title>");
        }
    }

    @Test
    void onlyGetAndHeadOfMetricsAreServed() throws Exception {
        InetSocketAddress at = sink.address().orElseThrow();
        HttpResponse<String> head = get(at, "HEAD", "/metrics");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        HttpResponse<String> post = get(at, "POST", "/metrics");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(get(at, "GET", "/").statusCode()).isEqualTo(404);
        assertThat(get(at, "GET", "/").body()).contains("only /metrics is here");
    }

    private static HttpResponse<String> get(InetSocketAddress at, String method, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + path))
                                .method(method, HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void badAddressesAreOneLineErrors() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HostPort.parseListener("localhost:metrics"))
                .hasMessage("port is not a number in \"localhost:metrics\"");
        assertThat(HostPort.parseListener("9100")).isEqualTo(new HostPort("127.0.0.1", 9100));
        assertThat(HostPort.parseListener("[::1]:9100")).isEqualTo(new HostPort("::1", 9100));
        int taken = sink.address().orElseThrow().getPort();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PrometheusSink.serve(new HostPort("127.0.0.1", taken)))
                .hasMessageStartingWith("--metrics 127.0.0.1:" + taken + ": cannot listen there (");
    }

    /** A value series of meter "garage" as the exposition writes it: labels in alphabetical order. */
    private static String series(String name, String phase, String tariff, String direction) {
        return name + "{direction=\"" + direction + "\",meter=\"garage\",phase=\"" + phase
                + "\",serial=\"22091039\",tariff=\"" + tariff + "\"}";
    }

    private void assertSeries(Scrape scrape, String series, Register<?> register) {
        assertThat(scrape.value(series)).as(series).isEqualTo(((Number) snapshot.get(register)).doubleValue());
    }
}
