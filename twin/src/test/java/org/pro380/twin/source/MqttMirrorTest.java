package org.pro380.twin.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pro380.twin.source.MirrorTwins.await;
import static org.pro380.twin.source.MirrorTwins.currentL1;
import static org.pro380.twin.source.MirrorTwins.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.client.ExceptionReplyException;
import org.pro380.client.Pro380Client;
import org.pro380.meter.PhaseLoad;
import org.pro380.protocol.ExceptionCode;
import org.pro380.registers.Registers;
import org.pro380.testkit.Mosquitto;
import org.pro380.twin.Twin;
import org.pro380.twin.transport.CapturedLog;

/** A twin that mirrors a topic of a real broker (mosquitto on 127.0.0.1). */
class MqttMirrorTest {

    static final String TOPIC = "site/grid-meter";

    @TempDir
    Path dir;

    private Twin mirror(Mosquitto broker, Duration staleAfter) throws Exception {
        SourceSpec source =
                SourceSpec.of("mqtt://127.0.0.1:" + broker.port() + "/" + TOPIC).withStaleAfter(staleAfter);
        return Twin.start(MirrorTwins.twin(dir.resolve("state")).source(source).build());
    }

    private static Mqtt5BlockingClient publisher(Mosquitto broker) {
        Mqtt5BlockingClient client = MqttClient.builder()
                .useMqttVersion5()
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .buildBlocking();
        client.connect();
        return client;
    }

