package org.pro380.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.pro380.meter.ManualClock;

/** Which steps are due when, on a clock that moves only when the test moves it. */
class PlaybackTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    private static Scenario scenario(boolean loop) {
        return ScenarioJson.read("test", ScenarioJsonTest.json("""
                {"loop": %s, "steps": [
                  {"at": "0s", "power": "on"},
                  {"at": "10s", "faults": {"drop": {}}},
                  {"at": "10s", "tariffInput": "T2"},
                  {"at": "130s", "faults": {}}]}""".formatted(loop)));
    }

    private static int[] numbers(Playback.Advance advance) {
        return advance.due().stream().mapToInt(Step::number).toArray();
    }

    @Test
    void eachStepIsDueOnceWhenTheMeterClockReachesIt() {
        Playback playback = Playback.from(scenario(false), clock.instant());

        Playback.Advance first = playback.advance(clock.instant());
        assertThat(numbers(first)).containsExactly(1);
        clock.advance(Duration.ofMillis(9_999));
        Playback.Advance early = first.after().advance(clock.instant());
        assertThat(early.due()).isEmpty();
        assertThat(early.after().nextAt()).contains(Instant.parse("2026-01-01T00:00:10Z"));
        clock.advance(Duration.ofMillis(1));
        Playback.Advance atTen = early.after().advance(clock.instant());
        assertThat(numbers(atTen)).containsExactly(2, 3);
        assertThat(atTen.after().applied()).isEqualTo(3);
        assertThat(atTen.after().position(clock.instant())).isEqualTo(Duration.ofSeconds(10));
        assertThat(atTen.after().nextStep()).map(Step::number).contains(4);
    }

    @Test
    void aScenarioThatDoesNotLoopFinishesWithItsLastStep() {
        Playback playback = Playback.from(scenario(false), clock.instant());
        clock.advance(Duration.ofMinutes(10));

        Playback.Advance all = playback.advance(clock.instant());

        assertThat(numbers(all)).containsExactly(1, 2, 3, 4);
        assertThat(all.after().finished()).isTrue();
        assertThat(all.after().nextAt()).isEmpty();
        assertThat(all.after().position(clock.instant())).isEqualTo(Duration.ofSeconds(130));
        assertThat(all.after().advance(clock.instant()).due()).isEmpty();
    }

    @Test
    void aLoopingScenarioStartsItsNextPassAtItsLength() {
        Playback playback = Playback.from(scenario(true), clock.instant());
        clock.advance(Duration.ofSeconds(130));

        Playback.Advance firstPass = playback.advance(clock.instant());

        assertThat(numbers(firstPass)).containsExactly(1, 2, 3, 4, 1);
        assertThat(firstPass.after().pass()).isEqualTo(1);
        assertThat(firstPass.after().finished()).isFalse();
        assertThat(firstPass.after().position(clock.instant())).isZero();
        clock.advance(Duration.ofSeconds(10));
        assertThat(numbers(firstPass.after().advance(clock.instant()))).containsExactly(2, 3);
    }

    @Test
    void aLoopFarBehindSkipsToThePassNowIsIn() {
        Playback playback = Playback.from(scenario(true), clock.instant());
        clock.advance(Duration.ofSeconds(130 * 100 + 5));

        Playback.Advance advance = playback.advance(clock.instant());

        assertThat(numbers(advance)).containsExactly(1);
        assertThat(advance.after().pass()).isEqualTo(100);
        assertThat(advance.after().position(clock.instant())).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aLengthLongerThanTheStepsLeavesAQuietEndToEachPass() {
        Scenario scenario = ScenarioJson.read("test", ScenarioJsonTest.json("""
                {"loop": true, "length": "1m", "steps": [{"at": "0s", "faults": {"drop": {}}},
                                                         {"at": "20s", "faults": {}}]}"""));
        Playback playback = Playback.from(scenario, clock.instant());
        clock.advance(Duration.ofSeconds(59));

        Playback.Advance advance = playback.advance(clock.instant());

        assertThat(numbers(advance)).containsExactly(1, 2);
        assertThat(advance.after().nextAt()).contains(Instant.parse("2026-01-01T00:01:00Z"));
    }
}
