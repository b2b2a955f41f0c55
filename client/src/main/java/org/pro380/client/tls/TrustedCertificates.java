package org.pro380.client.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;

/**
 * The CA certificates of a PEM file as the only ones a TLS connection trusts, instead of the
 * system's ({@code --mqtt-ca}, {@code --source-ca}). The host name is still verified against
 * the server's certificate.
 *
 * @param file where the certificates came from
 * @param certificates at least one
 */
public record TrustedCertificates(Path file, List<Certificate> certificates) {

    public TrustedCertificates {
        certificates = List.copyOf(certificates);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(file + ": no PEM certificate in the file");
        }
    }

    /**
     * The certificates in {@code pemFile}, given as {@code option}; IllegalArgumentException says
     * in one line, starting with the option and the file, why there are none.
     */
    public static TrustedCertificates read(String option, Path pemFile) {
        if (Files.isDirectory(pemFile)) {
            throw unreadable(option, pemFile, "a directory, not a file");
        }
        try (InputStream in = Files.newInputStream(pemFile)) {
            return new TrustedCertificates(
                    pemFile, List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in)));
        } catch (NoSuchFileException e) {
            throw unreadable(option, pemFile, "no such file");
        } catch (AccessDeniedException e) {
            throw unreadable(option, pemFile, "permission denied");
        } catch (CertificateException e) {
            throw new IllegalArgumentException(
                    option + " " + pemFile + ": no PEM certificate in the file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw unreadable(option, pemFile, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage());
        }
    }

    private static IllegalArgumentException unreadable(String option, Path file, String why) {
        return new IllegalArgumentException(option + " " + file + ": cannot read PEM certificates (" + why + ")");
    }

    /** Trust managers that trust these certificates and no others. */
    public TrustManagerFactory trustManagerFactory() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot hold trusted certificates: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