    static void publish(Mqtt5BlockingClient client, String text) {
        client.publishWith()
                .topic(TOPIC)
                .payload(text.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    static boolean connected(Twin twin) {
        return twin.source(1).orElseThrow().connected();
    }

    /** Each of 20 messages moves the registers; prints how long they took ({@code scheme} names the connection). */
    static void movesTheRegisters(String scheme, Mqtt5BlockingClient publisher, Pro380Client master)
            throws InterruptedException {
        List<Long> micros = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            double amps = i * 0.5;
            long start = System.nanoTime();
            publish(publisher, load(amps));
            await("L1 current " + amps + " A in the registers", () -> currentL1(master) == amps);
            micros.add((System.nanoTime() - start) / 1_000);
        }
        micros.sort(null);
        System.out.printf(
                "%s -> registers over %d messages: median %.1f ms, max %.1f ms%n",
                scheme, micros.size(), micros.get(micros.size() / 2) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
    }

    @Test
    void eachMessageMovesTheRegistersAndTheStateShowsTheSource() throws Exception {
        try (CapturedLog log = CapturedLog.start();
                Mosquitto broker = Mosquitto.start(dir);
                Twin twin = mirror(broker, Duration.ofSeconds(10));
                Pro380Client master = MirrorTwins.master(twin)) {
            await("the twin subscribed", () -> connected(twin));
            Mqtt5BlockingClient publisher = publisher(broker);
            movesTheRegisters("mqtt", publisher, master);
            publisher.disconnect();

            JsonNode source = MirrorTwins.state(twin).get("source");
            assertThat(source.get("uri").asText()).isEqualTo("mqtt://127.0.0.1:" + broker.port() + "/" + TOPIC);
            assertThat(source.get("connected").asBoolean()).isTrue();
            assertThat(source.get("stale").asBoolean()).isFalse();
            assertThat(source.get("onStale").asText()).isEqualTo("silent");
            assertThat(source.get("lastValueAgeMillis").isIntegralNumber()).isTrue();
            assertThat(source.get("malformed").asLong()).isZero();
        }
    }

    @Test
    void aSiteOfMetersWithATopicEachSharesOneConnectionToTheBroker() throws Exception {
        int meters = 50;
        try (CapturedLog log = CapturedLog.start();
                Mosquitto broker = Mosquitto.start(dir)) {
            StringBuilder entries = new StringBuilder();
            for (int k = 1; k <= meters; k++) {
                entries.append(k == 1 ? "" : ", ")
                        .append("{\"source\": \"mqtt://127.0.0.1:")
                        .append(broker.port())
                        .append("/site/meter/")
                        .append(k)
                        .append("\"}");
            }
            java.nio.file.Path file =
                    java.nio.file.Files.writeString(dir.resolve("site.json"), "{\"meters\": [" + entries + "]}");
            org.pro380.twin.TwinConfig.Builder b = MirrorTwins.twin(dir.resolve("state"));
            org.pro380.twin.ConfigFile.apply(file, b);
            try (Twin twin = Twin.start(b.build())) {
                await(
                        "every meter subscribed",
                        () -> twin.meters().stream()
                                .allMatch(m -> m.source().get().connected()));
                Mqtt5BlockingClient publisher = publisher(broker);
                for (int k = 1; k <= meters; k++) {
                    publisher
                            .publishWith()
                            .topic("site/meter/" + k)
                            .payload(load(k).getBytes(StandardCharsets.UTF_8))
                            .send();
                }
                publisher.disconnect();
                for (int k = 1; k <= meters; k++) {
                    int meter = k;
                    await(
                            "meter " + k + " mirrors its own topic",
                            () -> twin.meter(meter).load().phases().get(0).current() == meter);
                }
            }
            assertThat(broker.log()
                            .lines()
                            .filter(l -> l.contains("New client connected") && l.contains("pro380-twin-")))
                    .hasSize(1);
        }
    }

    @Test
    void malformedMessagesChangeNothing() throws Exception {
        try (CapturedLog log = CapturedLog.start();
                Mosquitto broker = Mosquitto.start(dir);
                Twin twin = mirror(broker, Duration.ofSeconds(10));
                Pro380Client master = MirrorTwins.master(twin)) {
            await("the twin subscribed", () -> connected(twin));
            Mqtt5BlockingClient publisher = publisher(broker);
            publish(publisher, load(7.5));
            await("the first value", () -> currentL1(master) == 7.5);
            double energy = master.read(Registers.FORWARD_ACTIVE_ENERGY);

            publish(publisher, "{not json");
            publish(publisher, "{\"frequency\": 50}");
            publish(publisher, load(500));
            publish(publisher, "");
            await(
                    "four malformed messages counted",
                    () -> twin.source(1).orElseThrow().malformed() == 4);
            publisher.disconnect();

            assertThat(currentL1(master)).isEqualTo(7.5);
            assertThat(twin.meter(1).load().phases().get(0)).isEqualTo(PhaseLoad.importing(230, 7.5, 1));
            assertThat(master.read(Registers.FORWARD_ACTIVE_ENERGY)).isGreaterThanOrEqualTo(energy);
            assertThat(twin.source(1).orElseThrow().lastMalformed()).contains("an empty message");
            assertThat(log.text().lines().filter(l -> l.contains("malformed message(s) not applied")))
                    .hasSize(1);
        }
    }

    @Test
    void aBrokerDownAtStartThenUpThenDownAndUpAgainIsFollowed() throws Exception {
        try (CapturedLog log = CapturedLog.start();
                Mosquitto broker = Mosquitto.start(dir)) {
            broker.stop();
            try (Twin twin = mirror(broker, Duration.ofSeconds(10));
                    Pro380Client master = MirrorTwins.master(twin)) {
                assertThat(twin.source(1).orElseThrow().stale()).isTrue();
                assertThat(connected(twin)).isFalse();
                broker.restart();
                await("connected once the broker is up", () -> connected(twin));
                Mqtt5BlockingClient publisher = publisher(broker);
                publish(publisher, load(3));
                await("the first value", () -> currentL1(master) == 3);

                broker.stop();
                await("disconnected", () -> !connected(twin));
                broker.restart();
                await("connected again", () -> connected(twin));
                publisher = publisher(broker);
                publish(publisher, load(4));
                await("a value after the broker came back", () -> currentL1(master) == 4);
                publisher.disconnect();
            }
            assertThat(log.text()).contains(": disconnected").contains(": connected");
        }
    }

    @Test
    void aSilentMirrorStopsAnsweringWhenItsSourceGoesStaleAndAnswersOnTheNextValue() throws Exception {
        try (CapturedLog log = CapturedLog.start();
                Mosquitto broker = Mosquitto.start(dir);
                Twin twin = mirror(broker, Duration.ofMillis(300));
                Pro380Client master = MirrorTwins.master(twin)) {
            assertThatThrownBy(() -> master.read(Registers.CURRENT_L1))
                    .isInstanceOfSatisfying(
                            ExceptionReplyException.class,
                            e -> assertThat(e.code()).isEqualTo(ExceptionCode.GATEWAY_TARGET_FAILED_TO_RESPOND));
            await("the twin subscribed", () -> connected(twin));
            Mqtt5BlockingClient publisher = publisher(broker);
            publish(publisher, load(9));
            await("the value", () -> currentL1(master) == 9);

            await(
                    "stale after 300 ms without a value",
                    () -> twin.source(1).orElseThrow().stale());
            assertThat(currentL1(master)).isNaN();
            assertThat(MirrorTwins.state(twin).get("source").get("stale").asBoolean())
                    .isTrue();
            assertThat(twin.meter(1).reading().powered()).isTrue();

            publish(publisher, load(10));
            await("answering again", () -> currentL1(master) == 10);
            publisher.disconnect();
            assertThat(log.text()).contains("stale (no fresh value for 300 ms): not answering Modbus");
        }
    }
}
