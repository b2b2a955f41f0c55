package org.pro380.bridge.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where and how the bridge publishes.
 *
 * @param host the broker
 * @param port its port (1883 for mqtt://, 8883 for mqtts://)
 * @param tls whether the connection is TLS ({@code mqtts://})
 * @param caFile PEM certificates to trust instead of the system's (TLS only)
 * @param certFile with {@code keyFile}, the client certificate shown to a broker that asks for one (TLS only)
 * @param keyFile the private key of {@code certFile} (PKCS#8 PEM)
 * @param username with {@code password}, the broker's simple authentication
 * @param topics the bridge's and Home Assistant's topic prefixes
 * @param queue how many messages wait for the broker at most; the oldest go first when it is full
 */
public record MqttSettings(
        String host,
        int port,
        boolean tls,
        Optional<Path> caFile,
        Optional<Path> certFile,
        Optional<Path> keyFile,
        Optional<String> username,
        Optional<String> password,
        Topics topics,
        int queue) {

    public static final int DEFAULT_QUEUE = 10_000;

    public MqttSettings {
        if (password.isPresent() && username.isEmpty()) {
            throw new IllegalArgumentException("--mqtt-password needs --mqtt-user");
        }
        if (caFile.isPresent() && !tls) {
            throw new IllegalArgumentException("--mqtt-ca needs a TLS broker: mqtts://HOST:PORT");
        }
        if (certFile.isPresent() != keyFile.isPresent()) {
            throw new IllegalArgumentException(
                    "--mqtt-cert and --mqtt-key go together: a client certificate and " + "its private key");
        }
        if (certFile.isPresent() && !tls) {
            throw new IllegalArgumentException("--mqtt-cert needs a TLS broker: mqtts://HOST:PORT");
        }
        if (queue < 1) {
            throw new IllegalArgumentException("the MQTT queue must hold at least 1 message, got " + queue);
        }
    }

    /** {@code mqtt://HOST[:PORT]} or {@code mqtts://HOST[:PORT]}, anonymous, default topics. */
    public static MqttSettings of(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw invalid(uri);
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("mqtt") && !scheme.equals("mqtts")
                || parsed.getHost() == null
                || !(parsed.getPath() == null || parsed.getPath().isEmpty())
                || parsed.getUserInfo() != null) {
            throw invalid(uri);
        }
        boolean tls = scheme.equals("mqtts");
        int port = parsed.getPort() == -1 ? (tls ? 8883 : 1883) : parsed.getPort();
        return new MqttSettings(
                parsed.getHost(),
                port,
                tls,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Topics.DEFAULT,
                DEFAULT_QUEUE);
    }

    private static IllegalArgumentException invalid(String uri) {
        return new IllegalArgumentException("--mqtt must be mqtt://HOST:PORT or mqtts://HOST:PORT "
                + "(user and password go in --mqtt-user and --mqtt-password), got '" + uri + "'");
    }

    public MqttSettings withUser(String newUsername, Optional<String> newPassword) {
        return new MqttSettings(
                host, port, tls, caFile, certFile, keyFile, Optional.of(newUsername), newPassword, topics, queue);
    }

    public MqttSettings withCaFile(Path file) {
        return new MqttSettings(
                host, port, tls, Optional.of(file), certFile, keyFile, username, password, topics, queue);
    }

    /** The client certificate and its key; one without the other (null) is refused. */
    public MqttSettings withClientCertificate(Path cert, Path key) {
        return new MqttSettings(
                host,
                port,
                tls,
                caFile,
                Optional.ofNullable(cert),
                Optional.ofNullable(key),
                username,
                password,
                topics,
                queue);
    }

    public MqttSettings withTopics(Topics newTopics) {
        return new MqttSettings(host, port, tls, caFile, certFile, keyFile, username, password, newTopics, queue);
    }

    public MqttSettings withQueue(int newQueue) {
        return new MqttSettings(host, port, tls, caFile, certFile, keyFile, username, password, topics, newQueue);
    }

    /** The client id: one bridge per topic prefix and broker. */
    public String clientId() {
        return "pro380-bridge-" + topics.prefix().replace('/', '-');
    }

    @Override
    public String toString() {
        return (tls ? "mqtts://" : "mqtt://") + host + ":" + port; // never the password
    }
}
