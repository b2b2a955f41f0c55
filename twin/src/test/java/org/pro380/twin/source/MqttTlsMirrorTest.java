package org.pro380.twin.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pro380.twin.source.MirrorTwins.await;
import static org.pro380.twin.source.MqttMirrorTest.connected;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.client.ExceptionReplyException;
import org.pro380.client.Pro380Client;
import org.pro380.client.tls.ClientIdentity;
import org.pro380.client.tls.TrustedCertificates;
import org.pro380.protocol.ExceptionCode;
import org.pro380.registers.Registers;
import org.pro380.testkit.Mosquitto;
import org.pro380.testkit.TestCertificates;
import org.pro380.twin.ConfigFile;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.transport.CapturedLog;

/** A twin that mirrors a topic of a real broker over TLS (mosquitto on 127.0.0.1 with a private CA). */
class MqttTlsMirrorTest {

    private static final String TOPIC = MqttMirrorTest.TOPIC;

    @TempDir
    Path dir;

    private static SourceSpec source(Mosquitto broker) {
        return SourceSpec.of(broker.uri() + "/" + TOPIC);
    }

    private static TrustedCertificates ca(Path pem) {
        return TrustedCertificates.read("--source-ca", pem);
    }

    private Twin mirror(SourceSpec source) throws Exception {
        return Twin.start(MirrorTwins.twin(dir.resolve("state")).source(source).build());
    }

