package org.pro380.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChildProcessesTest {

    /** A shell that runs {@code script} once it has set its SIGTERM trap and said so. */
    private static Process shellWithTrap(String trap, String script) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", "trap " + trap + " TERM; echo trapped; " + script).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("trapped");
        return p;
    }

    @Test
    void aChildThatIgnoresSigtermIsKilledAndItsExitCodeGiven() throws Exception {
        Process stubborn = shellWithTrap("''", "exec sleep 60");
        try {
            int code = ChildProcesses.stop(stubborn, Duration.ofMillis(300));

            assertThat(code).isEqualTo(128 + 9);
            assertThat(stubborn.isAlive()).isFalse();
        } finally {
            stubborn.destroyForcibly();
        }
    }

    @Test
    void aChildThatStopsOnSigtermGivesItsOwnExitCode() throws Exception {
        Process polite = shellWithTrap("'exit 3'", "while :; do sleep 0.1; done");
        try {
            assertThat(ChildProcesses.stop(polite, Duration.ofSeconds(10))).isEqualTo(3);
        } finally {
            polite.destroyForcibly();
        }
    }
}
