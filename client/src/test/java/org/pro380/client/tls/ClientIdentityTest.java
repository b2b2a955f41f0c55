package org.pro380.client.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.testkit.TestCertificates;

/** A client certificate and its key from PEM files; one line for each file that is not one. */
class ClientIdentityTest {

    @TempDir
    Path dir;

    @Test
    void theKeyManagersShowTheCertificateWithItsKey() throws Exception {
        TestCertificates tls = TestCertificates.create(dir);
        ClientIdentity identity = ClientIdentity.read("--cert", tls.clientCertificate(), "--key", tls.clientKey());

        X509KeyManager manager =
                (X509KeyManager) Arrays.stream(identity.keyManagerFactory().getKeyManagers())
                        .filter(X509KeyManager.class::isInstance)
                        .findFirst()
                        .orElseThrow();
        String alias = manager.chooseClientAlias(new String[] {"EC"}, null, null);
        assertThat(alias).isNotNull();
        X509Certificate shown = manager.getCertificateChain(alias)[0];
        assertThat(shown.getSubjectX500Principal().getName()).isEqualTo("CN=pro380-test-client");
        assertThat(manager.getPrivateKey(alias).getEncoded())
                .isEqualTo(identity.key().getEncoded());
        assertThat(identity.key().getAlgorithm()).isEqualTo("EC");
        assertThat(identity.toString())
                .isEqualTo(tls.clientCertificate().toString())
                .doesNotContain("PRIVATE");
    }

    @Test
    void keysThatCannotBeReadAreOneLineEach() throws Exception {
        TestCertificates tls = TestCertificates.create(dir);
        Path cert = tls.clientCertificate();
        Path missing = dir.resolve("missing.key");
        Path traditional = Files.writeString(
                dir.resolve("rsa.key"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        Path encrypted = Files.writeString(
                dir.resolve("enc.key"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        Path garbage = Files.writeString(
                dir.resolve("garbage.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> ClientIdentity.read("--cert", cert, "--key", missing))
                .hasMessage("--key " + missing + ": cannot read the key (no such file)");
        assertThatThrownBy(() -> ClientIdentity.read("--cert", cert, "--key", cert))
                .hasMessage("--key " + cert + ": no PEM private key in the file");
        assertThatThrownBy(() -> ClientIdentity.read("--cert", cert, "--key", traditional))
                .hasMessage("--key " + traditional + ": a RSA PRIVATE KEY is no PKCS#8 private key; convert it with "
                        + "openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY8");
        assertThatThrownBy(() -> ClientIdentity.read("--cert", cert, "--key", encrypted))
                .hasMessageStartingWith("--key " + encrypted + ": the key is encrypted; ");
        assertThatThrownBy(() -> ClientIdentity.read("--cert", cert, "--key", garbage))
                .hasMessage("--key " + garbage + ": not an RSA, EC or EdDSA private key");
        assertThatThrownBy(() -> ClientIdentity.read("--cert", tls.clientKey(), "--key", tls.clientKey()))
                .hasMessageStartingWith("--cert " + tls.clientKey() + ": no PEM certificate in the file (");
    }
}
