package org.pro380.twin.interop;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The Modbus peers and helpers the interop tests start, none of them written in this project.
 * A missing tool skips the test on a developer's machine; with {@code CI=true} (set by
 * {@code .ci/run}) it fails it, naming the Debian package that provides the tool.
 */
enum ExternalTools {
    MBPOLL("mbpoll", "mbpoll"),
    SOCAT("socat", "socat"),
    GCC("gcc", "gcc"),
    PKG_CONFIG("pkg-config", "pkg-config"),
    PYTHON3("python3", "python3");

    /** Debian's interpreter, not a virtualenv's: the tests need Debian's python3-pymodbus. */
    static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

    private final String command;
    private final String aptPackage;

    ExternalTools(String command, String aptPackage) {
        this.command = command;
        this.aptPackage = aptPackage;
    }

    /** The tool's executable on the PATH (or /usr/bin/python3 for Python); skips or fails if absent. */
    Path require() {
        Optional<Path> found = this == PYTHON3 ? executable(SYSTEM_PYTHON) : onPath(command);
        if (found.isEmpty()) {
            missing(command + " is not installed", aptPackage);
        }
        return found.orElseThrow();
    }

    /** Requires Debian's python3-pymodbus, importable by {@link #SYSTEM_PYTHON}. */
    static Path requirePymodbus() {
        Path python = PYTHON3.require();
        if (!succeeds(List.of(python.toString(), "-c", "import pymodbus.client"))) {
            missing(python + " cannot import pymodbus", "python3-pymodbus");
        }
        return python;
    }

    /** Requires gcc, pkg-config and the libmodbus headers and library. */
    static void requireLibmodbus() {
        GCC.require();
        Path pkgConfig = PKG_CONFIG.require();
        if (!succeeds(List.of(pkgConfig.toString(), "--exists", "libmodbus"))) {
            missing("pkg-config does not know libmodbus", "libmodbus-dev");
        }
    }

    private static boolean succeeds(List<String> command) {
        try {
            return ChildProcess.run(command, Duration.ofSeconds(20)).exitCode() == 0;
        } catch (AssertionError e) {
            return false;
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
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

    private static void missing(String what, String aptPackage) {
        missing(what, aptPackage, "true".equalsIgnoreCase(System.getenv("CI")));
    }

    /** Fails the test on CI, skips it elsewhere; either way naming the package to install. */
    static void missing(String what, String aptPackage, boolean ci) {
        String message = what + "; install it with: apt-get install " + aptPackage;
        if (ci) {
            fail("CI=true and " + message);
        }
        Assumptions.abort(message + " (test skipped; with CI=true it fails)");
    }
}
