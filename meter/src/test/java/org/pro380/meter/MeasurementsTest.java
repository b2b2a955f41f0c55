package org.pro380.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.pro380.meter.MeterFixture.fromPowers;
import static org.pro380.meter.MeterFixture.idle;
import static org.pro380.meter.MeterFixture.phases;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pro380.meter.Measurements.PowerFlow;
import org.pro380.registers.Phase;
import org.pro380.registers.Registers;

/** The measurement model of spec section 9, per phase and in total, in the model and on the wire. */
class MeasurementsTest {

    private static final double EPS = 1e-9;

    @ParameterizedTest(name = "{0} {1} V {2} A PF {3} export={4} capacitive={5}")
    @CsvSource({
        // phase, V, A, PF, export, capacitive -> P kW, Q kvar, S kVA, PF, current, direction, quadrant
        "L1, 230, 10, 0.8, false, false,  1.84,  1.38, 2.3, 0.8, 10,  1F, 1",
        "L2, 230, 10, 0.8, true,  false, -1.84,  1.38, 2.3, 0.8, -10, 2R, 2",
        "L3, 230, 10, 0.8, true,  true,  -1.84, -1.38, 2.3, 0.8, -10, 3R, 3",
        "L1, 230, 10, 0.8, false, true,   1.84, -1.38, 2.3, 0.8, 10,  1F, 4",
        "L2, 240, 5,  0.6, false, false,  0.72,  0.96, 1.2, 0.6, 5,   2F, 1",
        "L3, 230, 16, 1.0, true,  false, -3.68,  0,    3.68, 1.0, -16, 3R, 2",
        "L1, 230, 16, 1.0, false, false,  3.68,  0,    3.68, 1.0, 16,  1F, 1",
        "L2, 230, 16, 0.0, false, false,  0,     3.68, 3.68, 0.0, 16,  2F, 1",
        "L3, 230, 16, 0.0, true,  true,   0,    -3.68, 3.68, 0.0, 16,  3F, 4", // P = 0 is not export
        "L1, 230, 0,  1.0, true,  true,   0,     0,    0,    1.0, 0,   1F, 1", // S = 0: PF 1
        "L2, 0,   16, 0.9, false, false,  0,     0,    0,    1.0, 16,  2F, 1"
    })
    void perPhaseValues(
            Phase phase,
            double volts,
            double amps,
            double pf,
            boolean export,
            boolean capacitive,
            double p,
            double q,
            double s,
            double expectedPf,
            double current,
            String direction,
            int quadrant) {
        PhaseMeasurement m = PhaseMeasurement.of(phase, new PhaseLoad(volts, amps, pf, export, capacitive));

        assertThat(m.voltage()).isEqualTo(volts);
        assertThat(m.activePower()).isCloseTo(p, within(EPS));
        assertThat(m.reactivePower()).isCloseTo(q, within(EPS));
        assertThat(m.apparentPower()).isCloseTo(s, within(EPS));
        assertThat(m.powerFactor()).isCloseTo(expectedPf, within(EPS)).isBetween(0.0, 1.0);
        assertThat(m.current()).isEqualTo(current);
        assertThat(m.direction()).isEqualTo(direction);
        assertThat(m.quadrant()).isEqualTo(quadrant);
        assertThat(m.exporting()).isEqualTo(p < 0);
    }

    @Test
    void noNegativeZeroReachesTheWire() {
        // -0.0f would read 0x8000 0x0000 instead of zeros
        PhaseMeasurement m = PhaseMeasurement.of(Phase.L1, new PhaseLoad(230, 0, 1, true, true));

        assertThat(Double.doubleToRawLongBits(m.activePower())).isZero();
        assertThat(Double.doubleToRawLongBits(m.reactivePower())).isZero();
        assertThat(Double.doubleToRawLongBits(m.current())).isZero();
    }

    @Test
    void quadrantBoundariesFollowSectionNine() {
        assertThat(Quadrant.of(0, 0)).isEqualTo(1);
        assertThat(Quadrant.of(1, 0)).isEqualTo(1);
        assertThat(Quadrant.of(-1, 0)).isEqualTo(2);
        assertThat(Quadrant.of(-1, -1)).isEqualTo(3);
        assertThat(Quadrant.of(0, -1)).isEqualTo(4);
        assertThat(Quadrant.of(1, -1)).isEqualTo(4);
        assertThat(Quadrant.of(-1, 1)).isEqualTo(2);
    }

