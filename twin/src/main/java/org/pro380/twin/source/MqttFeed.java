package org.pro380.twin.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import org.pro380.client.tls.ClientIdentity;
import org.pro380.client.tls.TrustedCertificates;
import org.pro380.meter.Load;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker connection for every meter that mirrors a topic of that broker (MQTT 3.1.1, which
 * every broker speaks), through the HiveMQ client: a site of many mirrored meters holds one
 * connection, not one per meter. It reconnects by itself with backoff (also when the broker is
 * down at start) and subscribes again on every connection, so a broker that restarts without
 * persistence is followed.
 */
final class MqttFeed implements Feed {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(MqttFeed.class);

    /** Who logs in where, trusting whom: the meters whose sources share it share a connection. */
    record Broker(
            String host,
            int port,
            boolean tls,
            Optional<String> username,
            Optional<String> password,
            Optional<TrustedCertificates> ca,
            Optional<ClientIdentity> identity) {
        static Broker of(SourceUri.Mqtt uri, SourceSpec spec) {
            return new Broker(
                    uri.host(), uri.port(), uri.tls(), spec.username(), spec.password(), spec.ca(), spec.identity());
        }

        @Override
        public String toString() {
            return (tls ? "mqtts://" : "mqtt://") + host + ":" + port; // never the password
        }
    }

    /** A meter's topic (a filter, wildcards allowed), how its messages read, and whom they feed. */
    record Subscriber(MqttTopicFilter topic, LoadReader reader, Listener listener) {}

    private final Mqtt3AsyncClient client;
    private final List<Subscriber> subscribers;
    private volatile boolean closed;
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    MqttFeed(Broker broker, List<Subscriber> subscribers) {
        this.subscribers = List.copyOf(subscribers);
        Mqtt3ClientBuilder builder = MqttClient.builder()
                .useMqttVersion3()
                .identifier("pro380-twin-" + UUID.randomUUID().toString().substring(0, 8))
                .serverHost(broker.host())
                .serverPort(broker.port())
                .automaticReconnect()
                .initialDelay(200, TimeUnit.MILLISECONDS)
                .maxDelay(10, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                .addConnectedListener(c -> {
                    lastFailure.set(null);
                    subscribe();
                })
                .addDisconnectedListener(c -> {
                    tellWhy(broker, c.getCause());
                    this.subscribers.forEach(s -> s.listener().connected(false));
                    if (closed) {
                        c.getReconnector()
                                .reconnect(false); // disconnect() alone does not stop a client that is reconnecting
                    }
                });
        if (broker.tls()) {
            builder = builder.sslConfig()
                    .trustManagerFactory(broker.ca()
                            .map(TrustedCertificates::trustManagerFactory)
                            .orElse(null))
                    .keyManagerFactory(broker.identity()
                            .map(ClientIdentity::keyManagerFactory)
                            .orElse(null))
                    .applySslConfig();
        }
        if (broker.username().isPresent()) {
            builder = builder.simpleAuth()
                    .username(broker.username().get())
                    .password(broker.password().orElse("").getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        this.client = builder.buildAsync();
    }

    @Override
    public void start() {
        client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, this::message);
        client.connectWith().cleanSession(true).send();
    }

    /** Logs why the connection failed or broke, once until the reason changes: retries come every few seconds. */
    private void tellWhy(Broker broker, Throwable cause) {
        String why = closed ? null : cause == null ? "closed" : reason(cause);
        if (why != null && !why.equals(lastFailure.getAndSet(why))) {
            LOG.warn("MQTT source {}: no connection ({}); trying again", broker, why);
        }
    }

    /** A failed TLS handshake says why in its own message (untrusted certificate, wrong host name); else the root cause. */
    private static String reason(Throwable cause) {
        Throwable root = cause;
        while (!(root instanceof SSLException) && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        // newer JDKs put the TLS alert before the reason: "(bad_certificate) PKIX path validation failed"
        return root instanceof SSLException ? "TLS: " + message.replaceFirst("^\\([a-z_]+\\) ", "") : message;
    }

    private void subscribe() {
        for (Subscriber s : subscribers) {
            client.subscribeWith()
                    .topicFilter(s.topic())
                    .qos(MqttQos.AT_MOST_ONCE)
                    .send()
                    .whenComplete((ack, failure) -> s.listener().connected(failure == null));
        }
    }

    private void message(Mqtt3Publish publish) {
        Optional<JsonNode> json = Optional.empty();
        String malformed = null;
        try {
            json = Optional.ofNullable(MAPPER.readTree(publish.getPayloadAsBytes()))
                    .filter(j -> !j.isMissingNode());
            malformed = json.isEmpty() ? "an empty message" : null;
        } catch (JsonProcessingException e) {
            malformed = "not JSON: " + e.getOriginalMessage();
        } catch (IOException e) {
            malformed = e.getMessage();
        }
        for (Subscriber s : subscribers) {
            if (s.topic().matches(publish.getTopic())) {
                deliver(s, json, malformed);
            }
        }
    }

    private static void deliver(Subscriber s, Optional<JsonNode> json, String malformed) {
        if (malformed != null) {
            s.listener().malformed(malformed);
            return;
        }
        Load load;
        try {
            load = s.reader().read(json.get());
        } catch (IllegalArgumentException e) {
            s.listener().malformed(e.getMessage());
            return;
        }
        s.listener().loaded(load);
    }

    @Override
    public void close() {
        closed = true;
        client.disconnect();
    }

    /** Whether the client is connected or will try again. */
    boolean active() {
        return client.getState().isConnectedOrReconnect();
    }
}
