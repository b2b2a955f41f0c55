package org.pro380.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private CA, a server certificate it signed, for 127.0.0.1 and localhost (so host name
 * verification passes) unless other names are asked for, and a client certificate, made with
 * {@code openssl} in a directory the test gives. Valid for two days from now. Missing openssl
 * skips the test locally and fails it with {@code CI=true}.
 *
 * @param ca the CA certificate (PEM), what a client trusts
 * @param serverCertificate the server's certificate (PEM), signed by the CA
 * @param serverKey the server's private key (PEM, unencrypted)
 * @param clientCertificate a client's certificate (PEM, CN=pro380-test-client), signed by the CA
 * @param clientKey the client's private key (PKCS#8 PEM, unencrypted)
 */
public record TestCertificates(
        Path ca, Path serverCertificate, Path serverKey, Path clientCertificate, Path clientKey) {

    /** The names a server certificate has by default: the loopback's. */
    public static final List<String> LOOPBACK = List.of("IP:127.0.0.1", "DNS:localhost");

    private static final long STEP_SECONDS = 30;
    private static final List<String> EC_KEY =
            List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes");

    /** A certificate the CA signed, and its key. */
    private record Signed(Path certificate, Path key) {}

    /** A new CA and a server certificate for the loopback in {@code dir} (created if needed). */
    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        return create(dir, LOOPBACK);
    }

    /** As {@link #create(Path)}, the server certificate for {@code names} ({@code IP:...}, {@code DNS:...}) only. */
    public static TestCertificates create(Path dir, List<String> names) throws IOException, InterruptedException {
        Path openssl = ExternalTool.require("openssl", "openssl");
        Files.createDirectories(dir);
        Path caConf = Files.writeString(dir.resolve("ca.cnf"), """
                [req]
                distinguished_name = dn
                prompt = no
                x509_extensions = ca
                [dn]
                CN = pro380 test CA
                [ca]
                basicConstraints = critical, CA:TRUE
                keyUsage = critical, keyCertSign, cRLSign
                subjectKeyIdentifier = hash
                """);
        Path caKey = dir.resolve("ca.key");
        Path ca = dir.resolve("ca.pem");
        run(
                dir, openssl, "req", "-x509", "-new", EC_KEY, "-keyout", caKey, "-out", ca, "-days", "2", "-config",
                caConf);
        Signed server = sign(
                dir,
                openssl,
                ca,
                caKey,
                "server",
                "localhost",
                "extendedKeyUsage = serverAuth\nsubjectAltName = " + String.join(", ", names));
        Signed client = sign(dir, openssl, ca, caKey, "client", "pro380-test-client", "extendedKeyUsage = clientAuth");
        return new TestCertificates(ca, server.certificate(), server.key(), client.certificate(), client.key());
    }

    /** A key and a certificate for {@code commonName} with {@code extensions}, signed by the CA: NAME.pem, NAME.key. */
    private static Signed sign(
            Path dir, Path openssl, Path ca, Path caKey, String name, String commonName, String extensions)
            throws IOException, InterruptedException {
        Path conf = Files.writeString(dir.resolve(name + ".cnf"), """
                [req]
                distinguished_name = dn
                prompt = no
                [dn]
                CN = %s
                """.formatted(commonName));
        Path extensionFile = Files.writeString(dir.resolve(name + ".ext"), """
                basicConstraints = CA:FALSE
                keyUsage = critical, digitalSignature
                authorityKeyIdentifier = keyid
                %s
                """.formatted(extensions));
        Path key = dir.resolve(name + ".key");
        Path request = dir.resolve(name + ".csr");
        Path certificate = dir.resolve(name + ".pem");
        run(dir, openssl, "req", "-new", EC_KEY, "-keyout", key, "-out", request, "-config", conf);
        run(
                dir,
                openssl,
                "x509",
                "-req",
                "-in",
                request,
                "-CA",
                ca,
                "-CAkey",
                caKey,
                "-CAcreateserial",
                "-out",
                certificate,
                "-days",
                "2",
                "-extfile",
                extensionFile);
        return new Signed(certificate, key);
    }

    /** Runs {@code openssl} with {@code args} (strings, paths, or lists of strings). */
    private static void run(Path dir, Path openssl, Object... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(openssl.toString()));
        for (Object a : args) {
            if (a instanceof List<?> list) {
                list.forEach(x -> command.add(x.toString()));
            } else {
                command.add(a.toString());
            }
        }
        Path output = dir.resolve("openssl.log");
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
        if (!p.waitFor(STEP_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            throw new IOException(String.join(" ", command) + ": did not finish within " + STEP_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": exit code " + p.exitValue() + ": "
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
    }
}
