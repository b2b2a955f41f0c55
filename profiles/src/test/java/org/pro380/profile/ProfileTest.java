package org.pro380.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pro380.profile.testing.ProfileSamples.amps;
import static org.pro380.profile.testing.ProfileSamples.exporting;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Step and interpolation, looping over the period, and the changes a meter is told of. */
class ProfileTest {

    private static final long HOUR = 3_600_000;

    /** 10 A from 01:00, 20 A from 03:00, over a day. */
    private static Profile twoPoints(boolean interpolate) {
        return new Profile(
                "t",
                List.of(
                        new ProfilePoint(Duration.ofHours(1), amps(10)),
                        new ProfilePoint(Duration.ofHours(3), amps(20))),
                Duration.ofDays(1),
                interpolate);
    }

    private static double current(Profile p, long position) {
        return p.loadAt(position).phases().get(0).current();
    }

    @Test
    void aStepProfileHoldsEachPointUntilTheNext() {
        Profile p = twoPoints(false);

        assertThat(current(p, HOUR)).isEqualTo(10);
        assertThat(current(p, 3 * HOUR - 1)).isEqualTo(10);
        assertThat(current(p, 3 * HOUR)).isEqualTo(20);
        assertThat(current(p, 23 * HOUR)).isEqualTo(20);
    }

    @Test
    void beforeTheFirstPointTheLastOneHoldsFromThePeriodBefore() {
        assertThat(current(twoPoints(false), 0)).isEqualTo(20);
        assertThat(current(twoPoints(false), HOUR - 1)).isEqualTo(20);
    }

    @Test
    void anInterpolatingProfileMovesInAStraightLineMinuteByMinute() {
        Profile p = twoPoints(true);

        assertThat(current(p, 2 * HOUR)).isCloseTo(15, within(1e-9));
        assertThat(current(p, 2 * HOUR + 59_999)).isCloseTo(15, within(1e-9));
        assertThat(current(p, 2 * HOUR + 60_000)).isCloseTo(15 + 10.0 / 120, within(1e-9));
        // from 20 A at 03:00 back to 10 A at 01:00 of the next day: 22 hours
        assertThat(current(p, 14 * HOUR)).isCloseTo(15, within(1e-9));
        assertThat(current(p, 0)).isCloseTo(20 - 10 * 21.0 / 22, within(1e-9));
    }

    @Test
    void anImportThatTurnsIntoExportPassesThroughZero() {
        Profile p = new Profile(
                "t",
                List.of(
                        new ProfilePoint(Duration.ZERO, amps(10)),
                        new ProfilePoint(Duration.ofHours(2), exporting(10))),
                Duration.ofHours(4),
                true);

        assertThat(current(p, HOUR)).isCloseTo(0, within(1e-9));
        assertThat(p.loadAt(HOUR / 2).phases().get(0).export()).isFalse();
        assertThat(p.loadAt(HOUR / 2 * 3).phases().get(0).export()).isTrue();
        assertThat(current(p, HOUR / 2 * 3)).isCloseTo(5, within(1e-9));
    }

    @Test
    void theNextChangeIsTheNextPointOrTheNextMinute() {
        assertThat(twoPoints(false).nextChangeAfter(HOUR)).isEqualTo(3 * HOUR);
        assertThat(twoPoints(false).nextChangeAfter(5 * HOUR)).isEqualTo(25 * HOUR);
        assertThat(twoPoints(false).nextChangeAfter(0)).isEqualTo(HOUR);
        assertThat(twoPoints(true).nextChangeAfter(HOUR + 500)).isEqualTo(HOUR + 60_000);
    }

    @Test
    void theScheduleLoopsOverThePeriodFromMidnightUtc() {
        ProfileSchedule s = ProfileSchedule.of(twoPoints(false));
        Instant day = Instant.parse("2026-03-10T00:00:00Z");

        assertThat(s.loadAt(day.plus(Duration.ofHours(2)))).isEqualTo(amps(10));
        assertThat(s.loadAt(day.plus(Duration.ofDays(40)).plus(Duration.ofHours(2))))
                .isEqualTo(amps(10));
        assertThat(s.loadAt(day.plus(Duration.ofMinutes(30)))).isEqualTo(amps(20));
        assertThat(s.nextChangeAfter(day.plus(Duration.ofHours(4)))).isEqualTo(day.plus(Duration.ofHours(25)));
        assertThat(s.nextChangeAfter(day.plusMillis(3_600_000 - 1).plusNanos(500)))
                .isEqualTo(day.plus(Duration.ofHours(1)));
    }

    @Test
    void aShiftedScheduleIsLater() {
        ProfileSchedule s = new ProfileSchedule(twoPoints(false), Duration.ofMinutes(30), 1, 380);
        Instant day = Instant.parse("2026-03-10T00:00:00Z");

        assertThat(s.loadAt(day.plus(Duration.ofMinutes(80)))).isEqualTo(amps(20));
        assertThat(s.loadAt(day.plus(Duration.ofMinutes(90)))).isEqualTo(amps(10));
        assertThat(s.position(day.plus(Duration.ofMinutes(90)))).isEqualTo(HOUR);
    }

    @Test
    void aWeekLongPeriodStartsOnMonday() {
        Profile week = new Profile(
                "w",
                List.of(new ProfilePoint(Duration.ZERO, amps(1)), new ProfilePoint(Duration.ofDays(5), amps(2))),
                Duration.ofDays(7),
                false);
        ProfileSchedule s = ProfileSchedule.of(week);

        assertThat(s.loadAt(Instant.parse("2026-11-27T12:00:00Z")))
                .as("a Friday")
                .isEqualTo(amps(1));
        assertThat(s.loadAt(Instant.parse("2026-11-28T12:00:00Z")))
                .as("a Saturday")
                .isEqualTo(amps(2));
        assertThat(s.loadAt(Instant.parse("2026-11-30T00:00:00Z")))
                .as("a Monday")
                .isEqualTo(amps(1));
    }
}
