package org.pro380.app.bridge;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pro380.app.ExitCode;
import org.pro380.app.UserError;
import org.pro380.bridge.ReadingSink;
import org.pro380.bridge.metrics.PrometheusSink;
import org.pro380.bridge.mqtt.MeterCommands;
import org.pro380.bridge.mqtt.MqttSettings;
import org.pro380.bridge.mqtt.MqttSink;
import org.pro380.bridge.mqtt.Topics;
import org.pro380.bridge.web.Page;
import org.pro380.client.HostPort;
import picocli.CommandLine.Option;

/**
 * The bridge's outputs besides its database: MQTT (with Home Assistant discovery, docs/mqtt.md)
 * and a Prometheus {@code /metrics} endpoint (docs/metrics.md). A picocli mixin of
 * {@code pro380 bridge}.
 */
@picocli.CommandLine.Command
public final class PublishOptions {

    /** Where the MQTT password may come from instead of the command line, which other users can see. */
    static final String PASSWORD_VARIABLE = "PRO380_MQTT_PASSWORD";

    @Option(
            names = "--mqtt",
            paramLabel = "URI",
            description = "publish every reading to an MQTT broker, with Home Assistant discovery: mqtt://HOST:PORT, "
                    + "or mqtts://HOST:PORT for TLS")
    String mqtt;

    @Option(names = "--mqtt-user", paramLabel = "NAME", description = "the broker's user name")
    String mqttUser;

    @Option(
            names = "--mqtt-password",
            paramLabel = "PASSWORD",
            description =
                    "the broker's password (or set " + PASSWORD_VARIABLE + ", which the process list does not show)")
    String mqttPassword;

    @Option(
            names = "--mqtt-ca",
            paramLabel = "FILE",
            description = "with mqtts://, trust the certificates of this PEM file instead of the system's")
    Path mqttCa;

    @Option(
            names = "--mqtt-cert",
            paramLabel = "FILE",
            description = "with mqtts://, show this client certificate (PEM) to a broker that asks for one")
    Path mqttCert;

    @Option(names = "--mqtt-key", paramLabel = "FILE", description = "the private key of --mqtt-cert (PKCS#8 PEM)")
    Path mqttKey;

    @Option(
            names = "--mqtt-topic-prefix",
            paramLabel = "TOPIC",
            defaultValue = "pro380",
            description = "the bridge's topics: TOPIC/SERIAL/... (default ${DEFAULT-VALUE})")
    String topicPrefix;

    @Option(
            names = "--mqtt-discovery-prefix",
            paramLabel = "TOPIC",
            defaultValue = "homeassistant",
            description = "Home Assistant's discovery prefix (default ${DEFAULT-VALUE})")
    String discoveryPrefix;

    @Option(
            names = "--mqtt-queue",
            paramLabel = "N",
            defaultValue = "" + MqttSettings.DEFAULT_QUEUE,
            description = "messages kept while the broker is away; the oldest go first (default ${DEFAULT-VALUE})")
    int queue;

    @Option(
            names = "--metrics",
            paramLabel = "HOST:PORT",
            description =
                    "serve Prometheus metrics at http://HOST:PORT/metrics; a port alone listens on 127.0.0.1 only")
    String metrics;

    /** Set by {@link #start} when {@code /metrics} is to be served by the web view, at the same address. */
    private Page metricsOnWeb;

    /** The sinks these options ask for, started, taking no settings over MQTT. */
    public List<ReadingSink> start() {
        return start(MeterCommands.NONE, Optional.empty());
    }

    /**
     * The sinks these options ask for, started; the bridge closes them when it stops. MQTT
     * commands reach the meters through {@code commands}. {@code --metrics} at the address of the
     * web view ({@code web}) is served by it ({@link #metricsOnWeb}), one port for both. Bad
     * options or a port that cannot be served are a {@link UserError} (exit code 2) and leave
     * nothing running.
     */
    public List<ReadingSink> start(MeterCommands commands, Optional<InetSocketAddress> web) {
        Optional<MqttSettings> mqttSettings = mqttSettings();
        Optional<HostPort> metricsAddress = metricsAddress();
        List<ReadingSink> sinks = new ArrayList<>();
        try {
            metricsAddress.ifPresent(a -> sinks.add(prometheus(a, web)));
            mqttSettings.ifPresent(s -> sinks.add(MqttSink.start(s, commands)));
        } catch (IllegalArgumentException e) {
            sinks.forEach(ReadingSink::close);
            throw new UserError(e.getMessage(), ExitCode.USAGE);
        }
        return List.copyOf(sinks);
    }

    private PrometheusSink prometheus(HostPort address, Optional<InetSocketAddress> web) {
        if (web.isPresent() && web.get().equals(new InetSocketAddress(address.host(), address.port()))) {
            PrometheusSink sink = new PrometheusSink();
            metricsOnWeb = sink.page();
            return sink;
        }
        return PrometheusSink.serve(address);
    }

    /** The metrics page for the web view to serve, when {@code --metrics} is its address. */
    public Optional<Page> metricsOnWeb() {
        return Optional.ofNullable(metricsOnWeb);
    }

    Optional<MqttSettings> mqttSettings() {
        Optional<String> password =
                Optional.ofNullable(mqttPassword).or(() -> Optional.ofNullable(System.getenv(PASSWORD_VARIABLE)));
        if (mqtt == null) {
            if (mqttUser != null || mqttPassword != null || mqttCa != null || mqttCert != null || mqttKey != null) {
                throw new UserError(
                        "--mqtt-user, --mqtt-password, --mqtt-ca, --mqtt-cert and --mqtt-key need --mqtt "
                                + "mqtt://HOST:PORT",
                        2);
            }
            return Optional.empty();
        }
        try {
            MqttSettings s = MqttSettings.of(mqtt)
                    .withTopics(new Topics(topicPrefix, discoveryPrefix))
                    .withQueue(queue);
            if (mqttUser != null) {
                s = s.withUser(mqttUser, password);
            } else if (mqttPassword != null) {
                throw new IllegalArgumentException("--mqtt-password needs --mqtt-user");
            }
            s = mqttCert == null && mqttKey == null ? s : s.withClientCertificate(mqttCert, mqttKey);
            return Optional.of(mqttCa == null ? s : s.withCaFile(mqttCa));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), ExitCode.USAGE);
        }
    }

    Optional<HostPort> metricsAddress() {
        try {
            return Optional.ofNullable(metrics).map(HostPort::parseListener);
        } catch (IllegalArgumentException e) {
            throw new UserError("--metrics must be HOST:PORT or PORT, got '" + metrics + "'", ExitCode.USAGE);
        }
    }
}
