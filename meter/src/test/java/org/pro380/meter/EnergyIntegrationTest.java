package org.pro380.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pro380.meter.MeterFixture.idle;
import static org.pro380.meter.MeterFixture.phases;
import static org.pro380.meter.MeterFixture.uniform;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pro380.registers.Meaning.EnergyKind;
import org.pro380.registers.Meaning.EnergyScope;
import org.pro380.registers.Meaning.Flow;
import org.pro380.registers.Phase;
import org.pro380.registers.Registers;
import org.pro380.registers.Settings;
import org.pro380.registers.Tariff;

/**
 * Energy integration (spec sections 6 and 9): exact integer counters per phase, direction and
 * tariff; sums that hold exactly; the tariff active at the moment; no energy while powered off.
 */
class EnergyIntegrationTest {

    private static final long MICROS_PER_HOUR = 3_600_000_000L;

    /** 230 V x 16 A x PF 1 = 3.68 kW per phase. */
    private static final long PHASE_MW = 3_680_000;

    private final MeterFixture f = MeterFixture.poweredOn(uniform(230, 16, 1.0));

    private EnergyCounters counters() {
        return f.meter.reading().counters();
    }

    private long milli(EnergyKind kind, Flow flow, EnergyScope scope) {
        return counters().milli(kind, flow, scope);
    }

    /** floor(P x t): what an exact integer counter holds after {@code micros} at {@code milliPower}. */
    private static long expected(long milliPower, long micros) {
        return BigInteger.valueOf(milliPower)
                .multiply(BigInteger.valueOf(micros))
                .divide(BigInteger.valueOf(MICROS_PER_HOUR))
                .longValueExact();
    }

    @Test
    void oneHourAtSixteenAmpsIsExact() {
        f.advance(Duration.ofHours(1));

        for (Phase p : Phase.values()) {
            assertThat(counters().milli(p, EnergyKind.ACTIVE, Flow.FORWARD, Tariff.T1))
                    .isEqualTo(PHASE_MW);
            assertThat(counters().milli(p, EnergyKind.ACTIVE, Flow.REVERSE, Tariff.T1))
                    .isZero();
            assertThat(counters().milli(p, EnergyKind.REACTIVE, Flow.TOTAL, Tariff.T1))
                    .isZero();
        }
        assertThat(milli(EnergyKind.ACTIVE, Flow.TOTAL, EnergyScope.ALL)).isEqualTo(3 * PHASE_MW);
        assertThat(f.read(Registers.ACTIVE_ENERGY)).isEqualTo((double) 11.04f);
        assertThat(f.read(Registers.FORWARD_ACTIVE_ENERGY_L2)).isEqualTo((double) 3.68f);
    }

    @Test
    void sumsHoldExactlyUnderAMixedLoadTariffChangesAndIrregularSteps() {
        f.meter.setLoad(phases(
                new PhaseLoad(231, 7, 0.9, false, true),
                new PhaseLoad(229, 13, 0.7, true, false),
                new PhaseLoad(233, 3.3, 0.55, false, false)));
        long[] stepsMicros = {1, 999_999, 3_600_000_001L, 7_777_777, 12_345, 60_000_000, 1_234_567_891L};
        for (int i = 0; i < 300; i++) {
            f.advance(Duration.ofNanos(stepsMicros[i % stepsMicros.length] * 1000));
            if (i % 17 == 0) {
                f.write(0x6048, 1 + (i / 17) % 3);
            }
            if (i % 41 == 0) {
                f.meter.setTariffInput(TariffInput.values()[(i / 41) % 3]);
            }
        }
        EnergyCounters c = counters();

        for (EnergyKind kind : EnergyKind.values()) {
            for (Flow flow : new Flow[] {Flow.FORWARD, Flow.REVERSE}) {
                long all = c.milli(kind, flow, EnergyScope.ALL);
                long byPhase = c.milli(kind, flow, EnergyScope.L1)
                        + c.milli(kind, flow, EnergyScope.L2)
                        + c.milli(kind, flow, EnergyScope.L3);
                long byTariff = c.milli(kind, flow, EnergyScope.T1)
                        + c.milli(kind, flow, EnergyScope.T2)
                        + c.milli(kind, flow, EnergyScope.T3);
                long byCell = 0;
                for (Phase p : Phase.values()) {
                    for (Tariff t : Tariff.values()) {
                        byCell += c.milli(p, kind, flow, t);
                    }
                }
                assertThat(all)
                        .as("%s %s", kind, flow)
                        .isPositive()
                        .isEqualTo(byPhase)
                        .isEqualTo(byTariff)
                        .isEqualTo(byCell);
            }
            for (EnergyScope scope : EnergyScope.values()) {
                assertThat(c.milli(kind, Flow.TOTAL, scope))
                        .as("%s total %s", kind, scope)
                        .isEqualTo(c.milli(kind, Flow.FORWARD, scope) + c.milli(kind, Flow.REVERSE, scope));
            }
        }
        // L1 imports capacitive, L2 exports inductive, L3 imports inductive
        assertThat(c.milli(EnergyKind.ACTIVE, Flow.REVERSE, EnergyScope.L1)).isZero();
        assertThat(c.milli(EnergyKind.ACTIVE, Flow.FORWARD, EnergyScope.L2)).isZero();
        assertThat(c.milli(EnergyKind.REACTIVE, Flow.FORWARD, EnergyScope.L1)).isZero();
        assertThat(c.milli(EnergyKind.REACTIVE, Flow.REVERSE, EnergyScope.L2)).isZero();
        assertThat(c.milli(EnergyKind.REACTIVE, Flow.REVERSE, EnergyScope.L3)).isZero();
        assertThat(c.milli(EnergyKind.ACTIVE, Flow.FORWARD, EnergyScope.T1)).isPositive();
        assertThat(c.milli(EnergyKind.ACTIVE, Flow.FORWARD, EnergyScope.T2)).isPositive();
        assertThat(c.milli(EnergyKind.ACTIVE, Flow.FORWARD, EnergyScope.T3)).isPositive();
    }

