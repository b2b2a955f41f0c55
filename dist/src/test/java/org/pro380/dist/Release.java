package org.pro380.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The release artifacts the build made, and how the tests run what is in them. */
final class Release {

    static final String NAME = System.getProperty("pro380.release.name");
    static final Path DIR = Path.of(System.getProperty("pro380.release.dir"));
    /** A PATH on which no program is found, java least of all. */
    static final Map<String, String> NO_JAVA = Map.of("PATH", "/nonexistent");

    private static final Pattern MODBUS_TCP = Pattern.compile("listening: Modbus TCP on 127\\.0\\.0\\.1:(\\d+)");
    private static final long START_SECONDS = 60;

    private Release() {}

    static Path linuxImage() {
        return DIR.resolve(NAME + "-linux-" + System.getProperty("os.arch") + ".tar.gz");
    }

    static Path windowsZip() {
        return DIR.resolve(NAME + "-windows.zip");
    }

    static Path debianPackage() {
        return DIR.resolve("pro380_" + NAME.substring("pro380-".length()).replace('-', '~') + "_all.deb");
    }

    /** Runs {@code command} to its end (at most a minute) and gives its exit code and output. */
    static Result run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (environment != null) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("%s ended", List.of(command))
                .isTrue();
        return new Result(process.exitValue(), output);
    }

    static Result run(String... command) throws IOException, InterruptedException {
        return run(null, command);
    }

    record Result(int exitCode, String output) {}

    /**
     * Starts {@code launcher twin} on free loopback ports with its memory in {@code state}, reads the
     * serial number over Modbus TCP, stops it with SIGTERM and gives all it printed.
     */
    static String twinServesARead(Path launcher, Path state, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        launcher.toString(),
                        "twin",
                        "--tcp",
                        "127.0.0.1:0",
                        "--http",
                        "127.0.0.1:0",
                        "--state",
                        state.toString())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process twin = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> pump(twin.getInputStream(), lines), "twin-output");
        reader.setDaemon(true);
        reader.start();
        List<String> seen = new ArrayList<>();
        try {
            int port = modbusPort(twin, lines, seen);
            assertThat(readSerialNumber(port))
                    .as("serial number registers 0x4000-0x4001")
                    .containsExactly(0x22, 0x09, 0x10, 0x39);
        } finally {
            // SIGTERM through the handle: Process.destroy() would also close the pipe of its output
            twin.toHandle().destroy();
            assertThat(twin.waitFor(30, TimeUnit.SECONDS))
                    .as("the twin stops on SIGTERM")
                    .isTrue();
            reader.join(5000);
        }
        lines.drainTo(seen);
        return String.join("\n", seen);
    }

    private static int modbusPort(Process twin, BlockingQueue<String> lines, List<String> seen)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!twin.isAlive() && lines.isEmpty()) {
                    break;
                }
                continue;
            }
            seen.add(line);
            Matcher m = MODBUS_TCP.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the twin did not start listening:\n" + String.join("\n", seen));
    }

    /** Read holding registers 0x4000, 2 registers, unit 1: the data bytes of the reply. */
    private static int[] readSerialNumber(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0, 1, 0, 0, 0, 6, 1, 3, 0x40, 0x00, 0, 2});
            out.flush();
            byte[] reply = socket.getInputStream().readNBytes(13);
            assertThat(reply).hasSize(13);
            assertThat(reply[7]).as("function code").isEqualTo((byte) 3);
            int[] data = new int[4];
            for (int i = 0; i < 4; i++) {
                data[i] = reply[9 + i] & 0xFF;
            }
            return data;
        }
    }

    private static void pump(InputStream in, BlockingQueue<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
