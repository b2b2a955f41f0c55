package org.pro380.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A program a test needs that this project did not write (socat, mbpoll, chromium ...). A missing
 * one skips the test on a developer's machine; with {@code CI=true} (set by {@code .ci/run}) it
 * fails the test, naming the Debian package that provides it.
 */
public final class ExternalTool {

    private ExternalTool() {
    }

    /** The executable {@code command} on the PATH, or an absolute path; skips or fails if absent. */
    public static Path require(String command, String aptPackage) {
        Optional<Path> found = command.contains("/") ? executable(Path.of(command)) : onPath(command);
        if (found.isEmpty()) {
            missing(command + " is not installed", aptPackage);
        }
        return found.orElseThrow();
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
