package org.pro380.bridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.bridge.TwinReading;
import org.pro380.testkit.Mosquitto;
import org.pro380.testkit.TestCertificates;

/** The MQTT sink publishing to a real broker over TLS, trusting the broker's private CA ({@code --mqtt-ca}). */
class MqttTlsSinkTest {

    private static final String STATE = "pro380/" + MqttSinkTest.SERIAL + "/state";

    @TempDir
    Path dir;

    Mosquitto broker;
    TwinReading meter;
    private final PrintStream err = System.err;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        broker = Mosquitto.startTls(dir);
        meter = TwinReading.start(dir.resolve("state"));
    }

    @AfterEach
    void stop() throws Exception {
        System.setErr(err);
        meter.close();
        broker.close();
    }

    private MqttSink sink(MqttSettings settings) {
        return MqttSink.start(settings, (m, change) -> meter.client.apply(change));
    }

    @Test
    void withTheBrokersCaTheStateReachesASubscriberThatTrustsTheSameCa() throws Exception {
        try (MqttSink sink = sink(MqttSettings.of(broker.uri()).withCaFile(broker.caFile()));
                Observer mqtt = new Observer(broker)) {
            sink.reading(MqttSinkTest.METER, meter.snapshot);
            JsonNode state = Discovery.MAPPER.readTree(mqtt.await(STATE));
            assertThat(state.get("serial").asText()).isEqualTo(MqttSinkTest.SERIAL);
            assertThat(state.get("registers").get("voltage-l1").get("value").asDouble())
                    .isEqualTo(230.0);
            assertThat(mqtt.await("pro380/bridge/availability")).isEqualTo("online");
        }
        assertThat(log()).contains("MQTT: connected to " + broker.uri()).doesNotContain("no connection");
    }

    @Test
    void withTheSystemsTrustOrAnotherCaNothingIsPublishedAndTheLogSaysWhy() throws Exception {
        Path otherCa = TestCertificates.create(dir.resolve("other")).ca();
        for (MqttSettings settings : new MqttSettings[] {
            MqttSettings.of(broker.uri()), MqttSettings.of(broker.uri()).withCaFile(otherCa)
        }) {
            long before = handshakes();
            log.reset();
            try (MqttSink sink = sink(settings)) {
                sink.reading(MqttSinkTest.METER, meter.snapshot);
                await("two handshakes tried", () -> handshakes() >= before + 2);
                assertThat(sink.waiting()).as("readings wait for the broker").isPositive();
            }
            assertThat(log())
                    .contains("MQTT: no connection to " + broker.uri())
                    .contains("PKIX path")
                    .doesNotContain("MQTT: connected");
        }
    }

    @Test
    void aCertificateOfTheTrustedCaForAnotherHostIsRefused() throws Exception {
        TestCertificates elsewhere = TestCertificates.create(dir.resolve("elsewhere"), List.of("DNS:broker.example"));
        try (Mosquitto other = Mosquitto.startTls(Files.createDirectories(dir.resolve("other-broker")), elsewhere);
                MqttSink sink = sink(MqttSettings.of(other.uri()).withCaFile(other.caFile()))) {
            sink.reading(MqttSinkTest.METER, meter.snapshot);
            await(
                    "the bridge logged why it has no connection",
                    () -> log().contains("MQTT: no connection to " + other.uri()));
            assertThat(sink.waiting()).isPositive();
        }
        assertThat(log())
                .contains("No subject alternative names matching IP address 127.0.0.1")
                .doesNotContain("MQTT: connected");
    }

    @Test
    void aBrokerThatAsksForAClientCertificateGetsTheStateOnlyFromABridgeThatShowsOne() throws Exception {
        try (Mosquitto strict =
                Mosquitto.startTlsWithClientCertificate(Files.createDirectories(dir.resolve("strict")))) {
            TestCertificates tls = strict.certificates();
            MqttSettings trusting = MqttSettings.of(strict.uri()).withCaFile(tls.ca());
            try (MqttSink sink = sink(trusting)) {
                sink.reading(MqttSinkTest.METER, meter.snapshot);
                await(
                        "the bridge logged why it has no connection",
                        () -> log().contains("MQTT: no connection to " + strict.uri()));
                assertThat(sink.waiting()).isPositive();
            }
            try (MqttSink sink = sink(trusting.withClientCertificate(tls.clientCertificate(), tls.clientKey()));
                    Observer mqtt = new Observer(strict)) {
                sink.reading(MqttSinkTest.METER, meter.snapshot);
                assertThat(Discovery.MAPPER
                                .readTree(mqtt.await(STATE))
                                .get("serial")
                                .asText())
                        .isEqualTo(MqttSinkTest.SERIAL);
            }
        }
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private long handshakes() {
        try {
            return broker.log()
                    .lines()
                    .filter(l -> l.contains("New connection from 127.0.0.1"))
                    .count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Observer.DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + Observer.DEADLINE + ": " + what);
            }
            Thread.sleep(10);
        }
    }
}
