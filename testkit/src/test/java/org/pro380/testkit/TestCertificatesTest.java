package org.pro380.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private CA of a TLS test, and the broker that uses it. */
class TestCertificatesTest {

    @TempDir
    Path dir;

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Test
    void theServerCertificateIsForTheLoopbackAndSignedByTheCaOnly() throws Exception {
        TestCertificates tls = TestCertificates.create(dir.resolve("one"));
        X509Certificate ca = certificate(tls.ca());
        X509Certificate server = certificate(tls.serverCertificate());

        assertThat(ca.getBasicConstraints()).isNotNegative();
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        server.verify(ca.getPublicKey());
        server.checkValidity();
        assertThat(server.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(7, "127.0.0.1"), List.of(2, "localhost"));
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
        assertThat(Files.readString(tls.serverKey())).startsWith("-----BEGIN PRIVATE KEY-----");

        X509Certificate other =
                certificate(TestCertificates.create(dir.resolve("two")).ca());
        assertThatThrownBy(() -> server.verify(other.getPublicKey())).isInstanceOf(SignatureException.class);
    }

    @Test
    void aTlsBrokerSpeaksOnlyTls() throws Exception {
        try (Mosquitto broker = Mosquitto.startTls(dir)) {
            assertThat(broker.uri()).isEqualTo("mqtts://127.0.0.1:" + broker.port());
            assertThat(broker.caFile()).exists();
            assertThat(Files.readString(dir.resolve("mosquitto.conf"))).contains("cafile ", "certfile ", "keyfile ");
            assertThatThrownBy(() -> MqttClient.builder()
                            .useMqttVersion5()
                            .serverHost("127.0.0.1")
                            .serverPort(broker.port())
                            .buildBlocking()
                            .connect())
                    .isInstanceOf(RuntimeException.class);
        }
    }
}
