package org.pro380.bridge.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pro380.bridge.BridgeMeter;
import org.pro380.bridge.ReadingSink;
import org.pro380.client.Snapshot;
import org.pro380.client.format.Json;
import org.pro380.client.format.ValueText;
import org.pro380.client.tls.ClientIdentity;
import org.pro380.client.tls.TrustedCertificates;
import org.pro380.registers.Register;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's readings on MQTT (docs/mqtt.md): per meter a retained JSON state, one retained
 * topic per register, an availability topic ({@code offline} after a gap, {@code online} with the
 * next reading), Home Assistant discovery, and settings as commands. The bridge's own
 * availability topic is its last will: the broker says {@code offline} when the bridge dies.
 * Publishing goes through a bounded {@link Outbox}, so a broker that is down or slow never holds
 * up the poller; the client reconnects by itself with a growing delay (1 s to 30 s).
 */
public final class MqttSink implements ReadingSink {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSink.class);
    static final String ONLINE = "online";
    static final String OFFLINE = "offline";
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /** What the sink last knew of a meter. */
    private record Seen(BridgeMeter meter, String serial, Snapshot snapshot, boolean online) {}

    private final MqttSettings settings;
    private final Topics topics;
    private final Discovery discovery;
    private final Commands commands;
    private final Map<BridgeMeter, Seen> meters = new ConcurrentHashMap<>();
    private final ExecutorService commandRunner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pro380-mqtt-commands");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean lost = new AtomicBoolean();
    private final AtomicBoolean connectedBefore = new AtomicBoolean();
    private volatile boolean closing;
    private final Mqtt5AsyncClient client;
    private final Outbox outbox;

    private MqttSink(MqttSettings settings, MeterCommands meterCommands) {
        this.settings = settings;
        this.topics = settings.topics();
        this.discovery = new Discovery(topics);
        this.commands = new Commands(meterCommands, this::bySerial);
        this.client = builder(settings).buildAsync();
        this.outbox = new Outbox(
                settings.queue(),
                m -> client.publishWith()
                        .topic(m.topic())
                        .payload(m.payload())
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .retain(m.retain())
                        .send(),
                () -> client.getState().isConnected());
    }

    /**
     * Starts connecting to the broker and returns at once: readings wait in the outbox until the
     * connection is up. Settings errors (an unreadable CA file) throw IllegalArgumentException.
     */
    public static MqttSink start(MqttSettings settings, MeterCommands meterCommands) {
        MqttSink sink = new MqttSink(settings, meterCommands);
        sink.client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, sink::received);
        sink.client.connect(sink.connect()).whenComplete((ack, error) -> {
            if (error != null) {
                sink.connectionLost(error);
            }
        });
        return sink;
    }

    private Mqtt5ClientBuilder builder(MqttSettings s) {
        Mqtt5ClientBuilder b = MqttClient.builder()
                .useMqttVersion5()
                .identifier(s.clientId())
                .serverHost(s.host())
                .serverPort(s.port())
                .automaticReconnect()
                .initialDelay(1, TimeUnit.SECONDS)
                .maxDelay(30, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                .addConnectedListener(context -> connected())
                .addDisconnectedListener(context -> connectionLost(context.getCause()));
        if (s.tls()) {
            b = b.sslConfig()
                    .trustManagerFactory(s.caFile()
                            .map(f -> TrustedCertificates.read("--mqtt-ca", f).trustManagerFactory())
                            .orElse(null))
                    .keyManagerFactory(s.certFile()
                            .map(f -> ClientIdentity.read(
                                            "--mqtt-cert",
                                            f,
                                            "--mqtt-key",
                                            s.keyFile().orElseThrow())
                                    .keyManagerFactory())
                            .orElse(null))
                    .applySslConfig();
        }
        return b;
    }

    private Mqtt5Connect connect() {
        Mqtt5ConnectBuilder b = Mqtt5Connect.builder()
                .cleanStart(true)
                .keepAlive(30)
                .willPublish(Mqtt5Publish.builder()
                        .topic(topics.bridgeAvailability())
                        .payload(bytes(OFFLINE))
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .retain(true)
                        .asWill()
                        .build());
        if (settings.username().isPresent()) {
            b = b.simpleAuth(Mqtt5SimpleAuth.builder()
                    .username(settings.username().get())
                    .password(bytes(settings.password().orElse("")))
                    .build());
        }
        return b.build();
    }

    private void connected() {
        if (lost.getAndSet(false)) {
            LOG.info("MQTT: connected again to {}", settings);
        } else {
            LOG.info("MQTT: connected to {}", settings);
        }
        client.subscribeWith()
                .topicFilter(topics.commandFilter())
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        client.subscribeWith()
                .topicFilter(topics.homeAssistantStatus())
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        // a broker that restarted without persistence lost the retained messages, discovery's among them;
        // at the first connection everything the meters had is still waiting in the outbox
        if (connectedBefore.getAndSet(true)) {
            meters.values().forEach(seen -> {
                publish(seen, true);
                discover(seen.meter(), seen.snapshot());
            });
        }
        outbox.keep(message(topics.bridgeAvailability(), ONLINE));
        outbox.connected();
    }

    private void connectionLost(Throwable cause) {
        if (!closing && !lost.getAndSet(true)) {
            LOG.warn(
                    "MQTT: no connection to {} ({}); trying again, readings wait in a queue of {}",
                    settings,
                    cause == null ? "closed" : cause.getMessage(),
                    settings.queue());
        }
    }

    @Override
    public void reading(BridgeMeter meter, Snapshot snapshot) {
        Seen seen = new Seen(meter, Mqtt.serial(snapshot), snapshot, true);
        Seen before = meters.put(meter, seen);
        boolean news = before == null || !before.serial().equals(seen.serial());
        publish(seen, news || !before.online());
        if (news) {
            discover(meter, snapshot);
        }
    }

    /**
     * Home Assistant's retained configs of every entity of {@code meter}, kept: never dropped, and
     * one still waiting is replaced rather than sent twice.
     */
    private void discover(BridgeMeter meter, Snapshot snapshot) {
        discovery.of(meter, snapshot).forEach(c -> outbox.keep(message(c.topic(), c.payload())));
    }

    /**
     * Each value, the state and (if {@code availability}) the meter's availability. The state and
     * availability are kept beside the queue: whatever overflows it, the broker gets the newest.
     */
    private void publish(Seen seen, boolean availability) {
        String serial = seen.serial();
        for (Map.Entry<Register<?>, Object> e : seen.snapshot().values().entrySet()) {
            outbox.add(message(topics.value(serial, e.getKey().key()), ValueText.exact(e.getKey(), e.getValue())));
        }
        ObjectNode state = Json.tree(seen.snapshot());
        state.put("serial", serial)
                .put("meter", seen.meter().name())
                .put("connection", seen.meter().connection());
        outbox.keep(message(topics.state(serial), state));
        if (availability) {
            outbox.keep(message(topics.availability(serial), seen.online() ? ONLINE : OFFLINE));
        }
    }

    /** A gap marks the meter offline: Home Assistant shows it unavailable rather than old values as new. */
    @Override
    public void gap(BridgeMeter meter, Instant time, GapCause cause, String detail) {
        Seen seen = meters.get(meter);
        if (seen != null && seen.online()) {
            meters.put(meter, new Seen(meter, seen.serial(), seen.snapshot(), false));
            outbox.keep(message(topics.availability(seen.serial()), OFFLINE));
        }
    }

    private void received(Mqtt5Publish publish) {
        String topic = publish.getTopic().toString();
        String payload = new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
        if (topic.equals(topics.homeAssistantStatus())) {
            // a retained "online" comes with every subscription; only Home Assistant starting now asks again
            if (payload.equals(ONLINE) && !publish.isRetain()) {
                meters.values().forEach(seen -> discover(seen.meter(), seen.snapshot()));
            }
            return;
        }
        Optional<String[]> command = topics.commandOf(topic);
        // a retained command would be applied again at every connect: only live ones count
        if (command.isPresent() && !publish.isRetain() && !payload.isBlank()) {
            String serial = command.get()[0];
            String key = command.get()[1];
            commandRunner.execute(() -> {
                ObjectNode answer = commands.handle(serial, key, payload);
                LOG.info(
                        "MQTT: {} on {}: {}",
                        answer.get("command").asText(),
                        serial,
                        answer.get("ok").asBoolean()
                                ? "applied"
                                : answer.get("error").asText());
                outbox.add(new Outbox.Message(topics.result(serial, key), json(answer), false));
            });
        }
    }

    private Optional<BridgeMeter> bySerial(String serial) {
        return meters.values().stream()
                .filter(s -> s.serial().equals(serial))
                .map(Seen::meter)
                .findFirst();
    }

    /** Messages waiting for the broker; dropped when the queue was full. For tests and status lines. */
    public long dropped() {
        return outbox.dropped();
    }

    public int waiting() {
        return outbox.waiting();
    }

    @Override
    public void close() {
        commandRunner.shutdown();
        closing = true;
        outbox.keep(message(topics.bridgeAvailability(), OFFLINE));
        outbox.drain(CLOSE_WAIT);
        try {
            client.disconnect().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("MQTT: disconnect: {}", e.getMessage()); // closing anyway
        }
    }

    private static Outbox.Message message(String topic, String text) {
        return new Outbox.Message(topic, bytes(text), true);
    }

    private static Outbox.Message message(String topic, JsonNode json) {
        return new Outbox.Message(topic, json(json), true);
    }

    private static byte[] json(JsonNode node) {
        try {
            return Discovery.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
