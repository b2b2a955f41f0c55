package org.pro380.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pro380.meter.MeterFixture.fromPowers;
import static org.pro380.meter.MeterFixture.phases;
import static org.pro380.registers.Registers.ACTIVE_POWER;
import static org.pro380.registers.Registers.ACTIVE_POWER_L1;
import static org.pro380.registers.Registers.CURRENT_L1;
import static org.pro380.registers.Registers.CURRENT_L2;
import static org.pro380.registers.Registers.DIRECTION_L1;
import static org.pro380.registers.Registers.DIRECTION_L2;
import static org.pro380.registers.Registers.FORWARD_ACTIVE_ENERGY_L1;
import static org.pro380.registers.Registers.FORWARD_ACTIVE_ENERGY_L2;
import static org.pro380.registers.Registers.QUADRANT;
import static org.pro380.registers.Registers.QUADRANT_L1;
import static org.pro380.registers.Registers.REACTIVE_POWER_L1;
import static org.pro380.registers.Registers.REVERSE_ACTIVE_ENERGY;
import static org.pro380.registers.Registers.REVERSE_ACTIVE_ENERGY_L1;
import static org.pro380.registers.Registers.REVERSE_REACTIVE_ENERGY_L1;
import static org.pro380.registers.Registers.STATUS_WORD;
import static org.pro380.registers.Registers.VOLTAGE_L1;
import static org.pro380.registers.Registers.VOLTAGE_L2;
import static org.pro380.registers.Registers.VOLTAGE_L3;
import static org.pro380.testkit.WrittenOutEquals.assertCoversEveryComponent;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pro380.registers.LcdPhase;
import org.pro380.registers.Phase;

/** What the meter measures when it is wired wrongly (docs/faults.md, "Wiring faults"). */
class WiringTest {

    private static final WiringFault REVERSED_L1 = new WiringFault.ReversedCt(Set.of(Phase.L1));

    /** 2.3 kW and 0.5 kvar on every phase, importing. */
    private final MeterFixture f =
            MeterFixture.poweredOn(phases(fromPowers(2.3, 0.5), fromPowers(2.3, 0.5), fromPowers(2.3, 0.5)));

    private void wire(WiringFault... faults) {
        f.meter.setWiringFaults(List.of(faults).stream()
                .map(w -> new WiringFault.Active(w, Optional.empty()))
                .toList());
    }

    @Test
    void aReversedCtMeasuresImportAsExportOnItsPhase() {
        wire(REVERSED_L1);

        assertThat(f.read(DIRECTION_L1)).isEqualTo("1R");
        assertThat(f.read(DIRECTION_L2)).isEqualTo("2F");
        assertThat(f.read(QUADRANT_L1)).isEqualTo(3);
        assertThat(f.read(ACTIVE_POWER_L1)).isCloseTo(-2.3, within(1e-4));
        assertThat(f.read(REACTIVE_POWER_L1)).isCloseTo(-0.5, within(1e-4));
        assertThat(f.read(CURRENT_L1)).isLessThan(0);
        assertThat(f.read(CURRENT_L2)).isGreaterThan(0);
        assertThat(f.read(ACTIVE_POWER)).isCloseTo(2.3, within(1e-4));
        assertThat(f.read(QUADRANT)).isEqualTo(1);
        assertThat(f.meter.load().phase(Phase.L1).export())
                .as("the load itself")
                .isFalse();
    }

    @Test
    void aReversedCtBooksItsPhasesImportAsExport() {
        wire(REVERSED_L1);

        f.advance(Duration.ofHours(1));

        assertThat(f.read(REVERSE_ACTIVE_ENERGY_L1)).isCloseTo(2.3, within(1e-3));
        assertThat(f.read(REVERSE_REACTIVE_ENERGY_L1)).isCloseTo(0.5, within(1e-3));
        assertThat(f.read(FORWARD_ACTIVE_ENERGY_L1)).isZero();
        assertThat(f.read(FORWARD_ACTIVE_ENERGY_L2)).isCloseTo(2.3, within(1e-3));
        assertThat(f.read(REVERSE_ACTIVE_ENERGY)).isCloseTo(2.3, within(1e-3));
    }

    @Test
    void theLcdShowsTheDirectionTheMeterMeasures() {
        wire(REVERSED_L1, new WiringFault.LostPhase(Set.of(Phase.L3)));

        assertThat(f.meter.reading().lcd().phases()).extracting(LcdPhase::text).containsExactly("L1 ←", "L2 →", "");
    }

    @Test
    void twoPhasesImportingWhileOneExportsIsTheForbiddenFlow() {
        assertThat(f.meter.reading().measurements().forbiddenFlow()).isFalse();

        wire(REVERSED_L1);

        assertThat(f.meter.reading().measurements().forbiddenFlow()).isTrue();
        assertThat((f.read(STATUS_WORD) >> 16) & 0xF).as("power flow: mixed").isEqualTo(3);

        wire(new WiringFault.ReversedCt(Set.of(Phase.L1, Phase.L2)));

        assertThat(f.meter.reading().measurements().forbiddenFlow()).isFalse();
    }