    @Test
    void theRealMetersPerPhaseExample() {
        // P 0.9 kW and S 0.932 kVA give PF 0.97
        PhaseLoad load = new PhaseLoad(230, 932.0 / 230, 0.9 / 0.932, false, false);
        MeterFixture f = MeterFixture.poweredOn(phases(load, idle(), idle()));

        assertThat(f.read(Registers.ACTIVE_POWER_L1)).isCloseTo(0.9, within(1e-6));
        assertThat(f.read(Registers.APPARENT_POWER_L1)).isCloseTo(0.932, within(1e-6));
        assertThat(f.read(Registers.POWER_FACTOR_L1)).isCloseTo(0.97, within(0.005));
    }

    /** Totals P 0.175 kW and Q -0.569 kvar (the real meter's example) from three unlike phases. */
    private static Load realMeterTotals() {
        return phases(fromPowers(0.5, 0.1), fromPowers(-0.4, -0.3), fromPowers(0.075, -0.369));
    }

    @Test
    void theRealMetersTotalPowerFactorExample() {
        MeterFixture f = MeterFixture.poweredOn(realMeterTotals());

        assertThat(f.read(Registers.ACTIVE_POWER)).isCloseTo(0.175, within(1e-6));
        assertThat(f.read(Registers.REACTIVE_POWER)).isCloseTo(-0.569, within(1e-6));
        assertThat(f.read(Registers.POWER_FACTOR)).isCloseTo(0.29, within(0.005));
        assertThat(f.read(Registers.QUADRANT)).isEqualTo(4);
    }

    @Test
    void totalsAreSumsAndTotalApparentPowerIsTheArithmeticSum() {
        Measurements m = Measurements.of(realMeterTotals());

        double s1 = Math.hypot(0.5, 0.1);
        double s2 = Math.hypot(-0.4, -0.3);
        double s3 = Math.hypot(0.075, -0.369);
        assertThat(m.activePower()).isCloseTo(0.175, within(EPS));
        assertThat(m.reactivePower()).isCloseTo(-0.569, within(EPS));
        assertThat(m.apparentPower()).isCloseTo(s1 + s2 + s3, within(EPS));
        assertThat(m.apparentPower()).as("not the vector sum").isNotCloseTo(Math.hypot(0.175, -0.569), within(0.1));
        assertThat(m.powerFactor()).isCloseTo(0.175 / Math.hypot(0.175, 0.569), within(EPS));
        assertThat(m.quadrant()).isEqualTo(4);
        assertThat(m.phases()).extracting(PhaseMeasurement::quadrant).containsExactly(1, 3, 4);
    }

    @Test
    void totalPowerFactorIsOneWithNoPowerAtAll() {
        Measurements m = Measurements.of(Load.idle(230, 50));

        assertThat(m.powerFactor()).isEqualTo(1.0);
        assertThat(m.apparentPower()).isZero();
        assertThat(m.quadrant()).isEqualTo(1);
    }

    @ParameterizedTest(name = "P {0}, Q {1} -> quadrant {2}")
    @CsvSource({"1.2, 0.4, 1", "-1.2, 0.4, 2", "-1.2, -0.4, 3", "1.2, -0.4, 4"})
    void totalQuadrantFollowsTheTotals(double p, double q, int quadrant) {
        // the total against the majority of phases: one strong phase decides
        Load load = phases(fromPowers(p, q), fromPowers(-p / 4, -q / 4), fromPowers(-p / 4, -q / 4));

        assertThat(Measurements.of(load).quadrant()).isEqualTo(quadrant);
    }

    @Test
    void exportShowsOnTheWireAsNegativeCurrentReverseDirectionAndQuadrant() {
        Load load = phases(
                PhaseLoad.importing(230, 16, 1),
                new PhaseLoad(230, 16, 1, true, false),
                new PhaseLoad(230, 16, 0.8, true, true));
        MeterFixture f = MeterFixture.poweredOn(load);

        assertThat(f.ask("03 50 0c 00 06")).isEqualTo("03 0c 41 80 00 00 c1 80 00 00 c1 80 00 00");
        assertThat(f.ask("03 40 12 00 03")).isEqualTo("03 06 31 46 32 52 33 52"); // "1F" "2R" "3R"
        assertThat(f.ask("03 40 17 00 04")).isEqualTo("03 08 00 03 00 01 00 02 00 03"); // total, L1-L3
        assertThat(f.read(Registers.ACTIVE_POWER_L2)).isCloseTo(-3.68, within(1e-6));
        assertThat(f.read(Registers.ACTIVE_POWER_L3)).isCloseTo(-2.944, within(1e-6));
        assertThat(f.read(Registers.REACTIVE_POWER_L3)).isCloseTo(-2.208, within(1e-6));
        assertThat(f.read(Registers.POWER_FACTOR_L2)).isEqualTo(1.0);
        assertThat(f.read(Registers.POWER_FACTOR_L3)).isCloseTo(0.8, within(1e-6));
        assertThat(f.read(Registers.APPARENT_POWER)).isCloseTo(3 * 3.68, within(1e-5));
    }

