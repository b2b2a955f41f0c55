package org.pro380.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChildProcessesTest {

    @Test
    void aChildThatIgnoresSigtermIsKilledAndItsExitCodeGiven() throws Exception {
        Process stubborn = new ProcessBuilder("/bin/sh", "-c", "trap '' TERM; exec sleep 60").start();
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
        Process polite = new ProcessBuilder("/bin/sh", "-c", "trap 'exit 3' TERM; sleep 60 & wait").start();
        try {
            assertThat(ChildProcesses.stop(polite, Duration.ofSeconds(10))).isEqualTo(3);
        } finally {
            polite.destroyForcibly();
        }
    }
}
