package org.pro380.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.app.UserError;
import org.pro380.bridge.mqtt.MqttSettings;
import org.pro380.testkit.TestCertificates;
import picocli.CommandLine;

/** {@code --mqtt-cert} and {@code --mqtt-key}: the client certificate the bridge shows a TLS broker. */
class PublishTlsOptionsTest {

    @TempDir
    Path dir;

    private static PublishOptions parse(String... args) {
        PublishOptionsTest.Bridge bridge = new PublishOptionsTest.Bridge();
        new CommandLine(bridge).parseArgs(args);
        return bridge.publish;
    }

    @Test
    void theFlagsMakeTheSettings() {
        MqttSettings s = parse(
                        "--mqtt",
                        "mqtts://broker.lan",
                        "--mqtt-cert",
                        "/etc/bridge.pem",
                        "--mqtt-key",
                        "/etc/bridge.key")
                .mqttSettings()
                .orElseThrow();
        assertThat(s.certFile()).contains(Path.of("/etc/bridge.pem"));
        assertThat(s.keyFile()).contains(Path.of("/etc/bridge.key"));
        assertThat(s.toString()).isEqualTo("mqtts://broker.lan:8883");
    }

    @Test
    void mistakesAreOneLineEachAndStartNothing() throws Exception {
        TestCertificates tls = TestCertificates.create(dir);
        String cert = tls.clientCertificate().toString();
        assertThatThrownBy(() -> parse("--mqtt", "mqtts://127.0.0.1:1", "--mqtt-cert", cert)
                        .start())
                .isInstanceOf(UserError.class)
                .hasMessage("--mqtt-cert and --mqtt-key go together: a client certificate and its private key");
        assertThatThrownBy(() -> parse("--mqtt", "mqtt://127.0.0.1:1", "--mqtt-cert", cert, "--mqtt-key", cert)
                        .start())
                .hasMessage("--mqtt-cert needs a TLS broker: mqtts://HOST:PORT");
        assertThatThrownBy(() -> parse("--mqtt-key", cert).start())
                .hasMessage(
                        "--mqtt-user, --mqtt-password, --mqtt-ca, --mqtt-cert and --mqtt-key need --mqtt mqtt://HOST:PORT");
        assertThatThrownBy(() -> parse("--mqtt", "mqtts://127.0.0.1:1", "--mqtt-cert", cert, "--mqtt-key", cert)
                        .start())
                .isInstanceOf(UserError.class)
                .hasMessage("--mqtt-key " + cert + ": no PEM private key in the file");
        assertThat(parse("--mqtt", "mqtts://127.0.0.1:1").mqttSettings().map(MqttSettings::certFile))
                .contains(Optional.empty());
    }
}
