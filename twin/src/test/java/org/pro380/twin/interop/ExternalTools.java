package org.pro380.twin.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.pro380.testkit.ChildProcess;
import org.pro380.testkit.ExternalTool;

/**
 * The Modbus peers and helpers the interop tests start, none of them written in this project;
 * a missing one skips the test locally and fails it on CI ({@link ExternalTool}).
 */
enum ExternalTools {
    MBPOLL("mbpoll", "mbpoll"),
    SOCAT("socat", "socat"),
    GCC("gcc", "gcc"),
    PKG_CONFIG("pkg-config", "pkg-config"),
    /** Debian's interpreter, not a virtualenv's: the tests need Debian's python3-pymodbus. */
    PYTHON3("/usr/bin/python3", "python3");

    /** pymodbus imports serial_asyncio, which Debian ships apart (a Recommends, not a Depends). */
    private static final String PYMODBUS_PACKAGES = "python3-pymodbus python3-serial-asyncio";

    private final String command;
    private final String aptPackage;

    ExternalTools(String command, String aptPackage) {
        this.command = command;
        this.aptPackage = aptPackage;
    }

    /** The tool's executable; skips or fails the test if absent. */
    Path require() {
        return ExternalTool.require(command, aptPackage);
    }

    /** Requires Debian's python3-pymodbus, importable by /usr/bin/python3 with the modules it imports. */
    static Path requirePymodbus() {
        return ExternalTool.requirePythonModule(PYTHON3.require(), "pymodbus.client", PYMODBUS_PACKAGES);
    }

    /** Requires gcc, pkg-config and the libmodbus headers and library. */
    static void requireLibmodbus() {
        GCC.require();
        Path pkgConfig = PKG_CONFIG.require();
        if (!succeeds(List.of(pkgConfig.toString(), "--exists", "libmodbus"))) {
            ExternalTool.missing("pkg-config does not know libmodbus", "libmodbus-dev");
        }
    }

    private static boolean succeeds(List<String> command) {
        try {
            return ChildProcess.run(command, Duration.ofSeconds(20)).exitCode() == 0;
        } catch (AssertionError e) {
            return false;
        }
    }
}
