package org.pro380.client.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.testkit.TestCertificates;

/** A PEM file's CA certificates as the only trusted ones; one line for each file that holds none. */
class TrustedCertificatesTest {

    @TempDir
    Path dir;

    @Test
    void theTrustManagersTrustExactlyTheCertificatesOfTheFile() throws Exception {
        TestCertificates one = TestCertificates.create(dir.resolve("one"));
        TestCertificates two = TestCertificates.create(dir.resolve("two"));
        Path both = Files.writeString(dir.resolve("both.pem"), Files.readString(one.ca()) + Files.readString(two.ca()));

        TrustedCertificates trusted = TrustedCertificates.read("--ca", both);

        assertThat(trusted.certificates()).hasSize(2);
        X509TrustManager manager =
                (X509TrustManager) Arrays.stream(trusted.trustManagerFactory().getTrustManagers())
                        .filter(X509TrustManager.class::isInstance)
                        .findFirst()
                        .orElseThrow();
        assertThat(Arrays.stream(manager.getAcceptedIssuers()).map(X509Certificate::getSubjectX500Principal))
                .hasSize(2)
                .allSatisfy(p -> assertThat(p.getName()).isEqualTo("CN=pro380 test CA"));
        assertThat(trusted.toString()).isEqualTo(both.toString());
    }

    @Test
    void aCertificateReadTwiceIsTheSame() throws Exception {
        TestCertificates one = TestCertificates.create(dir);
        assertThat(TrustedCertificates.read("--ca", one.ca())).isEqualTo(TrustedCertificates.read("--ca", one.ca()));
    }

    @Test
    void aFileWithoutCertificatesIsOneLineNamingTheOptionAndTheFile() throws Exception {
        TestCertificates one = TestCertificates.create(dir);
        Path none = dir.resolve("none.pem");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        Path text = Files.writeString(dir.resolve("text.pem"), "not a certificate\n");

        assertThatThrownBy(() -> TrustedCertificates.read("--source-ca", none))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--source-ca " + none + ": cannot read PEM certificates (no such file)");
        assertThatThrownBy(() -> TrustedCertificates.read("--source-ca", empty))
                .hasMessage("--source-ca " + empty + ": no PEM certificate in the file");
        assertThatThrownBy(() -> TrustedCertificates.read("--source-ca", one.serverKey()))
                .hasMessageStartingWith("--source-ca " + one.serverKey() + ": no PEM certificate in the file (");
        assertThatThrownBy(() -> TrustedCertificates.read("--source-ca", text))
                .hasMessageStartingWith("--source-ca " + text + ": no PEM certificate in the file (");
        assertThatThrownBy(() -> TrustedCertificates.read("--source-ca", dir))
                .hasMessage("--source-ca " + dir + ": cannot read PEM certificates (a directory, not a file)");
        for (Path bad : new Path[] {none, empty, one.serverKey(), text, dir}) {
            assertThatThrownBy(() -> TrustedCertificates.read("ca", bad))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }
}
