package org.pro380.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process started by a test: its output goes to files (so a chatty child never blocks on a
 * full pipe), it has a deadline, and {@link #close()} always ends it and its descendants and
 * deletes the files.
 */
public final class ChildProcess implements AutoCloseable {

    /** What a finished child did. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** Everything the child wrote, for assertion messages. */
        public String describe() {
            return String.join(" ", command) + "\nexit code " + exitCode + "\n--- stdout ---\n" + stdout
                    + "--- stderr ---\n" + stderr;
        }
    }

    private final List<String> command;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ChildProcess(List<String> command, Process process, Path stdout, Path stderr) {
        this.command = List.copyOf(command);
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts a child that runs until closed (socat, say). */
    public static ChildProcess start(List<String> command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("pro380-child", ".out");
            err = Files.createTempFile("pro380-child", ".err");
            Process p = new ProcessBuilder(command)
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            return new ChildProcess(command, p, out, err);
        } catch (IOException e) {
            deleteQuietly(out);
            deleteQuietly(err);
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    /**
     * Runs a child to its end. A child still running at the deadline is killed and the test
     * fails with whatever it wrote so far.
     */
    public static Result run(List<String> command, Duration timeout) {
        try (ChildProcess child = start(command)) {
            return child.await(timeout);
        }
    }

    /** Waits for the child to exit by itself; fails the test if it has not within {@code timeout}. */
    public Result await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                fail(String.format(
                        "%s did not finish within %s%n--- stdout ---%n%s--- stderr ---%n%s",
                        String.join(" ", command), timeout, stdout(), stderr()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("interrupted while waiting for " + command.get(0), e);
        }
        return new Result(command, process.exitValue(), stdout(), stderr());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    public List<String> command() {
        return command;
    }

    /** Ends the child (SIGTERM, then SIGKILL after a second) and its descendants; deletes its output files. */
    @Override
    public void close() {
        kill();
        deleteQuietly(stdout);
        deleteQuietly(stderr);
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(1, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is not worth failing a test over
            }
        }
    }
}
