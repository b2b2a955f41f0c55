package org.pro380.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.app.UserError;
import org.pro380.bridge.ReadingSink;
import org.pro380.bridge.metrics.PrometheusSink;
import org.pro380.bridge.mqtt.MeterCommands;
import org.pro380.bridge.mqtt.MqttSettings;
import org.pro380.bridge.mqtt.Topics;
import org.pro380.client.HostPort;
import org.pro380.testkit.Mosquitto;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The bridge's publishing flags, parsed as {@code pro380 bridge} parses them, and the sinks they start. */
class PublishOptionsTest {

    @Command(name = "bridge")
    static final class Bridge {
        @Mixin
        PublishOptions publish;
    }

    @TempDir
    Path dir;

    private static PublishOptions parse(String... args) {
        Bridge bridge = new Bridge();
        new CommandLine(bridge).parseArgs(args);
        return bridge.publish;
    }

    @Test
    void noFlagsStartNothing() {
        assertThat(parse().start()).isEmpty();
    }

    @Test
    void theMqttFlagsMakeTheSettings() {
        MqttSettings s = parse(
                        "--mqtt",
                        "mqtts://broker.lan",
                        "--mqtt-user",
                        "meter",
                        "--mqtt-password",
                        "s3cret",
                        "--mqtt-ca",
                        "/etc/ca.pem",
                        "--mqtt-topic-prefix",
                        "home/meters",
                        "--mqtt-queue",
                        "500")
                .mqttSettings()
                .orElseThrow();
        assertThat(s)
                .isEqualTo(new MqttSettings(
                        "broker.lan",
                        8883,
                        true,
                        Optional.of(Path.of("/etc/ca.pem")),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("meter"),
                        Optional.of("s3cret"),
                        new Topics("home/meters", "homeassistant"),
                        500));
        assertThat(s.toString()).isEqualTo("mqtts://broker.lan:8883").doesNotContain("s3cret");
        assertThat(parse("--mqtt", "mqtt://10.0.0.2")
                        .mqttSettings()
                        .orElseThrow()
                        .port())
                .isEqualTo(1883);
    }

    @Test
    void badFlagsAreOneLineErrors() {
        assertThatThrownBy(() -> parse("--mqtt", "http://broker:1883").start())
                .isInstanceOf(UserError.class)
                .hasMessage("--mqtt must be mqtt://HOST:PORT or mqtts://HOST:PORT (user and password go in "
                        + "--mqtt-user and --mqtt-password), got 'http://broker:1883'");
        assertThatThrownBy(() -> parse("--mqtt", "mqtt://u:p@broker").start()).hasMessageStartingWith("--mqtt must be");
        assertThatThrownBy(() ->
                        parse("--mqtt", "mqtt://broker", "--mqtt-password", "x").start())
                .hasMessage("--mqtt-password needs --mqtt-user");
        assertThatThrownBy(() ->
                        parse("--mqtt", "mqtt://broker", "--mqtt-ca", "ca.pem").start())
                .hasMessage("--mqtt-ca needs a TLS broker: mqtts://HOST:PORT");
        assertThatThrownBy(() -> parse("--mqtt-user", "meter").start())
                .hasMessage(
                        "--mqtt-user, --mqtt-password, --mqtt-ca, --mqtt-cert and --mqtt-key need --mqtt mqtt://HOST:PORT");
        assertThatThrownBy(() -> parse("--mqtt", "mqtt://broker", "--mqtt-topic-prefix", "pro380/#")
                        .start())
                .hasMessageStartingWith("topic prefix must be a topic without wildcards");
        assertThatThrownBy(() -> parse("--metrics", "localhost").start())
                .hasMessage("--metrics must be HOST:PORT or PORT, got 'localhost'");
        assertThatThrownBy(() -> parse(
                                "--mqtt",
                                "mqtts://127.0.0.1:1",
                                "--mqtt-ca",
                                dir.resolve("none.pem").toString())
                        .start())
                .hasMessageStartingWith("--mqtt-ca " + dir.resolve("none.pem") + ": cannot read PEM certificates (");
    }

    @Test
    void metricsAtTheWebViewsAddressAreLeftToTheWebView() {
        List<ReadingSink> sinks = parse("--metrics", "127.0.0.1:8382")
                .start(MeterCommands.NONE, Optional.of(new InetSocketAddress("127.0.0.1", 8382)));
        PublishOptions other = parse("--metrics", "127.0.0.1:0");
        List<ReadingSink> own = other.start(MeterCommands.NONE, Optional.of(new InetSocketAddress("127.0.0.1", 8382)));
        try {
            assertThat(((PrometheusSink) sinks.get(0)).address())
                    .as("no server of its own")
                    .isEmpty();
            assertThat(((PrometheusSink) own.get(0)).address()).isPresent();
            assertThat(other.metricsOnWeb()).isEmpty();
        } finally {
            sinks.forEach(ReadingSink::close);
            own.forEach(ReadingSink::close);
        }
    }

    @Test
    void aMetricsPortAloneListensOnLoopback() throws Exception {
        assertThat(parse("--metrics", "0").metricsAddress()).contains(HostPort.loopback(0));
        List<ReadingSink> sinks = parse("--metrics", "127.0.0.1:0").start();
        try {
            PrometheusSink sink = (PrometheusSink) sinks.get(0);
            assertThat(sink.address().orElseThrow().getAddress().isLoopbackAddress())
                    .isTrue();
            HttpResponse<String> page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                            + sink.address().orElseThrow().getPort() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        } finally {
            sinks.forEach(ReadingSink::close);
        }
    }

    @Test
    void aBrokerWithAUserTakesTheBridgeWithItsPassword() throws Exception {
        try (Mosquitto broker = Mosquitto.startWithUser(dir, "meter", "s3cret")) {
            Mqtt5BlockingClient observer = MqttClient.builder()
                    .useMqttVersion5()
                    .serverHost("127.0.0.1")
                    .serverPort(broker.port())
                    .buildBlocking();
            observer.connectWith()
                    .simpleAuth()
                    .username("meter")
                    .password("s3cret".getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth()
                    .send();
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = observer.publishes(MqttGlobalPublishFilter.ALL)) {
                observer.subscribeWith()
                        .topicFilter("pro380/bridge/availability")
                        .send();
                List<ReadingSink> sinks = parse(
                                "--mqtt", broker.uri(), "--mqtt-user", "meter", "--mqtt-password", "s3cret")
                        .start();
                try {
                    Mqtt5Publish online =
                            publishes.receive(20, TimeUnit.SECONDS).orElseThrow();
                    assertThat(new String(online.getPayloadAsBytes(), StandardCharsets.UTF_8))
                            .isEqualTo("online");
                } finally {
                    sinks.forEach(ReadingSink::close);
                }
            } finally {
                observer.disconnect();
            }
        }
    }
}
