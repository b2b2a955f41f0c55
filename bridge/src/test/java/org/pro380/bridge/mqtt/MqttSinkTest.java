package org.pro380.bridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.bridge.BridgeMeter;
import org.pro380.bridge.ReadingSink.GapCause;
import org.pro380.bridge.TwinReading;
import org.pro380.client.Pro380Client;
import org.pro380.client.Snapshot;
import org.pro380.registers.DataType;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.testkit.Mosquitto;

/** The MQTT sink against a real broker, with a reading of a twin started here. */
class MqttSinkTest {

    /** The twin's typical meter (Identity.typical()). */
    static final String SERIAL = "22091039";

    static final BridgeMeter METER = new BridgeMeter("tcp", 1, "garage");

    @TempDir
    Path dir;

    Mosquitto broker;
    TwinReading meter;
    Pro380Client client;
    Snapshot snapshot;

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.start(dir);
        meter = TwinReading.start(dir.resolve("state"));
        client = meter.client;
        snapshot = meter.snapshot;
    }

    @AfterEach
    void stop() throws Exception {
        meter.close();
        broker.close();
    }

    private MqttSink sink() {
        return MqttSink.start(MqttSettings.of(broker.uri()), (meter, change) -> client.apply(change));
    }

    @Test
    void aReadingIsPublishedAsAStateDocumentAndOneRetainedTopicPerRegister() throws Exception {
        try (MqttSink sink = sink();
                Observer mqtt = new Observer(broker)) {
            sink.reading(METER, snapshot);
            JsonNode state = Discovery.MAPPER.readTree(mqtt.await("pro380/" + SERIAL + "/state"));
            assertThat(state.get("serial").asText()).isEqualTo(SERIAL);
            assertThat(state.get("meter").asText()).isEqualTo("garage");
            assertThat(state.get("registers").get("serial-number").get("value").asText())
                    .isEqualTo(SERIAL);
            assertThat(state.get("registers")
                            .get("software-version")
                            .get("value")
                            .asDouble())
                    .isEqualTo(2.18);
            Map<String, String> all = mqtt.awaitCount(
                    t -> t.startsWith("pro380/" + SERIAL + "/"),
                    Registers.MAP.all().size() + 2);
            for (Register<?> r : Registers.MAP.all()) {
                String payload = all.get("pro380/" + SERIAL + "/" + r.key());
                assertThat(payload).as(r.key()).isNotNull();
                assertThat(parsed(r, payload)).as(r.key()).isEqualTo(snapshot.get(r));
                assertThat(state.get("registers").get(r.key())).as(r.key()).isNotNull();
            }
            assertThat(all.get("pro380/" + SERIAL + "/voltage-l1")).isEqualTo("230.0");
            assertThat(all.get("pro380/" + SERIAL + "/tariff")).isEqualTo("1");
            assertThat(mqtt.await("pro380/" + SERIAL + "/availability")).isEqualTo("online");
            assertThat(mqtt.await("pro380/bridge/availability")).isEqualTo("online");
        }
    }

    /** The payload read back as the register's type: f32 as float, BCD serial and hex codes as printed. */
    private static Object parsed(Register<?> r, String payload) {
        if (r.type() == DataType.F32) {
            return (double) Float.parseFloat(payload);
        } else if (r.type() == DataType.HEX32) {
            return Long.parseLong(payload, 16);
        } else if (r.type().javaType() == Integer.class) {
            return Integer.parseInt(payload);
        }
        return payload;
    }

    @Test
    void aGapMarksTheMeterOfflineAndTheNextReadingOnline() throws Exception {
        try (MqttSink sink = sink();
                Observer mqtt = new Observer(broker)) {
            String availability = "pro380/" + SERIAL + "/availability";
            sink.reading(METER, snapshot);
            mqtt.await(availability, "online"::equals);
            sink.gap(METER, Instant.now(), GapCause.NO_REPLY, "no reply within 1 s");
            mqtt.await(availability, "offline"::equals);
            sink.reading(METER, snapshot);
            mqtt.await(availability, "online"::equals);
        }
    }

    @Test
    void aCommandIsCheckedThenAppliedToTheMeterAndAnswered() throws Exception {
        try (MqttSink sink = sink();
                Observer mqtt = new Observer(broker)) {
            sink.reading(METER, snapshot);
            mqtt.await("pro380/bridge/availability", "online"::equals);
            String set = "pro380/" + SERIAL + "/set/";

            mqtt.send(set + "tariff", "T2");
            JsonNode ok = Discovery.MAPPER.readTree(mqtt.await(set + "tariff/result"));
            assertThat(ok.get("ok").asBoolean()).isTrue();
            assertThat(ok.get("readBack").asInt()).isEqualTo(2);
            assertThat(client.read(Registers.TARIFF)).isEqualTo(2);

            mqtt.send(set + "lcd-cycle-time", "31");
            JsonNode refused = Discovery.MAPPER.readTree(mqtt.await(set + "lcd-cycle-time/result"));
            assertThat(refused.get("ok").asBoolean()).isFalse();
            assertThat(refused.get("error").asText()).isEqualTo("lcd-cycle-time must be 1..30, got 31");

            mqtt.send(set + "backlight", "dim");
            assertThat(Discovery.MAPPER
                            .readTree(mqtt.await(set + "backlight/result"))
                            .get("error")
                            .asText())
                    .isEqualTo("backlight must be on or off, got 'dim'");

            mqtt.send(set + "baud", "4800");
            assertThat(Discovery.MAPPER
                            .readTree(mqtt.await(set + "baud/result"))
                            .get("error")
                            .asText())
                    .isEqualTo("baud-rate cannot be set over MQTT; only tariff, backlight, lcd-cycle-time can");

            mqtt.send("pro380/99999999/set/tariff", "3");
            assertThat(Discovery.MAPPER
                            .readTree(mqtt.await("pro380/99999999/set/tariff/result"))
                            .get("error")
                            .asText())
                    .isEqualTo("no meter with serial number 99999999 on this bridge");

            assertThat(client.read(Registers.LCD_CYCLE_TIME)).isEqualTo(snapshot.get(Registers.LCD_CYCLE_TIME));
            assertThat(client.read(Registers.BACKLIGHT)).isEqualTo(snapshot.get(Registers.BACKLIGHT));
            assertThat(client.read(Registers.BAUD_RATE)).isEqualTo(9600);
            assertThat(client.read(Registers.TARIFF)).isEqualTo(2);
        }
    }

    @Test
    void aBrokerThatIsDownNeverHoldsUpThePollerAndGetsTheNewestStateWhenBack() throws Exception {
        try (MqttSink sink = MqttSink.start(MqttSettings.of(broker.uri()).withQueue(50), (m, c) -> client.apply(c))) {
            try (Observer mqtt = new Observer(broker)) {
                sink.reading(METER, snapshot);
                mqtt.await("pro380/" + SERIAL + "/state");
            }
            // the discovery configs are kept beside the queue too: let them all leave first, so that
            // what waits below is only what the readings made while the broker was down
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sink.waiting() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(sink.waiting()).as("sent while the broker was up").isZero();
            broker.stop();
            Snapshot newest = later(snapshot, 100);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int i = 1; i <= 100; i++) {
                    sink.reading(METER, later(snapshot, i)); // about 90 messages each into a queue of 50
                }
            });
            assertThat(sink.dropped()).isGreaterThan(0);
            assertThat(sink.waiting())
                    .as("the queue, and the newest state kept beside it")
                    .isLessThanOrEqualTo(50 + 1);
            broker.restart(); // without persistence: every retained message is gone
            try (Observer mqtt = new Observer(broker)) {
                assertThat(mqtt.await("pro380/bridge/availability", "online"::equals))
                        .isEqualTo("online");
                mqtt.await(
                        "pro380/" + SERIAL + "/state", state -> takenAt(state).equals(newest.time()));
            }
        }
    }

    @Test
    void aBrokerTooSlowForTheQueueStillGetsTheNewestState() throws Exception {
        try (MqttSink sink = MqttSink.start(MqttSettings.of(broker.uri()).withQueue(1), (m, c) -> client.apply(c));
                Observer mqtt = new Observer(broker)) {
            mqtt.await("pro380/bridge/availability", "online"::equals);
            broker.pause(); // nothing is acknowledged: at most 64 messages leave, the others wait for room
            try {
                sink.reading(METER, snapshot); // about 90 values, the state, then about 90 discovery configs
                assertThat(sink.dropped()).isGreaterThan(0);
            } finally {
                broker.resume();
            }
            assertThat(takenAt(mqtt.await("pro380/" + SERIAL + "/state"))).isEqualTo(snapshot.time());
            assertThat(mqtt.await("pro380/" + SERIAL + "/availability")).isEqualTo("online");
        }
    }

    @Test
    void afterAnOutageEveryMeterGetsItsNewestStateThoughTheQueueHoldsLessThanOneReading() throws Exception {
        int[] serials = {22091039, 22091040, 22091041};
        try (MqttSink sink = MqttSink.start(MqttSettings.of(broker.uri()).withQueue(50), (m, c) -> client.apply(c))) {
            broker.stop();
            for (int k = 0; k < serials.length; k++) {
                sink.reading(new BridgeMeter("tcp", k + 1, "meter " + k), later(withSerial(snapshot, serials[k]), k));
            }
            broker.restart();
            try (Observer mqtt = new Observer(broker)) {
                mqtt.await("pro380/bridge/availability", "online"::equals);
                for (int k = 0; k < serials.length; k++) {
                    Instant time = snapshot.time().plusSeconds(k);
                    mqtt.await(
                            "pro380/" + serials[k] + "/state",
                            state -> takenAt(state).equals(time));
                    assertThat(mqtt.await("pro380/" + serials[k] + "/availability"))
                            .isEqualTo("online");
                }
            }
        }
    }

    /** {@code s} as if read {@code seconds} later. */
    private static Snapshot later(Snapshot s, int seconds) {
        return new Snapshot(s.time().plusSeconds(seconds), s.unitId(), s.values(), s.traffic());
    }

    /** {@code s} as if read from a meter with serial number {@code serial}. */
    private static Snapshot withSerial(Snapshot s, int serial) {
        Map<Register<?>, Object> values = new LinkedHashMap<>(s.values());
        values.put(Registers.SERIAL_NUMBER, serial);
        return new Snapshot(s.time(), s.unitId(), values, s.traffic());
    }

    /** The reading time in a state document. */
    private static Instant takenAt(String state) {
        try {
            return Instant.parse(Discovery.MAPPER.readTree(state).get("time").asText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aBridgeStartedWhileTheBrokerIsDownConnectsWhenItComesUp() throws Exception {
        broker.stop();
        try (MqttSink sink = sink()) {
            sink.reading(METER, snapshot);
            broker.restart();
            try (Observer mqtt = new Observer(broker)) {
                mqtt.await("pro380/bridge/availability", "online"::equals);
                assertThat(Discovery.MAPPER
                                .readTree(mqtt.await("pro380/" + SERIAL + "/state"))
                                .get("serial")
                                .asText())
                        .isEqualTo(SERIAL);
            }
        }
    }

    @Test
    void eachMetersDiscoveryIsSentOncePerStartThoughItsReadingCameBeforeTheConnection() throws Exception {
        int[] serials = {22091039, 22091040, 22091041};
        int configsPerMeter = new Discovery(new Topics("pro380", "homeassistant"))
                .of(METER, snapshot)
                .size();
        try (Observer mqtt = new Observer(broker)) {
            broker.pause(); // the sink's connection waits for the broker's answer: the readings come first
            try (MqttSink sink = sink()) {
                try {
                    for (int k = 0; k < serials.length; k++) {
                        sink.reading(new BridgeMeter("tcp", k + 1, "meter " + k), withSerial(snapshot, serials[k]));
                    }
                } finally {
                    broker.resume();
                }
                mqtt.await("pro380/bridge/availability", "online"::equals);
                mqtt.awaitCount(t -> t.startsWith("homeassistant/"), serials.length * configsPerMeter);
                sink.reading(new BridgeMeter("tcp", 1, "meter 0"), later(withSerial(snapshot, serials[0]), 1));
                mqtt.await(
                        "pro380/" + serials[0] + "/state",
                        state -> takenAt(state).equals(snapshot.time().plusSeconds(1)));
            }
            mqtt.sync();
            Map<String, Integer> configs = new java.util.TreeMap<>(mqtt.counts());
            configs.keySet().removeIf(t -> !t.startsWith("homeassistant/"));
            assertThat(configs)
                    .hasSize(serials.length * configsPerMeter)
                    .allSatisfy((topic, n) -> assertThat(n).as(topic).isEqualTo(1));
        }
    }

    @Test
    void homeAssistantComingOnlineGetsTheDiscoveryAgain() throws Exception {
        String config = "homeassistant/sensor/pro380_" + SERIAL + "/voltage_l1/config";
        try (MqttSink sink = sink();
                Observer mqtt = new Observer(broker)) {
            sink.reading(METER, snapshot);
            mqtt.await(config);
            mqtt.send("homeassistant/status", "offline");
            mqtt.forget(config);
            mqtt.send("homeassistant/status", "online");
            assertThat(Discovery.MAPPER
                            .readTree(mqtt.await(config))
                            .get("unique_id")
                            .asText())
                    .isEqualTo("pro380_" + SERIAL + "_voltage_l1");
        }
    }

    @Test
    void aBrokerThatRestartedWithoutItsRetainedMessagesGetsTheDiscoveryAgain() throws Exception {
        String config = "homeassistant/sensor/pro380_" + SERIAL + "/voltage_l1/config";
        try (MqttSink sink = sink()) {
            try (Observer mqtt = new Observer(broker)) {
                sink.reading(METER, snapshot);
                mqtt.await(config);
            }
            broker.stop();
            broker.restart(); // without persistence: every retained message is gone
            try (Observer mqtt = new Observer(broker)) {
                assertThat(Discovery.MAPPER
                                .readTree(mqtt.await(config))
                                .get("unique_id")
                                .asText())
                        .isEqualTo("pro380_" + SERIAL + "_voltage_l1");
            }
        }
    }
}
