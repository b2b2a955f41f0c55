package org.pro380.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A program a test needs that this project did not write (socat, mbpoll, chromium ...). A missing
 * one skips the test on a developer's machine; with {@code CI=true} (set by {@code .ci/run}) it
 * fails the test, naming the Debian package that provides it.
 */
public final class ExternalTool {

    private static final long IMPORT_SECONDS = 20;

    private ExternalTool() {}

    /** The executable {@code command} on the PATH, or an absolute path; skips or fails if absent. */
    public static Path require(String command, String aptPackage) {
        Optional<Path> found = command.contains("/") ? executable(Path.of(command)) : onPath(command);
        if (found.isEmpty()) {
            missing(command + " is not installed", aptPackage);
        }
        return found.orElseThrow();
    }

    /**
     * Requires that {@code python} can import {@code module}; skips or fails if it cannot, and the
     * message quotes the interpreter's own error (the missing module may be another package's,
     * imported by {@code module}). Returns {@code python}.
     */
    public static Path requirePythonModule(Path python, String module, String aptPackages) {
        Optional<String> error = importError(python, module);
        if (error.isPresent()) {
            missing(python + " cannot import " + module + " (" + error.get() + ")", aptPackages);
        }
        return python;
    }

    /** Why {@code python} cannot import {@code module}: the last line of its traceback; empty if it can. */
    static Optional<String> importError(Path python, String module) {
        Path output = null;
        try {
            output = Files.createTempFile("pro380-import", ".txt");
            Process p = new ProcessBuilder(List.of(python.toString(), "-c", "import " + module))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!p.waitFor(IMPORT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                return Optional.of("the import did not finish within " + IMPORT_SECONDS + " s");
            }
            if (p.exitValue() == 0) {
                return Optional.empty();
            }
            return Optional.of(lastLine(Files.readString(output, StandardCharsets.UTF_8), p.exitValue()));
        } catch (IOException e) {
            return Optional.of("cannot run " + python + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while importing");
        } finally {
            deleteQuietly(output);
        }
    }

    private static String lastLine(String output, int exitCode) {
        List<String> lines = output.strip().lines().toList();
        return lines.isEmpty()
                ? "exit code " + exitCode + ", no output"
                : lines.get(lines.size() - 1).strip();
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

    /** Skips the test (locally) or fails it (CI=true) because {@code what} is missing. */
    public static void missing(String what, String aptPackage) {
        missing(what, aptPackage, onCi());
    }

    static void missing(String what, String aptPackage, boolean ci) {
        String message = what + "; install it with: apt-get install " + aptPackage;
        if (ci) {
            throw new AssertionError("CI=true and " + message);
        }
        Assumptions.abort(message + " (test skipped; with CI=true it fails)");
    }

    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Optional<Path> found = executable(Path.of(dir, name));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file) ? Optional.of(file) : Optional.empty();
    }
}
