package org.pro380.registers;

import java.util.Optional;

/** What a register stands for, so the twin can produce it and the client can name it without a second list of addresses. */
public sealed interface Meaning permits Meaning.Setting, Meaning.Measured, Meaning.Energy {

    /** An identity value or a setting of the meter. */
    record Setting(Field field) implements Meaning {}

    /** An instantaneous measurement of one phase or of the whole meter. */
    record Measured(Quantity quantity, PhaseScope scope) implements Meaning {}

    /** An energy counter (spec section 9). */
    record Energy(EnergyKind kind, Flow flow, EnergyScope scope) implements Meaning {}

    enum Field {
        SERIAL_NUMBER,
        METER_CODE,
        UNIT_ID,
        BAUD_RATE,
        PROTOCOL_VERSION,
        SOFTWARE_VERSION,
        HARDWARE_VERSION,
        METER_AMPS,
        LCD_CYCLE_TIME,
        PARITY,
        ERROR_CODE,
        POWER_COUNTER,
        CHECKSUM,
        STATUS_WORD,
        BACKLIGHT,
        TARIFF
    }

    enum Quantity {
        VOLTAGE,
        FREQUENCY,
        CURRENT,
        ACTIVE_POWER,
        REACTIVE_POWER,
        APPARENT_POWER,
        POWER_FACTOR,
        DIRECTION,
        QUADRANT
    }

    /** A phase, or the meter as a whole. */
    enum PhaseScope {
        TOTAL(null),
        L1(Phase.L1),
        L2(Phase.L2),
        L3(Phase.L3);

        private final Optional<Phase> phase;

        PhaseScope(Phase phase) {
            this.phase = Optional.ofNullable(phase);
        }

        public Optional<Phase> phase() {
            return phase;
        }

        public static PhaseScope of(Phase phase) {
            return values()[phase.ordinal() + 1];
        }
    }

    enum EnergyKind {
        ACTIVE,
        REACTIVE
    }

    /** Forward is import, reverse is export, total is forward + reverse. */
    enum Flow {
        TOTAL,
        FORWARD,
        REVERSE
    }

    /** Which part of a counter: all phases and tariffs, one tariff (all phases) or one phase (all tariffs). */
    enum EnergyScope {
        ALL(null, null),
        T1(Tariff.T1, null),
        T2(Tariff.T2, null),
        T3(Tariff.T3, null),
        L1(null, Phase.L1),
        L2(null, Phase.L2),
        L3(null, Phase.L3);

        // held, not made per call: every energy register of every read asks for them
        private final Optional<Tariff> tariff;
        private final Optional<Phase> phase;

        EnergyScope(Tariff tariff, Phase phase) {
            this.tariff = Optional.ofNullable(tariff);
            this.phase = Optional.ofNullable(phase);
        }

        public Optional<Tariff> tariff() {
            return tariff;
        }

        public Optional<Phase> phase() {
            return phase;
        }
    }
}
