package org.pro380.client.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;

/**
 * A client certificate (the PEM file's first certificate; any after it are its chain) and its
 * private key (unencrypted PKCS#8 PEM, as openssl 3 writes it): what a TLS connection shows a
 * broker that asks for one ({@code --source-cert}/{@code --source-key}, {@code --mqtt-cert}/{@code --mqtt-key}).
 *
 * @param certificateFile where the certificate came from
 * @param chain the certificate, then its chain as given
 * @param keyFile where the key came from
 * @param key the certificate's private key
 */
public record ClientIdentity(Path certificateFile, List<Certificate> chain, Path keyFile, PrivateKey key) {

    /** A PEM key block, also in a file that holds certificates too. */
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ((?:[A-Z]+ )*PRIVATE KEY)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private static final List<String> ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");
    private static final char[] NO_PASSWORD = new char[0];

    public ClientIdentity {
        chain = List.copyOf(chain);
    }

    /**
     * The certificate in {@code certFile} and the key in {@code keyFile}, given as {@code certOption}
     * and {@code keyOption}; IllegalArgumentException says in one line what is wrong.
     */
    public static ClientIdentity read(String certOption, Path certFile, String keyOption, Path keyFile) {
        List<Certificate> chain = TrustedCertificates.read(certOption, certFile).certificates();
        return new ClientIdentity(certFile, chain, keyFile, privateKey(keyOption, keyFile));
    }

    private static PrivateKey privateKey(String option, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw bad(option, file, "cannot read the key (no such file)");
        } catch (AccessDeniedException e) {
            throw bad(option, file, "cannot read the key (permission denied)");
        } catch (IOException e) {
            throw bad(option, file, "cannot read the key (" + e.getMessage() + ")");
        }
        Matcher pem = PEM.matcher(text);
        if (!pem.find()) {
            throw bad(option, file, "no PEM private key in the file");
        }
        String type = pem.group(1);
        if (!type.equals("PRIVATE KEY")) {
            throw bad(
                    option,
                    file,
                    type.equals("ENCRYPTED PRIVATE KEY")
                            ? "the key is encrypted; write it unencrypted (openssl pkey -in KEY -out PLAIN) into a file "
                                    + "only this program's user can read"
                            : "a " + type + " is no PKCS#8 private key; convert it with openssl pkcs8 -topk8 -nocrypt "
                                    + "-in KEY -out KEY8");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.group(2));
        } catch (IllegalArgumentException e) {
            throw bad(option, file, "the PEM key is not base64 (" + e.getMessage() + ")");
        }
        return ALGORITHMS.stream()
                .map(a -> decode(a, der))
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow(() -> bad(option, file, "not an RSA, EC or EdDSA private key"));
    }

    private static Optional<PrivateKey> decode(String algorithm, byte[] der) {
        try {
            return Optional.of(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static IllegalArgumentException bad(String option, Path file, String why) {
        return new IllegalArgumentException(option + " " + file + ": " + why);
    }

    /** Key managers that show this certificate and key. */
    public KeyManagerFactory keyManagerFactory() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, NO_PASSWORD);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot hold the client certificate: " + e.getMessage(), e);
        }
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return certificateFile.toString();
    }
}
