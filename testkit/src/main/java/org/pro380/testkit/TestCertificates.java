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
 * verification passes) unless other names are asked for, and a client certificate, made with {@code openssl} in a directory the test gives. Valid for two
 * days from now. Missing openssl skips the test locally and fails it with {@code CI=true}.
 *
 * @param ca the CA certificate (PEM), what a client trusts
 * @param serverCertificate the server's certificate (PEM), signed by the CA
 * @param serverKey the server's private key (PEM, unencrypted)
 * @param clientCertificate a client's certificate (PEM, CN=pro380-test-client), signed by the CA
 * @param clientKey the client's private key (PKCS#8 PEM, unencrypted)
 */
public record TestCertificates(Path ca, Path serverCertificate, Path serverKey, Path clientCertificate, Path clientKey) {

    private static final long STEP_SECONDS = 30;
    private static final List<String> EC_KEY = List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes");

    /** The names a server certificate has by default: the loopback's. */
    public static final List<String> LOOPBACK = List.of("IP:127.0.0.1", "DNS:localhost");

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
        Path serverConf = Files.writeString(dir.resolve("server.cnf"), """
                [req]
                distinguished_name = dn
                prompt = no
                [dn]
                CN = localhost
                """);
        Path clientConf = Files.writeString(dir.resolve("client.cnf"), """
                [req]
                distinguished_name = dn
                prompt = no
                [dn]
                CN = pro380-test-client
                """);
        Path clientExtensions = Files.writeString(dir.resolve("client.ext"), """
                basicConstraints = CA:FALSE
                keyUsage = critical, digitalSignature
                extendedKeyUsage = clientAuth
                authorityKeyIdentifier = keyid
                """);
        Path serverExtensions = Files.writeString(dir.resolve("server.ext"), """
                basicConstraints = CA:FALSE
                keyUsage = critical, digitalSignature
                extendedKeyUsage = serverAuth
                subjectAltName = %s
                authorityKeyIdentifier = keyid
                """.formatted(String.join(", ", names)));
        Path caKey = dir.resolve("ca.key");
        Path ca = dir.resolve("ca.pem");
        Path serverKey = dir.resolve("server.key");
        Path request = dir.resolve("server.csr");
        Path server = dir.resolve("server.pem");
        run(dir, openssl, "req", "-x509", "-new", EC_KEY, "-keyout", caKey, "-out", ca, "-days", "2", "-config", caConf);
        run(dir, openssl, "req", "-new", EC_KEY, "-keyout", serverKey, "-out", request, "-config", serverConf);
        run(dir, openssl, "x509", "-req", "-in", request, "-CA", ca, "-CAkey", caKey, "-CAcreateserial",
                "-out", server, "-days", "2", "-extfile", serverExtensions);
        Path clientKey = dir.resolve("client.key");
        Path clientRequest = dir.resolve("client.csr");
        Path client = dir.resolve("client.pem");
        run(dir, openssl, "req", "-new", EC_KEY, "-keyout", clientKey, "-out", clientRequest, "-config", clientConf);
        run(dir, openssl, "x509", "-req", "-in", clientRequest, "-CA", ca, "-CAkey", caKey, "-CAcreateserial",
                "-out", client, "-days", "2", "-extfile", clientExtensions);
        return new TestCertificates(ca, server, serverKey, client, clientKey);
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
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
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
