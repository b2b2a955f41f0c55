package org.pro380.twin.nv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pro380.meter.EnergyCounters;
import org.pro380.meter.StoredState;
import org.pro380.protocol.Parity;
import org.pro380.registers.Settings;
import org.pro380.registers.Tariff;

/** States and child processes for the store tests. */
final class Stores {

    private static final int COUNTERS = new EnergyCounters().toArray().length;

    private Stores() {}

    /**
     * A state of {@code kWh} kilowatt-hours of total active energy (plus 1 Wh per counter, so that
     * every counter is different) and settings that are not the factory's.
     */
    static StoredState stateOfKwh(long kWh) {
        long[] milli = new long[COUNTERS];
        for (int i = 0; i < milli.length; i++) {
            milli[i] = 1_000L * (i + 1);
        }
        milli[0] += kWh * 1_000_000L;
        Settings settings = new Settings(17, 4800, Parity.ODD, 3, false, Tariff.T2);
        return new StoredState(EnergyCounters.of(milli), settings, (int) (kWh % 60_000));
    }

    /**
     * The state meter {@code meter} of a site saves in round {@code round}: {@link #stateOfKwh} of
     * round x 1000 + meter, so that every meter's state differs from the others' and grows with
     * every round (for fewer than 1000 meters).
     */
    static StoredState siteState(int meter, long round) {
        return stateOfKwh(round * 1_000 + meter);
    }

    /** The round in which meter {@code meter} saved {@code state} ({@link #siteState}); 0 for a factory-new state. */
    static long roundOf(int meter, StoredState state) {
        long first = state.counters().toArray()[0];
        return first == 0 ? 0 : ((first - 1_000L) / 1_000_000L - meter) / 1_000;
    }

    /** A JVM running {@link StoreChild} with the given mode on {@code dir}; close it to be sure it has ended. */
    static Child startChild(String mode, Path dir) throws IOException {
        return startChild(mode, dir, List.of(), Map.of());
    }

    /**
     * A JVM running {@link StoreChild} with JVM options {@code jvmOptions} and the environment
     * changed by {@code environment} (a null value removes the variable).
     */
    static Child startChild(String mode, Path dir, List<String> jvmOptions, Map<String, String> environment)
            throws IOException {
        return startChild(List.of(mode, dir.toString()), jvmOptions, environment);
    }

    /**
     * A JVM running {@link StoreChild} in mode {@code site-loop} on {@code dir} with a site of
     * {@code meters} meters; started for speed rather than peak performance, as it lives for
     * a fraction of a second.
     */
    static Child startSiteChild(Path dir, int meters) throws IOException {
        return startChild(
                List.of("site-loop", dir.toString(), Integer.toString(meters)),
                List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k"),
                Map.of());
    }

    private static Child startChild(List<String> arguments, List<String> jvmOptions, Map<String, String> environment)
            throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StoreChild.class.getName()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        return new Child(builder.start());
    }

    /**
     * A child JVM whose every wait is bounded; {@link #close()} kills it if it still runs, so a
     * failing test leaves no process behind.
     */
    static final class Child implements AutoCloseable {
        private static final Duration WAIT = Duration.ofSeconds(30);

        private final Process process;
        private final BufferedReader out;

        private Child(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        long pid() {
            return process.pid();
        }

        /** The child's next line of output, or null when it ended without one; fails after 30 s. */
        String nextLine() throws Exception {
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try {
                return line.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("child " + process.pid() + " printed no line within " + WAIT, e);
            }
        }

        /** The lines the child printed and that were not read yet, up to its end; fails after 30 s a line. */
        List<String> remainingLines() throws Exception {
            List<String> lines = new ArrayList<>();
            for (String line = nextLine(); line != null; line = nextLine()) {
                lines.add(line);
            }
            return lines;
        }

        /** Closes the child's stdin (a holder then closes its store and ends). */
        void closeStdin() throws IOException {
            process.getOutputStream().close();
        }

        /** The child's exit code once it has ended by itself; fails after 30 s. */
        int exitCode() throws InterruptedException {
            if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("child " + process.pid() + " did not end within " + WAIT);
            }
            return process.exitValue();
        }

        /** Kills the child (as a crash or power cut would) and waits until it is gone; fails after 30 s. */
        void kill() throws InterruptedException {
            // SIGKILL through the handle: Process.destroyForcibly would also close our end of its
            // stdout, and the lines it printed before it died could no longer be read
            process.toHandle().destroyForcibly();
            exitCode();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }
}