    /** A client of the test's own that trusts the broker's CA, with a client certificate, logged in if the broker wants it. */
    private static Mqtt5BlockingClient publisher(Mosquitto broker, Optional<String> user, Optional<String> password) {
        Mqtt5BlockingClient client = MqttClient.builder()
                .useMqttVersion5()
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .sslConfig()
                .trustManagerFactory(ca(broker.caFile()).trustManagerFactory())
                .keyManagerFactory(ClientIdentity.read(
                                "cert",
                                broker.certificates().clientCertificate(),
                                "key",
                                broker.certificates().clientKey())
                        .keyManagerFactory())
                .applySslConfig()
                .buildBlocking();
        if (user.isPresent()) {
            client.connectWith()
                    .simpleAuth()
                    .username(user.get())
                    .password(password.orElseThrow().getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send();
        } else {
            client.connect();
        }
        return client;
    }

    private static void mirrors(Twin twin, Mqtt5BlockingClient publisher) throws Exception {
        try (Pro380Client master = MirrorTwins.master(twin)) {
            await("the twin subscribed over TLS", () -> connected(twin));
            MqttMirrorTest.movesTheRegisters("mqtts", publisher, master);
        } finally {
            publisher.disconnect();
        }
    }

    @Test
    void withTheBrokersCaTheTwinMirrorsATlsBroker() throws Exception {
        try (CapturedLog log = CapturedLog.start();
                Mosquitto broker = Mosquitto.startTls(dir);
                Twin twin = mirror(source(broker).withCa(ca(broker.caFile())))) {
            mirrors(twin, publisher(broker, Optional.empty(), Optional.empty()));

            JsonNode state = MirrorTwins.state(twin).get("source");
            assertThat(state.get("uri").asText()).isEqualTo("mqtts://127.0.0.1:" + broker.port() + "/" + TOPIC);
            assertThat(state.get("connected").asBoolean()).isTrue();
            assertThat(state.get("stale").asBoolean()).isFalse();
            assertThat(log.text()).doesNotContain("no connection");
        }
    }

    @Test
    void theSystemsTrustRefusesAPrivateCaTheMeterStaysStaleAndTheLogSaysWhyOnce() throws Exception {
        try (CapturedLog log = CapturedLog.start();
                Mosquitto broker = Mosquitto.startTls(dir);
                Twin twin = mirror(source(broker))) {
            refused(twin, broker, log);
        }
    }

    @Test
    void anotherCaIsRefusedToo() throws Exception {
        Path otherCa = TestCertificates.create(dir.resolve("other")).ca();
        try (CapturedLog log = CapturedLog.start();
                Mosquitto broker = Mosquitto.startTls(dir);
                Twin twin = mirror(source(broker).withCa(ca(otherCa)))) {
            refused(twin, broker, log);
        }
    }

    @Test
    void aCertificateOfTheTrustedCaForAnotherHostIsRefused() throws Exception {
        TestCertificates elsewhere = TestCertificates.create(dir.resolve("elsewhere"), List.of("DNS:broker.example"));
        try (CapturedLog log = CapturedLog.start();
                Mosquitto broker = Mosquitto.startTls(dir, elsewhere);
                Twin twin = mirror(source(broker).withCa(ca(broker.caFile())))) {
            await("three handshakes tried", () -> newConnections(broker) >= 3);
            assertThat(connected(twin)).isFalse();
            assertThat(twin.source(1).orElseThrow().stale()).isTrue();
            assertThat(log.text())
                    .contains("no connection (TLS: No subject alternative names matching IP address 127.0.0.1");
        }
    }

    /** Several handshakes fail (the broker saw them), yet the twin runs: not connected, stale, silent, one log line. */
    private static void refused(Twin twin, Mosquitto broker, CapturedLog log) throws Exception {
        await("three handshakes tried", () -> newConnections(broker) >= 3);
        assertThat(connected(twin)).isFalse();
        assertThat(twin.source(1).orElseThrow().stale()).isTrue();
        assertThat(twin.source(1).orElseThrow().lastValueAge()).isEmpty();
        JsonNode state = MirrorTwins.state(twin).get("source");
        assertThat(state.get("connected").asBoolean()).isFalse();
        assertThat(state.get("stale").asBoolean()).isTrue();
        try (Pro380Client master = MirrorTwins.master(twin)) {
            assertThatThrownBy(() -> master.read(Registers.CURRENT_L1))
                    .isInstanceOfSatisfying(
                            ExceptionReplyException.class,
                            e -> assertThat(e.code()).isEqualTo(ExceptionCode.GATEWAY_TARGET_FAILED_TO_RESPOND));
        }
        assertThat(log.text()
                        .lines()
                        .filter(l -> l.contains(
                                "MQTT source mqtts://127.0.0.1:" + broker.port() + ": no connection (TLS: PKIX path ")))
                .as(log.text())
                .hasSize(1);
    }

    private static long newConnections(Mosquitto broker) {
        try {
            return broker.log()
                    .lines()
                    .filter(l -> l.contains("New connection from 127.0.0.1"))
                    .count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aTlsBrokerWithAUserLetsTheTwinInWithItsPasswordOnly() throws Exception {
        try (CapturedLog log = CapturedLog.start();
                Mosquitto broker = Mosquitto.startTlsWithUser(dir, "twin", "s3cret")) {
            SourceSpec trusting = source(broker).withCa(ca(broker.caFile()));
            try (Twin twin = mirror(trusting.withLogin("twin", "wrong"))) {
                await("the broker refused the password", () -> log.text().contains("no connection ("));
                assertThat(connected(twin)).isFalse();
                assertThat(log.text()).contains("NOT_AUTHORIZED");
            }
            try (Twin twin = mirror(trusting.withLogin("twin", "s3cret"))) {
                mirrors(twin, publisher(broker, Optional.of("twin"), Optional.of("s3cret")));
            }
        }
    }

    @Test
    void aBrokerThatAsksForAClientCertificateLetsInOnlyATwinThatShowsOne() throws Exception {
        try (CapturedLog log = CapturedLog.start();
                Mosquitto broker = Mosquitto.startTlsWithClientCertificate(dir)) {
            TestCertificates tls = broker.certificates();
            SourceSpec trusting = source(broker).withCa(ca(tls.ca()));
            try (Twin twin = mirror(trusting)) {
                await("three handshakes tried", () -> newConnections(broker) >= 3);
                assertThat(connected(twin)).isFalse();
                assertThat(log.text()).contains("MQTT source " + broker.uri() + ": no connection (");
            }
            ClientIdentity identity =
                    ClientIdentity.read("--source-cert", tls.clientCertificate(), "--source-key", tls.clientKey());
            try (Twin twin = mirror(trusting.withIdentity(identity))) {
                mirrors(twin, publisher(broker, Optional.empty(), Optional.empty()));
            }
        }
    }

    @Test
    void theConfigFileTakesTheCaFromItsOwnFolder() throws Exception {
        TestCertificates tls = TestCertificates.create(dir.resolve("tls"));
        Path file = Files.writeString(dir.resolve("twin.json"), """
                {"source": {"uri": "mqtts://broker.home/site/meter", "ca": "tls/ca.pem"},
                 "meters": [{}, {"source": {"uri": "mqtts://other.home:8884/m", "ca": "tls/ca.pem", "username": "u"}}]}
                """);
        TwinConfig.Builder b = MirrorTwins.twin(dir.resolve("state"));
        ConfigFile.apply(file, b);
        TwinConfig c = b.build();
        assertThat(c.source().orElseThrow().ca()).contains(TrustedCertificates.read("ca", tls.ca()));
        assertThat(c.source().orElseThrow().ca().orElseThrow().file()).isEqualTo(dir.resolve("tls/ca.pem"));
        assertThat(c.site().entry(2).source().orElseThrow().ca()).contains(TrustedCertificates.read("ca", tls.ca()));
        assertThat(c.source().orElseThrow().toString()).contains("trusting " + dir.resolve("tls/ca.pem"));
    }

    @Test
    void theConfigFileTakesAClientCertificateAndItsKeyTogether() throws Exception {
        TestCertificates.create(dir.resolve("tls"));
        Path file = Files.writeString(dir.resolve("twin.json"), """
                {"source": {"uri": "mqtts://broker.home/site/meter", "cert": "tls/client.pem", "key": "tls/client.key"}}
                """);
        TwinConfig.Builder b = MirrorTwins.twin(dir.resolve("state"));
        ConfigFile.apply(file, b);
        ClientIdentity identity = b.build().source().orElseThrow().identity().orElseThrow();
        assertThat(identity.certificateFile()).isEqualTo(dir.resolve("tls/client.pem"));
        assertThat(identity.keyFile()).isEqualTo(dir.resolve("tls/client.key"));

        assertThatThrownBy(() -> config("{\"source\": {\"uri\": \"mqtts://h/t\", \"cert\": \"tls/client.pem\"}}"))
                .hasMessageEndingWith("source: cert and key go together: a client certificate and its private key");
        assertThatThrownBy(() -> config("{\"source\": {\"uri\": \"mqtts://h/t\", \"cert\": \"tls/client.pem\", "
                        + "\"key\": \"tls/none.key\"}}"))
                .hasMessageEndingWith(
                        "source: key " + dir.resolve("tls/none.key") + ": cannot read the key (no such file)");
        assertThatThrownBy(() -> config("{\"source\": {\"uri\": \"mqtt://h/t\", \"cert\": \"tls/client.pem\", "
                        + "\"key\": \"tls/client.key\"}}"))
                .hasMessageEndingWith(
                        "source: a client certificate is for TLS brokers (mqtts://HOST:PORT/TOPIC), not mqtt://h:1883/t");
    }

    @Test
    void aCaIsRefusedInOneLineWithoutTlsOrWithoutCertificates() throws Exception {
        TestCertificates.create(dir.resolve("tls"));
        assertThatThrownBy(() -> config("{\"source\": {\"uri\": \"mqtt://h/t\", \"ca\": \"tls/ca.pem\"}}"))
                .hasMessageEndingWith(
                        "source: a source CA is for TLS brokers (mqtts://HOST:PORT/TOPIC), not mqtt://h:1883/t");
        assertThatThrownBy(() -> config(
                        "{\"meters\": [{\"source\": {\"uri\": \"modbus-tcp://h?unit=2\", \"ca\": \"tls/ca.pem\"}}]}"))
                .hasMessageEndingWith(
                        "a source CA is for TLS brokers (mqtts://HOST:PORT/TOPIC), not modbus-tcp://h:502?unit=2");
        assertThatThrownBy(() -> config("{\"source\": {\"uri\": \"mqtts://h/t\", \"ca\": \"missing.pem\"}}"))
                .hasMessageEndingWith(
                        "source: ca " + dir.resolve("missing.pem") + ": cannot read PEM certificates (no such file)");
        assertThatThrownBy(() -> config("{\"source\": {\"uri\": \"mqtts://h/t\", \"ca\": \"tls/server.key\"}}"))
                .hasMessageContaining(
                        "source: ca " + dir.resolve("tls/server.key") + ": no PEM certificate in the file");
        assertThatThrownBy(() -> config("{\"source\": {\"uri\": \"mqtts://h/t\", \"ca\": 5}}"))
                .hasMessageEndingWith("source: ca: expected a string");
    }

    private void config(String json) throws Exception {
        Path file = Files.writeString(dir.resolve("twin.json"), json);
        ConfigFile.apply(file, MirrorTwins.twin(dir.resolve("state")));
    }
}
