package org.pro380.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A twin in a child JVM started like `pro380 twin`, for tests that kill it. */
final class TwinProcess implements AutoCloseable {

    private static final Pattern HTTP = Pattern.compile("control API on http://([^/]+)/");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final String httpHostPort;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private TwinProcess(Process process, String httpHostPort) {
        this.process = process;
        this.httpHostPort = httpHostPort;
    }

    static TwinProcess start(Path state, String... extraArgs) throws IOException, InterruptedException {
        return start(List.of(), state, extraArgs);
    }

    /** A twin whose JVM also has {@code jvmOptions} (system properties, say). */
    static TwinProcess start(List<String> jvmOptions, Path state, String... extraArgs)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a quick start matters more here than peak speed: the crash test starts the twin 35 times
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "org.pro380.app.Main",
                "twin",
                "--state",
                state.toString(),
                "--tcp",
                "127.0.0.1:0",
                "--http",
                "127.0.0.1:0"));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> pump(p, lines), "twin-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!p.isAlive()) {
                    break;
                }
                continue;
            }
            seen.add(line);
            Matcher m = HTTP.matcher(line);
            if (m.find()) {
                TwinProcess t = new TwinProcess(p, m.group(1));
                t.output.addAll(seen);
                return t;
            }
        }
        ChildProcesses.kill(p);
        throw new IllegalStateException("twin did not start: " + String.join("\n", seen));
    }

    private static void pump(Process p, BlockingQueue<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    List<String> startupOutput() {
        return output;
    }

    JsonNode state() throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + httpHostPort + "/api/state"))
                .timeout(Duration.ofSeconds(20))
                .build();
        return JSON.readTree(
                http.send(req, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Total active energy in kWh, from the counters (not rounded to f32). */
    double activeEnergy() throws IOException, InterruptedException {
        return state().path("registers").path("active-energy").path("value").asDouble();
    }

    void kill() throws InterruptedException {
        ChildProcesses.kill(process);
    }

    /** SIGTERM, as Ctrl-C would stop it (SIGKILL after 15 s); returns the exit code. */
    int stop() throws InterruptedException {
        return ChildProcesses.stop(process, Duration.ofSeconds(15));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
