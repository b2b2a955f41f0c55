package org.pro380.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MosquittoTest {

    @TempDir
    Path dir;

    @Test
    void aMessageGoesThroughTheBrokerAndTheBrokerComesBackOnItsPort() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            assertThat(roundTrip(broker, "first")).isEqualTo("first");
            int port = broker.port();
            broker.stop();
            assertThat(broker.running()).isFalse();
            broker.restart();
            assertThat(broker.port()).isEqualTo(port);
            assertThat(roundTrip(broker, "second")).isEqualTo("second");
        }
    }

    @Test
    void aPausedBrokerGoesOnWhenResumedAndStopsWhilePaused() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            broker.pause();
            broker.resume();
            assertThat(roundTrip(broker, "after a pause")).isEqualTo("after a pause");
            broker.pause();
            broker.stop();
            assertThat(broker.running()).isFalse();
        }
    }

    @Test
    void aBrokerWithAUserRefusesOthers() throws Exception {
        try (Mosquitto broker = Mosquitto.startWithUser(dir, "meter", "s3cret")) {
            Mqtt5BlockingClient stranger = client(broker);
            assertThatThrownBy(stranger::connect).hasMessageContaining("NOT_AUTHORIZED");
            Mqtt5BlockingClient known = client(broker);
            known.connectWith()
                    .simpleAuth()
                    .username("meter")
                    .password("s3cret".getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send();
            known.disconnect();
        }
    }

    private static Mqtt5BlockingClient client(Mosquitto broker) {
        return MqttClient.builder()
                .useMqttVersion5()
                .serverHost("127.0.0.1")
                .serverPort(broker.port())
                .buildBlocking();
    }

    private static String roundTrip(Mosquitto broker, String text) throws InterruptedException {
        Mqtt5BlockingClient client = client(broker);
        client.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
                client.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("pro380/test").send();
            client.publishWith()
                    .topic("pro380/test")
                    .payload(text.getBytes(StandardCharsets.UTF_8))
                    .send();
            Mqtt5Publish received = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            return new String(received.getPayloadAsBytes(), StandardCharsets.UTF_8);
        } finally {
            client.disconnect();
        }
    }
}