    @Test
    void aLostPhaseReadsNoVoltageNoCurrentAndBooksNothing() {
        wire(new WiringFault.LostPhase(Set.of(Phase.L2)));

        f.advance(Duration.ofHours(1));

        assertThat(f.read(VOLTAGE_L2)).isZero();
        assertThat(f.read(CURRENT_L2)).isZero();
        assertThat(f.read(FORWARD_ACTIVE_ENERGY_L2)).isZero();
        assertThat(f.read(VOLTAGE_L1)).isCloseTo(230, within(1e-3));
        assertThat(f.read(ACTIVE_POWER)).isCloseTo(4.6, within(1e-4));
    }

    @Test
    void aLostNeutralDrivesTheVoltagesApartByTheirLoads() {
        f.meter.setLoad(phases(fromPowers(4.6, 0), fromPowers(1.15, 0), fromPowers(0.23, 0)));

        wire(new WiringFault.LostNeutral());

        double v1 = f.read(VOLTAGE_L1);
        double v2 = f.read(VOLTAGE_L2);
        double v3 = f.read(VOLTAGE_L3);
        assertThat(v1).as("the heaviest load's voltage falls").isLessThan(200);
        assertThat(v3)
                .as("the lightest load's voltage rises towards 400 V")
                .isGreaterThan(300)
                .isLessThan(400);
        assertThat(v2).isNotCloseTo(230, within(5.0));
        assertThat(f.read(CURRENT_L1))
                .as("an impedance draws less at less voltage")
                .isCloseTo(20 * v1 / 230, within(1e-3));
    }

    @Test
    void aLostNeutralWithBalancedLoadsChangesNothing() {
        wire(new WiringFault.LostNeutral());

        assertThat(f.read(VOLTAGE_L1)).isCloseTo(230, within(1e-3));
        assertThat(f.read(VOLTAGE_L2)).isCloseTo(230, within(1e-3));
        assertThat(f.read(VOLTAGE_L3)).isCloseTo(230, within(1e-3));
    }

    @Test
    void aLostNeutralWithNothingDrawingKeepsTheStarPointInTheMiddle() {
        f.meter.setLoad(Load.idle(230, 50));

        wire(new WiringFault.LostNeutral());

        assertThat(f.read(VOLTAGE_L1)).isCloseTo(230, within(1e-3));
        assertThat(f.read(VOLTAGE_L3)).isCloseTo(230, within(1e-3));
    }

    @Test
    void aFaultWithAnEndWearsOffAtThatMeterTimeToTheMicrosecond() {
        f.meter.setWiringFaults(List.of(
                new WiringFault.Active(REVERSED_L1, Optional.of(TestClock.START.plus(Duration.ofMinutes(30))))));

        f.advance(Duration.ofHours(1));

        assertThat(f.read(REVERSE_ACTIVE_ENERGY_L1)).isCloseTo(2.3 / 2, within(1e-3));
        assertThat(f.read(FORWARD_ACTIVE_ENERGY_L1)).isCloseTo(2.3 / 2, within(1e-3));
        assertThat(f.read(DIRECTION_L1)).isEqualTo("1F");
        assertThat(f.meter.wiring().correct()).isTrue();
    }

    @Test
    void noFaultsIsTheCorrectWiringAgain() {
        wire(REVERSED_L1);
        wire();

        assertThat(f.read(DIRECTION_L1)).isEqualTo("1F");
        assertThat(f.meter.wiring()).isEqualTo(Wiring.CORRECT);
    }

    @Test
    void aScheduleIsMeasuredThroughTheWiringToo() {
        Load exporting = phases(fromPowers(-2.3, 0), fromPowers(1, 0), fromPowers(1, 0));
        f.meter.follow(new LoadSchedule() {
            @Override
            public Load loadAt(java.time.Instant time) {
                return exporting;
            }

            @Override
            public java.time.Instant nextChangeAfter(java.time.Instant time) {
                return time.plus(Duration.ofMinutes(1));
            }
        });
        wire(REVERSED_L1);

        f.advance(Duration.ofMinutes(5));

        assertThat(f.read(DIRECTION_L1)).isEqualTo("1F");
        assertThat(f.read(FORWARD_ACTIVE_ENERGY_L1)).isGreaterThan(0);
        assertThat(f.read(REVERSE_ACTIVE_ENERGY_L1)).isZero();
    }

    @Test
    void equalsAndHashCodeCoverEveryComponent() {
        assertCoversEveryComponent(
                Wiring.CORRECT,
                new Wiring(Set.of(Phase.L1), Set.of(), false),
                new Wiring(Set.of(), Set.of(Phase.L2), false),
                new Wiring(Set.of(), Set.of(), true));
    }
}