    @Test
    void eachPhaseCounterIsTheExactIntegralOfItsPower() {
        // 231 V x 7 A x 0.9 = 1455.3 W; 229 V x 13 A x 0.7 = 2083.9 W export; steps far from whole mWh
        f.meter.setLoad(phases(PhaseLoad.importing(231, 7, 0.9), new PhaseLoad(229, 13, 0.7, true, false), idle()));
        long total = 0;
        for (int i = 0; i < 10_000; i++) {
            long step = 1 + (i * 7919L) % 2_000_003;
            f.advance(Duration.ofNanos(step * 1000));
            total += step;
            if (i % 1000 == 0) {
                f.meter.reading(); // an extra booking must not change the sum
            }
        }
        EnergyCounters c = counters();

        assertThat(c.milli(Phase.L1, EnergyKind.ACTIVE, Flow.FORWARD, Tariff.T1))
                .isEqualTo(expected(1_455_300, total));
        assertThat(c.milli(Phase.L2, EnergyKind.ACTIVE, Flow.REVERSE, Tariff.T1))
                .isEqualTo(expected(2_083_900, total));
        assertThat(c.milli(Phase.L3, EnergyKind.ACTIVE, Flow.TOTAL, Tariff.T1)).isZero();
    }

    @Test
    void exportIsBookedAsReverseActiveEnergy() {
        f.meter.setLoad(phases(new PhaseLoad(230, 16, 1, true, false), idle(), idle()));
        f.advance(Duration.ofHours(1));

        assertThat(milli(EnergyKind.ACTIVE, Flow.REVERSE, EnergyScope.L1)).isEqualTo(PHASE_MW);
        assertThat(milli(EnergyKind.ACTIVE, Flow.FORWARD, EnergyScope.L1)).isZero();
        assertThat(milli(EnergyKind.ACTIVE, Flow.TOTAL, EnergyScope.ALL)).isEqualTo(PHASE_MW);
        assertThat(f.read(Registers.REVERSE_ACTIVE_ENERGY_L1)).isEqualTo((double) 3.68f);
        assertThat(f.read(Registers.REVERSE_ACTIVE_ENERGY)).isEqualTo((double) 3.68f);
        assertThat(f.read(Registers.REVERSE_ACTIVE_ENERGY_T1)).isEqualTo((double) 3.68f);
        assertThat(f.read(Registers.FORWARD_ACTIVE_ENERGY)).isZero();
        assertThat(f.read(Registers.ACTIVE_ENERGY_L1)).isEqualTo((double) 3.68f);
    }

