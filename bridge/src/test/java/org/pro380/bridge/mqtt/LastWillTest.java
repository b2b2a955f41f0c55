package org.pro380.bridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.testkit.Mosquitto;

/** A bridge killed without a word: the broker publishes its last will, and Home Assistant shows its meters unavailable. */
class LastWillTest {

    @TempDir
    Path dir;

    @Test
    void aKilledBridgeIsMarkedOfflineByItsLastWill() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir);
                Observer mqtt = new Observer(broker)) {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(List.of(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            WillChild.class.getName(),
                            broker.uri()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child.log").toFile())
                    .start();
            try {
                assertThat(mqtt.await("pro380/bridge/availability", "online"::equals))
                        .isEqualTo("online");
                child.destroyForcibly(); // SIGKILL: no DISCONNECT is sent
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(mqtt.await("pro380/bridge/availability", "offline"::equals))
                        .isEqualTo("offline");
            } finally {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aBridgeThatStopsSaysOfflineItself() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir);
                Observer mqtt = new Observer(broker)) {
            MqttSink sink = MqttSink.start(MqttSettings.of(broker.uri()), MeterCommands.NONE);
            mqtt.await("pro380/bridge/availability", "online"::equals);
            sink.close();
            assertThat(mqtt.await("pro380/bridge/availability", "offline"::equals))
                    .isEqualTo("offline");
        }
    }
}
