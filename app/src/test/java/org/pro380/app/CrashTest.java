package org.pro380.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under constant load the twin process is killed with SIGKILL at random moments: every restart
 * passes its storage check (or recovers with a documented code), energy never decreases, and at
 * most one save interval of energy is lost.
 */
class CrashTest {

    private static final int KILLS = 20;
    private static final double TIME_SCALE = 20;
    private static final double SAVE_INTERVAL_S = 10;
    /** Household load of the default config, in kW (forward + reverse of all phases). */
    private static final double LOAD_KW = 0.230 * (10 * 0.98 + 5 * 0.95 + 2 * 0.9);
    /** The save timer may fire up to 0.1 s (real) late on a busy 2-core machine; in meter seconds. */
    private static final double SCHEDULING_SLACK_S = 0.1 * TIME_SCALE;

    @Test
    void sigkillAtRandomMomentsLosesAtMostOneSaveInterval(@TempDir Path state) throws Exception {
        Random random = new Random(380);
        double previousStart = 0;
        double lastSeen = 0;
        for (int i = 0; i <= KILLS; i++) {
            try (TwinProcess twin = TwinProcess.start(state, "--time-scale", String.valueOf(TIME_SCALE),
                    "--save-interval", (long) (SAVE_INTERVAL_S * 1000) + "ms")) {
                JsonNode s = twin.state();
                double start = s.path("registers").path("active-energy").path("value").asDouble();
                assertThat(s.path("storageError").isNull())
                        .as("restart %d storage check: %s", i, s.path("storageError")).isTrue();
                assertThat(start).as("energy never decreases (restart %d)", i).isGreaterThanOrEqualTo(previousStart);
                double lost = lastSeen - start;
                assertThat(lost).as("energy lost at kill %d, kWh", i)
                        .isLessThanOrEqualTo(LOAD_KW * (SAVE_INTERVAL_S + SCHEDULING_SLACK_S) / 3600);
                if (i == KILLS) {
                    assertThat(start).isGreaterThan(0);
                    break;
                }
                Thread.sleep(100 + random.nextInt(900));
                lastSeen = twin.activeEnergy();
                Thread.sleep(random.nextInt(30));
                twin.kill();
                previousStart = start;
            }
        }
    }
}