    @Test
    void capacitiveLoadIsBookedAsReverseReactiveEnergy() {
        // 230 V x 10 A at PF 0.8: P 1.84 kW, Q -1.38 kvar
        f.meter.setLoad(phases(new PhaseLoad(230, 10, 0.8, false, true), idle(), idle()));
        f.advance(Duration.ofHours(2));

        assertThat(milli(EnergyKind.REACTIVE, Flow.REVERSE, EnergyScope.L1)).isEqualTo(2_760_000);
        assertThat(milli(EnergyKind.REACTIVE, Flow.FORWARD, EnergyScope.ALL)).isZero();
        assertThat(milli(EnergyKind.ACTIVE, Flow.FORWARD, EnergyScope.L1)).isEqualTo(3_680_000);
        assertThat(f.read(Registers.REVERSE_REACTIVE_ENERGY_L1)).isEqualTo((double) 2.76f);
        assertThat(f.read(Registers.REACTIVE_ENERGY)).isEqualTo((double) 2.76f);
        assertThat(f.read(Registers.FORWARD_REACTIVE_ENERGY)).isZero();
    }

    @Test
    void inductiveLoadIsBookedAsForwardReactiveEnergy() {
        f.meter.setLoad(phases(idle(), new PhaseLoad(230, 10, 0.8, true, false), idle()));
        f.advance(Duration.ofHours(1));

        assertThat(milli(EnergyKind.REACTIVE, Flow.FORWARD, EnergyScope.L2)).isEqualTo(1_380_000);
        assertThat(milli(EnergyKind.ACTIVE, Flow.REVERSE, EnergyScope.L2)).isEqualTo(1_840_000);
        assertThat(milli(EnergyKind.REACTIVE, Flow.REVERSE, EnergyScope.ALL)).isZero();
    }

    @Test
    void mixedImportAndExportAddForwardAndReverseNotTheNet() {
        // L1 imports 2.3 kW, L2 exports 1.15 kW, L3 imports 0.46 kW, for two hours
        f.meter.setLoad(phases(
                PhaseLoad.importing(230, 10, 1),
                new PhaseLoad(230, 5, 1, true, false),
                PhaseLoad.importing(230, 2, 1)));
        f.advance(Duration.ofHours(2));

        assertThat(milli(EnergyKind.ACTIVE, Flow.FORWARD, EnergyScope.ALL)).isEqualTo(5_520_000);
        assertThat(milli(EnergyKind.ACTIVE, Flow.REVERSE, EnergyScope.ALL)).isEqualTo(2_300_000);
        assertThat(milli(EnergyKind.ACTIVE, Flow.TOTAL, EnergyScope.ALL)).isEqualTo(7_820_000);
        assertThat(f.read(Registers.ACTIVE_ENERGY)).isEqualTo((double) 7.82f);
        assertThat(f.read(Registers.FORWARD_ACTIVE_ENERGY)).isEqualTo((double) 5.52f);
        assertThat(f.read(Registers.REVERSE_ACTIVE_ENERGY)).isEqualTo((double) 2.3f);
        assertThat(f.read(Registers.ACTIVE_ENERGY_L2)).isEqualTo((double) 2.3f);
    }

    @Test
    void aLoadChangeBooksTheOldLoadUpToTheMoment() {
        f.advance(Duration.ofMinutes(30));
        f.meter.setLoad(uniform(230, 8, 1.0));
        f.advance(Duration.ofMinutes(30));

        assertThat(milli(EnergyKind.ACTIVE, Flow.FORWARD, EnergyScope.L1)).isEqualTo(PHASE_MW / 2 + PHASE_MW / 4);
    }

    // ---- tariffs

    @Test
    void energyIsBookedToTheTariffActiveAtTheMoment() {
        f.advance(Duration.ofHours(1)); // T1
        f.write(0x6048, 2);
        f.advance(Duration.ofMinutes(30)); // T2
        f.write(0x6048, 3);
        f.advance(Duration.ofMinutes(15)); // T3
        f.write(0x6048, 1);
        f.advance(Duration.ofMinutes(15)); // T1 again

        assertThat(milli(EnergyKind.ACTIVE, Flow.FORWARD, EnergyScope.T1)).isEqualTo(3 * PHASE_MW * 5 / 4);
        assertThat(milli(EnergyKind.ACTIVE, Flow.FORWARD, EnergyScope.T2)).isEqualTo(3 * PHASE_MW / 2);
        assertThat(milli(EnergyKind.ACTIVE, Flow.FORWARD, EnergyScope.T3)).isEqualTo(3 * PHASE_MW / 4);
        assertThat(f.read(Registers.ACTIVE_ENERGY_T1)).isEqualTo((double) 13.8f);
        assertThat(f.read(Registers.ACTIVE_ENERGY_T2)).isEqualTo((double) 5.52f);
        assertThat(f.read(Registers.ACTIVE_ENERGY_T3)).isEqualTo((double) 2.76f);
        assertThat(f.read(Registers.FORWARD_ACTIVE_ENERGY_T3)).isEqualTo((double) 2.76f);
        assertThat(f.read(Registers.ACTIVE_ENERGY)).isEqualTo((double) 22.08f);
    }

