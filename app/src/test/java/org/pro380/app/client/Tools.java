package org.pro380.app.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** External tools some tests need: missing ones skip the test, except on CI (CI=true), where they fail it. */
final class Tools {

    private Tools() {
    }

    static Path require(String path) {
        Path tool = Path.of(path);
        boolean present = Files.isExecutable(tool);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(path + " is missing, and CI=true requires it");
        }
        assumeTrue(present, path + " is missing: test skipped");
        return tool;
    }

    static Path socat() {
        return require("/usr/bin/socat");
    }
}
