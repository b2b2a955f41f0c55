package org.pro380.twin.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.pro380.meter.Load;

/**
 * A broker's topic as a source (MQTT 3.1.1, which every broker speaks), through the HiveMQ
 * client: it reconnects by itself with backoff (also when the broker is down at start) and
 * subscribes again on every connection, so a broker that restarts without persistence is
 * followed.
 */
final class MqttFeed implements Feed {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SourceUri.Mqtt uri;
    private final Mqtt3AsyncClient client;
    private final LoadReader reader;
    private final Listener listener;
    private volatile boolean closed;

    MqttFeed(SourceUri.Mqtt uri, SourceSpec spec, Listener listener) {
        this.uri = uri;
        this.reader = spec.reader();
        this.listener = listener;
        Mqtt3ClientBuilder builder = MqttClient.builder().useMqttVersion3()
                .identifier("pro380-twin-" + UUID.randomUUID().toString().substring(0, 8))
                .serverHost(uri.host()).serverPort(uri.port())
                .automaticReconnect().initialDelay(200, TimeUnit.MILLISECONDS).maxDelay(10, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                .addConnectedListener(c -> subscribe())
                .addDisconnectedListener(c -> {
                    listener.connected(false);
                    if (closed) {
                        c.getReconnector().reconnect(false); // disconnect() alone does not stop a client that is reconnecting
                    }
                });
        if (uri.tls()) {
            builder = builder.sslWithDefaultConfig();
        }
        if (spec.username().isPresent()) {
            builder = builder.simpleAuth().username(spec.username().get())
                    .password(spec.password().orElse("").getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        this.client = builder.buildAsync();
    }

    @Override
    public void start() {
        client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, this::message);
        client.connectWith().cleanSession(true).send();
    }

    private void subscribe() {
        client.subscribeWith().topicFilter(uri.topic()).qos(MqttQos.AT_MOST_ONCE).send()
                .whenComplete((ack, failure) -> listener.connected(failure == null));
    }

    private void message(Mqtt3Publish publish) {
        JsonNode json;
        try {
            json = MAPPER.readTree(publish.getPayloadAsBytes());
        } catch (JsonProcessingException e) {
            listener.malformed("not JSON: " + e.getOriginalMessage());
            return;
        } catch (IOException e) {
            listener.malformed(e.getMessage());
            return;
        }
        if (json == null || json.isMissingNode()) {
            listener.malformed("an empty message");
            return;
        }
        Load load;
        try {
            load = reader.read(json);
        } catch (IllegalArgumentException e) {
            listener.malformed(e.getMessage());
            return;
        }
        listener.loaded(load);
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