    @ParameterizedTest
    @EnumSource(
            value = TariffInput.class,
            names = {"T2", "T3"})
    void theTariffInputOverrulesModbus(TariffInput input) {
        int held = input == TariffInput.T2 ? 2 : 3;
        int other = input == TariffInput.T2 ? 3 : 2;
        f.meter.setTariffInput(input);
        f.advance(Duration.ofHours(1));

        assertThat(f.read(0x6048, 1)).as("0x6048 reads the active tariff").containsExactly(held);

        // a Modbus write while the input holds: echoed, stored, not active
        f.write(0x6048, other);
        assertThat(f.read(0x6048, 1)).containsExactly(held);
        assertThat(f.meter.storedState().settings().modbusTariff()).isEqualTo(Tariff.ofNumber(other));
        f.advance(Duration.ofHours(1));

        // the input drops: the stored Modbus tariff applies
        f.meter.setTariffInput(TariffInput.NONE);
        assertThat(f.read(0x6048, 1)).containsExactly(other);
        f.advance(Duration.ofHours(1));

        EnergyScope heldScope = EnergyScope.valueOf("T" + held);
        EnergyScope otherScope = EnergyScope.valueOf("T" + other);
        assertThat(milli(EnergyKind.ACTIVE, Flow.FORWARD, heldScope)).isEqualTo(2 * 3 * PHASE_MW);
        assertThat(milli(EnergyKind.ACTIVE, Flow.FORWARD, otherScope)).isEqualTo(3 * PHASE_MW);
        assertThat(milli(EnergyKind.ACTIVE, Flow.FORWARD, EnergyScope.T1)).isZero();
        assertThat(f.meter.reading().activeTariff()).isEqualTo(Tariff.ofNumber(other));
    }

    @Test
    void withoutASignalModbusChoosesAndDefaultIsT1() {
        assertThat(f.read(0x6048, 1)).containsExactly(1);
        f.meter.setTariffInput(TariffInput.T3);
        f.meter.setTariffInput(TariffInput.NONE);
        assertThat(f.read(0x6048, 1)).containsExactly(1);
    }

    // ---- a year at constant load

    private static final long YEAR_PHASE_MILLI = 32_236_800_000L; // 230 V x 16 A x 8760 h = 32236.8 kWh

    private void assertAYearAtSixteenAmps() {
        for (Phase p : Phase.values()) {
            assertThat(counters().milli(p, EnergyKind.ACTIVE, Flow.FORWARD, Tariff.T1))
                    .isEqualTo(YEAR_PHASE_MILLI);
        }
        assertThat(milli(EnergyKind.ACTIVE, Flow.TOTAL, EnergyScope.ALL)).isEqualTo(3 * YEAR_PHASE_MILLI);
        assertThat(f.read(Registers.ACTIVE_ENERGY_L1)).isEqualTo((double) 32236.8f);
        assertThat(f.read(Registers.ACTIVE_ENERGY)).isEqualTo((double) 96710.4f);
        assertThat(f.read(Registers.ACTIVE_ENERGY)).isCloseTo(96710.4, within(0.01));
        assertThat(f.meter.reading().pulses()).isEqualTo(3 * YEAR_PHASE_MILLI / 100);
    }

    @Test
    void aYearInHourlyStepsMatchesTheAnalyticKwh() {
        for (int h = 0; h < 8760; h++) {
            f.advance(Duration.ofHours(1));
            f.meter.reading();
        }

        assertAYearAtSixteenAmps();
    }

    @Test
    void aYearInIrregularStepsMatchesTheAnalyticKwh() {
        Duration year = Duration.ofDays(365);
        Duration step = Duration.ofSeconds(3601, 234_567_891);
        Duration done = Duration.ZERO;
        while (done.plus(step).compareTo(year) <= 0) {
            f.advance(step);
            f.meter.reading();
            done = done.plus(step);
        }
        f.advance(year.minus(done));

        assertAYearAtSixteenAmps();
    }

    @Test
    void aYearInOneLeapMatchesTheAnalyticKwh() {
        f.advance(Duration.ofDays(365));

        assertAYearAtSixteenAmps();
    }

    // ---- the red LED

