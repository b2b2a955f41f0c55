package org.pro380.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real MQTT broker for a test: Debian's mosquitto on 127.0.0.1 at a port of its own, with its
 * configuration and log in a directory the test gives. It can be stopped and started again on
 * the same port (a broker that goes down and comes back). With TLS it listens for {@code mqtts://}
 * only, with a certificate of a private CA made for the test ({@link TestCertificates}). Missing
 * mosquitto (or openssl for TLS) skips the test locally and fails it with {@code CI=true}.
 */
public final class Mosquitto implements AutoCloseable {

    private static final long START_MILLIS = 10_000;
    private static final int FIRST_PORT = 20_000;
    private static final int PORTS = 20_000;
    private static final int ATTEMPTS = 20;

    private final Path executable;
    private final Path dir;
    private final Optional<String[]> user;
    private final Optional<TestCertificates> tls;
    private final boolean requireClientCertificate;
    private int port;
    private Process process;
    private boolean paused;

    private Mosquitto(
            Path executable,
            Path dir,
            Optional<String[]> user,
            Optional<TestCertificates> tls,
            boolean requireClientCertificate) {
        this.executable = executable;
        this.dir = dir;
        this.user = user;
        this.tls = tls;
        this.requireClientCertificate = requireClientCertificate;
    }

    /** A broker that lets anyone in. */
    public static Mosquitto start(Path dir) throws IOException, InterruptedException {
        return start(dir, Optional.empty(), Optional.empty(), false);
    }

    /** A broker that lets in only {@code username} with {@code password}. */
    public static Mosquitto startWithUser(Path dir, String username, String password)
            throws IOException, InterruptedException {
        return start(dir, Optional.of(new String[] {username, password}), Optional.empty(), false);
    }

    /** A TLS broker that lets anyone in; its CA certificate is {@link #caFile()}. */
    public static Mosquitto startTls(Path dir) throws IOException, InterruptedException {
        return start(dir, Optional.empty(), Optional.of(TestCertificates.create(dir.resolve("tls"))), false);
    }

    /** A TLS broker with {@code certificates}, made for other names than the loopback's, say. */
    public static Mosquitto startTls(Path dir, TestCertificates certificates) throws IOException, InterruptedException {
        return start(dir, Optional.empty(), Optional.of(certificates), false);
    }

    /** A TLS broker that lets in only clients with a certificate of its CA ({@link TestCertificates#clientCertificate()}). */
    public static Mosquitto startTlsWithClientCertificate(Path dir) throws IOException, InterruptedException {
        return start(dir, Optional.empty(), Optional.of(TestCertificates.create(dir.resolve("tls"))), true);
    }

    /** A TLS broker that lets in only {@code username} with {@code password}. */
    public static Mosquitto startTlsWithUser(Path dir, String username, String password)
            throws IOException, InterruptedException {
        return start(
                dir,
                Optional.of(new String[] {username, password}),
                Optional.of(TestCertificates.create(dir.resolve("tls"))),
                false);
    }

    private static Mosquitto start(
            Path dir, Optional<String[]> user, Optional<TestCertificates> tls, boolean requireClientCertificate)
            throws IOException, InterruptedException {
        Path executable = ExternalTool.require(onPathOrSbin("mosquitto"), "mosquitto");
        return new Mosquitto(executable, dir, user, tls, requireClientCertificate).startOnAFreePort();
    }

    private Mosquitto startOnAFreePort() throws IOException, InterruptedException {
        writePasswordFile();
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            port = FIRST_PORT + ThreadLocalRandom.current().nextInt(PORTS);
            try {
                launch();
                return this;
            } catch (IOException e) {
                if (!log().contains("in use")) {
                    throw e;
                }
                last = e; // the port was taken: try another
            }
        }
        throw last;
    }

    private static String onPathOrSbin(String command) {
        return Files.isExecutable(Path.of("/usr/sbin", command)) ? "/usr/sbin/" + command : command;
    }

    public int port() {
        return port;
    }

    /** {@code mqtt://127.0.0.1:PORT}, or {@code mqtts://127.0.0.1:PORT} with TLS */
    public String uri() {
        return (tls.isPresent() ? "mqtts" : "mqtt") + "://127.0.0.1:" + port;
    }

    /** The CA certificate (PEM) that signed a TLS broker's certificate. */
    public Path caFile() {
        return certificates().ca();
    }

    /** A TLS broker's CA, server and client certificates. */
    public TestCertificates certificates() {
        return tls.orElseThrow(() -> new IllegalStateException("this broker has no TLS"));
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** Stops the broker; clients lose their connection. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (paused) {
                process.destroyForcibly(); // a frozen broker does not act on SIGTERM
                paused = false;
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    /**
     * Freezes the broker (SIGSTOP): connections stay open but nothing is read or acknowledged,
     * like a broker that cannot keep up. {@link #resume} lets it go on.
     */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
        paused = true;
    }

    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
        paused = false;
    }

    private void signal(String signal) throws IOException, InterruptedException {
        if (process == null) {
            throw new IllegalStateException("the broker is not running");
        }
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid()))
                .redirectErrorStream(true)
                .start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    /** Starts the broker again on the same port after {@link #stop}. */
    public void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    /** What the broker logged so far. */
    public String log() throws IOException {
        Path log = dir.resolve("mosquitto.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private void launch() throws IOException, InterruptedException {
        Path conf = dir.resolve("mosquitto.conf");
        List<String> lines = new ArrayList<>(List.of(
                "listener " + port + " 127.0.0.1",
                "persistence false",
                "user "
                        + System.getProperty(
                                "user.name"), // started as root it would become "mosquitto", who cannot read the test's
                // files
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information"));
        lines.add(user.isPresent() ? "password_file " + dir.resolve("passwords") : "allow_anonymous true");
        tls.ifPresent(t -> lines.addAll(List.of(
                "cafile " + t.ca(),
                "certfile " + t.serverCertificate(),
                "keyfile " + t.serverKey(),
                "require_certificate " + requireClientCertificate)));
        Files.write(conf, lines, StandardCharsets.UTF_8);
        Path log = dir.resolve("mosquitto.log");
        int logFrom = log().length();
        Process p = new ProcessBuilder(executable.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_MILLIS);
        // another program may hold the port: only this broker's own word that it runs counts
        while (!(log().substring(logFrom).contains(" running") && p.isAlive() && accepts(port))) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                throw new IOException("mosquitto did not start on port " + port + ": " + log());
            }
            Thread.sleep(10);
        }
        process = p;
    }

    private void writePasswordFile() throws IOException, InterruptedException {
        if (user.isEmpty()) {
            return;
        }
        Path passwd = ExternalTool.require(onPathOrSbin("mosquitto_passwd"), "mosquitto");
        Path file = dir.resolve("passwords");
        Process p = new ProcessBuilder(passwd.toString(), "-b", "-c", file.toString(), user.get()[0], user.get()[1])
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("mosquitto_passwd failed: " + output);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
