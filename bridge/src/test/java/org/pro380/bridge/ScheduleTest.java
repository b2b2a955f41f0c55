package org.pro380.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler on a simulated line where each read takes a fixed time: no clock, no sleeping. */
class ScheduleTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static PolledMeter meter(int unit, int intervalMillis) {
        return new PolledMeter(new BridgeMeter("line", unit, ""), Duration.ofMillis(intervalMillis));
    }

    /** Runs the schedule for {@code reads} reads of {@code readMillis} each; "unit@ms" per read. */
    private static List<String> run(List<PolledMeter> meters, int readMillis, int reads) {
        Schedule schedule = new Schedule(meters, T0);
        Instant now = T0;
        List<String> log = new ArrayList<>();
        for (int i = 0; i < reads; i++) {
            Schedule.Turn turn = schedule.next();
            if (turn.due().isAfter(now)) {
                now = turn.due();
            }
            log.add(turn.meter().meter().unitId() + "@"
                    + Duration.between(T0, now).toMillis());
            schedule.done(turn.meter(), now);
            now = now.plusMillis(readMillis);
        }
        return log;
    }

    @Test
    void whileTheLineKeepsUpEveryMeterIsReadAtItsInterval() {
        assertThat(run(List.of(meter(1, 10_000), meter(2, 10_000), meter(3, 10_000)), 500, 9))
                .containsExactly(
                        "1@0", "2@500", "3@1000", "1@10000", "2@10500", "3@11000", "1@20000", "2@20500", "3@21000");
    }

    @Test
    void whenTheLineCannotKeepUpTheMetersTakeTurnsWithoutPause() {
        assertThat(run(List.of(meter(1, 1000), meter(2, 1000), meter(3, 1000)), 500, 8))
                .containsExactly("1@0", "2@500", "3@1000", "1@1500", "2@2000", "3@2500", "1@3000", "2@3500");
    }

    @Test
    void eachMeterHasItsOwnInterval() {
        assertThat(run(List.of(meter(1, 1000), meter(7, 5000)), 100, 8))
                .containsExactly("1@0", "7@100", "1@1000", "1@2000", "1@3000", "1@4000", "1@5000", "7@5100");
    }

    @Test
    void aLongStallDoesNotMakeTheMeterCatchUpInABurst() {
        PolledMeter only = meter(1, 1000);
        Schedule schedule = new Schedule(List.of(only), T0);
        schedule.done(only, T0.plusSeconds(30));
        assertThat(schedule.next().due()).isEqualTo(T0.plusSeconds(30));
        schedule.done(only, T0.plusSeconds(30));
        assertThat(schedule.next().due()).isEqualTo(T0.plusSeconds(31));
    }
}