    @Test
    void aNewLoadIsMeasuredAtOnce() {
        MeterFixture f = MeterFixture.poweredOn(Load.household());

        f.meter.setLoad(new Load(60, List.of(PhaseLoad.importing(231.5, 1.25, 1), idle(), idle())));

        assertThat(f.ask("03 50 02 00 02")).isEqualTo("03 04 43 67 80 00"); // 231.5 V
        assertThat(f.ask("03 50 08 00 02")).isEqualTo("03 04 42 70 00 00"); // 60 Hz
        assertThat(f.ask("03 50 0c 00 02")).isEqualTo("03 04 3f a0 00 00"); // 1.25 A
    }

    @Test
    void everyMeasuredRegisterShowsTheModel() {
        // worked out by hand from section 9 for the phases of realMeterTotals(), all at 230 V 50 Hz:
        // S_n = hypot(P_n, Q_n), I_n = S_n / 230 V (negative while exporting), PF_n = |P_n| / S_n,
        // S = S1 + S2 + S3, PF = |P| / hypot(P, Q)
        double[] expected = {
            230,
            230,
            230, // V L1-L3
            50, // Hz
            2.216965006,
            -2.173913043,
            1.637151383, // A: 509.90 VA, -500 VA, 376.54 VA over 230 V
            0.175,
            0.5,
            -0.4,
            0.075, // kW: total, L1-L3
            -0.569,
            0.1,
            -0.3,
            -0.369, // kvar: total, L1-L3
            1.386446769,
            0.5099019514,
            0.5,
            0.3765448180, // kVA: arithmetic total, L1-L3
            0.2939678055,
            0.9805806757,
            0.8,
            0.1991794772
        }; // PF: total, L1-L3
        MeterFixture f = MeterFixture.poweredOn(realMeterTotals());

        List<Double> read = Registers.MAP.in(org.pro380.registers.Block.INSTANTANEOUS).stream()
                .map(r -> (Double) f.read(r))
                .toList();

        assertThat(read).hasSize(expected.length);
        for (int i = 0; i < read.size(); i++) {
            // an f32 register holds 24 significant bits: about 6e-8 of the value
            assertThat(read.get(i))
                    .as("register %d", i)
                    .isCloseTo(expected[i], within(1e-6 * Math.max(1, Math.abs(expected[i]))));
        }
    }

    // ---- power flow across phases (spec section 1, status word)

    @Test
    void powerFlowIsImportExportOrMixed() {
        assertThat(Measurements.of(Load.household()).flow()).isEqualTo(PowerFlow.IMPORT);
        assertThat(Measurements.of(phases(fromPowers(-1, 0), fromPowers(-2, 0.1), fromPowers(-0.5, -0.1)))
                        .flow())
                .isEqualTo(PowerFlow.EXPORT);
        assertThat(Measurements.of(phases(fromPowers(1, 0), fromPowers(1, 0), fromPowers(-1, 0)))
                        .flow())
                .isEqualTo(PowerFlow.MIXED);
        assertThat(Measurements.of(Load.idle(230, 50)).flow()).isEqualTo(PowerFlow.IMPORT);
    }

    @Test
    void anIdlePhaseIsNotImporting() {
        // a single-phase inverter on L1, nothing on L2 and L3: export, not the mixed case of section 1
        Load load = phases(new PhaseLoad(230, 10, 1, true, false), idle(), idle());

        assertThat(Measurements.of(load).flow()).isEqualTo(PowerFlow.EXPORT);
    }

    // ---- what the model refuses

    @Test
    void impossibleLoadsAreRefused() {
        assertThatThrownBy(() -> new PhaseLoad(-1, 0, 1, false, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhaseLoad(230, -1, 1, false, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhaseLoad(230, 1, 1.01, false, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhaseLoad(230, 1, -0.1, false, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhaseLoad(Double.NaN, 1, 1, false, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhaseLoad(230, Double.POSITIVE_INFINITY, 1, false, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Load(50, List.of(idle(), idle()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Load(50, Arrays.asList(idle(), null, idle())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Load(50, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Load(44, List.of(idle(), idle(), idle())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Load(Double.NaN, List.of(idle(), idle(), idle())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadsBuiltFromImmutableListsAreAccepted() {
        // List.of(...).contains(null) throws: the null check must not use it
        Load load = new Load(50, List.of(idle(), PhaseLoad.importing(230, 1, 1), idle()));

        assertThat(load.phase(Phase.L2).current()).isEqualTo(1);
        assertThat(Load.household().phases()).hasSize(3);
    }
}
