package org.pro380.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pro380.meter.MeterFixture.uniform;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.pro380.registers.Meaning.EnergyKind;
import org.pro380.registers.Meaning.Flow;
import org.pro380.registers.Phase;
import org.pro380.registers.Tariff;

/** A meter that follows a schedule books each stretch at its own load, however late it is asked. */
class LoadScheduleTest {

    /** 230 V x 10 A x PF 1 = 2.3 kW per phase. */
    private static final Load LOW = uniform(230, 10, 1.0);
    /** 230 V x 20 A x PF 1 = 4.6 kW per phase. */
    private static final Load HIGH = uniform(230, 20, 1.0);

    /** LOW for ten minutes, HIGH for ten minutes, LOW again, from the test clock's start. */
    private static final LoadSchedule TEN_MINUTES_EACH = new LoadSchedule() {
        private static final long STEP = 600;

        @Override
        public Load loadAt(Instant time) {
            long step = Math.floorDiv(time.getEpochSecond() - TestClock.START.getEpochSecond(), STEP);
            return step % 2 == 0 ? LOW : HIGH;
        }

        @Override
        public Instant nextChangeAfter(Instant time) {
            long since = time.getEpochSecond() - TestClock.START.getEpochSecond();
            return TestClock.START.plusSeconds((Math.floorDiv(since, STEP) + 1) * STEP);
        }
    };

    private final MeterFixture f = MeterFixture.poweredOn(uniform(230, 0, 1.0));

    private long l1Milli() {
        return f.meter.reading().counters().milli(Phase.L1, EnergyKind.ACTIVE, Flow.FORWARD, Tariff.T1);
    }

    @Test
    void anHourAskedForOnceIsBookedStretchByStretch() {
        f.meter.follow(TEN_MINUTES_EACH);

        f.advance(Duration.ofHours(1));

        // 30 min at 2.3 kW + 30 min at 4.6 kW = 1.15 kWh + 2.3 kWh per phase
        assertThat(l1Milli()).isEqualTo(3_450_000);
    }

    @Test
    void aStretchCutByARequestKeepsItsFractions() {
        f.meter.follow(TEN_MINUTES_EACH);

        f.advance(Duration.ofMinutes(25));

        // 15 min at 2.3 kW + 10 min at 4.6 kW = 575 Wh + 766.67 Wh per phase, floored to the mWh
        assertThat(l1Milli()).isEqualTo(1_341_666);
        assertThat(f.meter.load()).isEqualTo(LOW);
    }

    @Test
    void theMeterShowsTheLoadOfTheStretchItIsIn() {
        f.meter.follow(TEN_MINUTES_EACH);

        f.advance(Duration.ofMinutes(15));

        assertThat(f.meter.load()).isEqualTo(HIGH);
        assertThat(f.meter.reading().measurements().activePower())
                .isCloseTo(13.8, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aLoadSetByHandEndsTheSchedule() {
        f.meter.follow(TEN_MINUTES_EACH);
        f.advance(Duration.ofMinutes(5));

        f.meter.setLoad(HIGH);
        f.advance(Duration.ofMinutes(10));

        assertThat(f.meter.schedule()).isEmpty();
        assertThat(f.meter.load()).isEqualTo(HIGH);
        // 5 min at 2.3 kW + 10 min at 4.6 kW = 191.67 Wh + 766.67 Wh
        assertThat(l1Milli()).isEqualTo(958_333);
    }

    @Test
    void stepsBookedInOneCallAreTheCountersTheMeterShowsAtEachStep() {
        MeterFixture asked = MeterFixture.poweredOn(uniform(230, 0, 1.0));
        asked.meter.follow(TEN_MINUTES_EACH);
        f.meter.follow(TEN_MINUTES_EACH);
        java.util.List<Long> told = new java.util.ArrayList<>();
        java.util.List<Load> loads = new java.util.ArrayList<>();

        f.advance(Duration.ofMinutes(25));
        Instant next =
                f.meter.bookSteps(TestClock.START.plusSeconds(7 * 60), Duration.ofMinutes(7), (time, load, c) -> {
                    told.add(c.milli(Phase.L1, EnergyKind.ACTIVE, Flow.FORWARD, Tariff.T1));
                    loads.add(load);
                });

        java.util.List<Long> shown = new java.util.ArrayList<>();
        for (int minutes : new int[] {7, 7, 7}) {
            asked.advance(Duration.ofMinutes(minutes));
            shown.add(asked.meter.reading().counters().milli(Phase.L1, EnergyKind.ACTIVE, Flow.FORWARD, Tariff.T1));
        }
        assertThat(told).containsExactlyElementsOf(shown);
        // at 7 min: 7 min at 2.3 kW = 268.33 Wh; at 14: + 3 at 2.3 and 4 at 4.6 = 690 Wh; at 21: + 6 at 4.6 and 1 at
        // 2.3 = 1188.33 Wh
        assertThat(told).containsExactly(268_333L, 690_000L, 1_188_333L);
        assertThat(loads).containsExactly(LOW, HIGH, LOW);
        assertThat(next).isEqualTo(TestClock.START.plusSeconds(28 * 60));
        assertThat(l1Milli()).isEqualTo(1_341_666);
    }

    @Test
    void stepsCannotStartBeforeWhatIsBooked() {
        f.advance(Duration.ofMinutes(10));
        f.meter.load();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> f.meter.bookSteps(TestClock.START, Duration.ofMinutes(1), (time, load, c) -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("booked up to");
    }
}
