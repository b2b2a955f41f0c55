package org.pro380.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.client.tls.TrustedCertificates;
import org.pro380.testkit.TestCertificates;
import org.pro380.twin.TwinConfig;

/**
 * {@code --source-ca}: the CA an mqtts:// source is trusted by; {@code --source-cert} and
 * {@code --source-key}: the client certificate it shows; one line for each mistake, nothing started.
 */
class SourceCaFlagTest {

    @TempDir
    Path dir;

    private static TwinConfig config(String... args) {
        return SourceFlagsTest.config(args);
    }

    /** The error output of a run that must fail with exit code 2; the state directory shows nothing started. */
    private String error(String... args) {
        String line = SourceFlagsTest.error(args);
        assertThat(dir.resolve("s")).doesNotExist();
        return line;
    }

    @Test
    void theCaOfTheFlagIsTheOnlyOneTheSourceTrusts() throws Exception {
        Path ca = TestCertificates.create(dir.resolve("tls")).ca();
        TwinConfig c = config(
                "--state",
                dir.resolve("s").toString(),
                "--source",
                "mqtts://broker.home/site/meter",
                "--source-ca",
                ca.toString(),
                "--source-username",
                "twin");
        assertThat(c.source().orElseThrow().ca()).contains(TrustedCertificates.read("--source-ca", ca));
        assertThat(c.source().orElseThrow().username()).contains("twin");
    }

    @Test
    void aClientCertificateAndItsKeyGoTogether() throws Exception {
        TestCertificates tls = TestCertificates.create(dir.resolve("tls"));
        String state = dir.resolve("s").toString();
        TwinConfig c = config(
                "--state",
                state,
                "--source",
                "mqtts://broker.home/site/meter",
                "--source-cert",
                tls.clientCertificate().toString(),
                "--source-key",
                tls.clientKey().toString());
        assertThat(c.source().orElseThrow().identity().orElseThrow().certificateFile())
                .isEqualTo(tls.clientCertificate());
        assertThat(error(
                        "twin",
                        "--state",
                        state,
                        "--source",
                        "mqtts://h/t",
                        "--source-cert",
                        tls.clientCertificate().toString()))
                .isEqualTo(
                        "pro380: --source-cert and --source-key go together: a client certificate and its private key");
        assertThat(error(
                        "twin",
                        "--state",
                        state,
                        "--source",
                        "mqtt://h/t",
                        "--source-cert",
                        tls.clientCertificate().toString(),
                        "--source-key",
                        tls.clientKey().toString()))
                .isEqualTo(
                        "pro380: a client certificate is for TLS brokers (mqtts://HOST:PORT/TOPIC), not mqtt://h:1883/t");
        assertThat(error(
                        "twin",
                        "--state",
                        state,
                        "--source",
                        "mqtts://h/t",
                        "--source-cert",
                        tls.clientCertificate().toString(),
                        "--source-key",
                        tls.ca().toString()))
                .isEqualTo("pro380: --source-key " + tls.ca() + ": no PEM private key in the file");
    }

    @Test
    void theFlagAppliesToEachMetersOwnTlsSourceInTheConfigFile() throws Exception {
        Path ca = TestCertificates.create(dir.resolve("tls")).ca();
        Path config = Files.writeString(dir.resolve("twin.json"), """
                {"meters": [{"source": "mqtts://broker.home/m/1"}, {}, {"source": "mqtts://broker.home/m/3"}]}
                """);
        TwinConfig c = config(
                "--state", dir.resolve("s").toString(), "--config", config.toString(), "--source-ca", ca.toString());
        assertThat(c.site().entry(1).source().orElseThrow().ca()).isPresent();
        assertThat(c.site().entry(2).source()).isEmpty();
        assertThat(c.site().entry(3).source().orElseThrow().ca()).isPresent();
    }

    @Test
    void mistakesAreOneLineEach() throws Exception {
        TestCertificates tls = TestCertificates.create(dir.resolve("tls"));
        String state = dir.resolve("s").toString();
        Path missing = dir.resolve("missing.pem");
        assertThat(error(
                        "twin",
                        "--state",
                        state,
                        "--source",
                        "mqtt://h/t",
                        "--source-ca",
                        tls.ca().toString()))
                .isEqualTo("pro380: a source CA is for TLS brokers (mqtts://HOST:PORT/TOPIC), not mqtt://h:1883/t");
        assertThat(error(
                        "twin",
                        "--state",
                        state,
                        "--source",
                        "modbus-tcp://h?unit=3",
                        "--source-ca",
                        tls.ca().toString()))
                .isEqualTo(
                        "pro380: a source CA is for TLS brokers (mqtts://HOST:PORT/TOPIC), not modbus-tcp://h:502?unit=3");
        assertThat(error("twin", "--state", state, "--source", "mqtts://h/t", "--source-ca", missing.toString()))
                .isEqualTo("pro380: --source-ca " + missing + ": cannot read PEM certificates (no such file)");
        assertThat(error(
                        "twin",
                        "--state",
                        state,
                        "--source",
                        "mqtts://h/t",
                        "--source-ca",
                        tls.serverKey().toString()))
                .startsWith("pro380: --source-ca " + tls.serverKey() + ": no PEM certificate in the file (")
                .doesNotContain("\n")
                .doesNotContain("Exception");
        assertThat(error("twin", "--state", state, "--source-ca", tls.ca().toString()))
                .isEqualTo("pro380: --source-map, "
                        + "--source-username, --source-password, --source-ca, --source-cert, --source-key, --stale-after and "
                        + "--on-stale need --source (or a \"source\" in the config file)");
    }
}