    @Test
    void theLedCounts10000PulsesPerKwhOfForwardPlusReverse() {
        f.meter.setLoad(phases(PhaseLoad.importing(230, 16, 1), new PhaseLoad(230, 16, 1, true, false), idle()));
        f.advance(Duration.ofHours(1));

        assertThat(f.meter.reading().pulses()).isEqualTo(2 * 36_800);
        assertThat(f.meter.reading().pulsesPerSecond()).isCloseTo(7.36 * 10_000 / 3600, within(1e-9));
    }

    @Test
    void onePulsePerTenthOfAWattHour() {
        f.meter.setLoad(phases(PhaseLoad.importing(250, 4, 1), idle(), idle())); // 1 kW

        f.advance(Duration.ofMillis(35_999)); // 9.99972 Wh
        assertThat(f.meter.reading().pulses()).isEqualTo(99);
        f.advance(Duration.ofMillis(1)); // 10 Wh
        assertThat(f.meter.reading().pulses()).isEqualTo(100);
        f.advance(Duration.ofMillis(359)); // 10.09972 Wh
        assertThat(f.meter.reading().pulses()).isEqualTo(100);
        f.advance(Duration.ofMillis(1)); // 10.1 Wh
        assertThat(f.meter.reading().pulses()).isEqualTo(101);
    }

    // ---- power

    @Test
    void noEnergyWhilePoweredOff() {
        f.advance(Duration.ofHours(1));
        f.meter.powerOff();
        StoredState saved = f.meter.storedState();
        f.advance(Duration.ofDays(30));
        assertThat(f.meter.storedState().counters()).isEqualTo(saved.counters());

        f.meter.powerOn(saved, Optional.empty());
        assertThat(counters()).isEqualTo(saved.counters());
        f.advance(Duration.ofHours(1));

        assertThat(milli(EnergyKind.ACTIVE, Flow.FORWARD, EnergyScope.ALL)).isEqualTo(2 * 3 * PHASE_MW);
    }

    @Test
    void aMeterNeverPoweredOnCountsNothing() {
        MeterFixture off = MeterFixture.unpowered(uniform(230, 16, 1.0));
        off.advance(Duration.ofDays(1));

        assertThat(off.meter.reading().counters()).isEqualTo(new EnergyCounters());
        off.meter.powerOn(StoredState.factoryNew(Settings.factory()), Optional.empty());
        off.advance(Duration.ofHours(1));
        assertThat(off.meter.reading().counters().totalActiveMilli()).isEqualTo(3 * PHASE_MW);
    }

    @Test
    void powerOnTakesUpTheSavedCounters() {
        f.advance(Duration.ofMinutes(90));
        StoredState saved = f.meter.storedState();
        MeterFixture other = MeterFixture.unpowered(uniform(230, 16, 1.0));

        other.meter.powerOn(saved, Optional.empty());

        assertThat(other.meter.reading().counters()).isEqualTo(saved.counters());
        assertThat(other.read(Registers.ACTIVE_ENERGY)).isEqualTo((double) 16.56f);
    }

    @Test
    void aReadingIsASnapshotTheMeterDoesNotChange() {
        f.advance(Duration.ofHours(1));
        MeterReading before = f.meter.reading();
        EnergyCounters snapshot = before.counters();

        f.advance(Duration.ofHours(1));
        f.meter.reading();

        assertThat(before.counters()).isEqualTo(snapshot);
        assertThat(before.counters().totalActiveMilli()).isEqualTo(3 * PHASE_MW);
    }

    @Test
    void theActiveCountersComeByPhaseThenImportAndExportThenTariff() {
        f.meter.setLoad(phases(
                new PhaseLoad(230, 10, 1.0, false, false),
                new PhaseLoad(230, 20, 1.0, true, false),
                new PhaseLoad(230, 30, 0.5, false, true)));
        f.write(0x6048, 2);
        f.advance(Duration.ofHours(1));
        long[] active = new long[18];

        counters().activeInto(active);

        // L1 imports 2.3 kWh at T2, L2 exports 4.6 kWh at T2, L3 imports 3.45 kWh at T2 (its reactive energy is
        // elsewhere)
        long[] expected = new long[18];
        expected[1] = 2_300_000;
        expected[6 + 3 + 1] = 4_600_000;
        expected[12 + 1] = 3_450_000;
        assertThat(active).containsExactly(expected);
        for (int place = 0; place < 18; place++) {
            assertThat(counters().active(place)).as("place %d", place).isEqualTo(expected[place]);
        }
    }
}
