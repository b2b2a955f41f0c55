package org.pro380.bridge.mqtt;

import static org.assertj.core.api.Assertions.fail;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.pro380.client.tls.ClientIdentity;
import org.pro380.client.tls.TrustedCertificates;
import org.pro380.testkit.Mosquitto;

/** A test's own MQTT client: subscribes to everything and keeps each topic's last message and count. */
final class Observer implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(20);

    private final Mqtt5BlockingClient client;
    private final Map<String, String> last = new ConcurrentHashMap<>();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    /** Connects to {@code broker}; to a TLS broker trusting its CA, with a client certificate of that CA. */
    Observer(Mosquitto broker) {
        Mqtt5ClientBuilder builder =
                MqttClient.builder().useMqttVersion5().serverHost("127.0.0.1").serverPort(broker.port());
        if (broker.uri().startsWith("mqtts:")) {
            builder = builder.sslConfig()
                    .trustManagerFactory(TrustedCertificates.read("--mqtt-ca", broker.caFile())
                            .trustManagerFactory())
                    .keyManagerFactory(ClientIdentity.read(
                                    "--mqtt-cert",
                                    broker.certificates().clientCertificate(),
                                    "--mqtt-key",
                                    broker.certificates().clientKey())
                            .keyManagerFactory())
                    .applySslConfig();
        }
        client = builder.buildBlocking();
        client.connect();
        client.toAsync().publishes(MqttGlobalPublishFilter.ALL, p -> {
            counts.merge(p.getTopic().toString(), 1, Integer::sum);
            last.put(p.getTopic().toString(), new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8));
        });
        client.subscribeWith().topicFilter("#").qos(MqttQos.AT_LEAST_ONCE).send();
    }

    Optional<String> last(String topic) {
        return Optional.ofNullable(last.get(topic));
    }

    /** How many messages came on each topic. */
    Map<String, Integer> counts() {
        return Map.copyOf(counts);
    }

    /** Waits until the broker has passed on to this client everything it took before now (a message of its own comes back). */
    void sync() throws InterruptedException {
        String marker = "sync " + System.nanoTime();
        send("test/sync", marker);
        await("test/sync", marker::equals);
    }

    Map<String, String> all() {
        return Map.copyOf(last);
    }

    /** Waits (bounded) until {@code topic}'s last message passes {@code test}; returns it. */
    String await(String topic, Predicate<String> test) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            String m = last.get(topic);
            if (m != null && test.test(m)) {
                return m;
            }
            Thread.sleep(10);
        }
        return fail("no fitting message on " + topic + " within " + DEADLINE + "; last: " + last.get(topic));
    }

    String await(String topic) throws InterruptedException {
        return await(topic, m -> true);
    }

    /** Waits (bounded) until as many topics as {@code count} match {@code topics}. */
    Map<String, String> awaitCount(Predicate<String> topics, int count) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, String> now = all();
            if (now.keySet().stream().filter(topics).count() >= count) {
                return now;
            }
            Thread.sleep(10);
        }
        return fail("fewer than " + count + " topics within " + DEADLINE);
    }

    void forget(String topic) {
        last.remove(topic);
    }

    void send(String topic, String payload) {
        client.publishWith()
                .topic(topic)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
    }

    @Override
    public void close() {
        client.disconnect();
    }
}
