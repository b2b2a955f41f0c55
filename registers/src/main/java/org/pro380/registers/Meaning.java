package org.pro380.registers;

import java.util.Optional;

/** What a register stands for, so the twin can produce it and the client can name it without a second list of addresses. */
public sealed interface Meaning permits Meaning.Setting, Meaning.Measured, Meaning.Energy {

    /** An identity value or a setting of the meter. */
    record Setting(Field field) implements Meaning {
    }

    /** An instantaneous measurement of one phase or of the whole meter. */
    record Measured(Quantity quantity, PhaseScope scope) implements Meaning {
    }

    /** An energy counter (spec section 9). */
    record Energy(EnergyKind kind, Flow flow, EnergyScope scope) implements Meaning {
    }

    enum Field {
        SERIAL_NUMBER, METER_CODE, METER_ID, BAUD_RATE, PROTOCOL_VERSION, SOFTWARE_VERSION,
        HARDWARE_VERSION, METER_AMPS, LCD_CYCLE_TIME, PARITY, POWER_COUNTER, CHECKSUM,
        STATUS_WORD, BACKLIGHT, TARIFF
    }

    enum Quantity {
        VOLTAGE, FREQUENCY, CURRENT, ACTIVE_POWER, REACTIVE_POWER, APPARENT_POWER, POWER_FACTOR,
        DIRECTION, QUADRANT
    }

    /** A phase, or the meter as a whole. */
    enum PhaseScope {
        TOTAL, L1, L2, L3;

        private static final Phase[] PHASES = Phase.values();

        public Optional<Phase> phase() {
            return this == TOTAL ? Optional.empty() : Optional.of(PHASES[ordinal() - 1]);
        }

        public static PhaseScope of(Phase phase) {
            return values()[phase.ordinal() + 1];
        }
    }

    enum EnergyKind { ACTIVE, REACTIVE }

    /** Forward is import, reverse is export, total is forward + reverse. */
    enum Flow { TOTAL, FORWARD, REVERSE }

    /** Which part of a counter: all phases and tariffs, one tariff (all phases) or one phase (all tariffs). */
    enum EnergyScope {
        ALL, T1, T2, T3, L1, L2, L3;

        public Optional<Tariff> tariff() {
            return switch (this) {
                case T1 -> Optional.of(Tariff.T1);
                case T2 -> Optional.of(Tariff.T2);
                case T3 -> Optional.of(Tariff.T3);
                default -> Optional.empty();
            };
        }

        public Optional<Phase> phase() {
            return switch (this) {
                case L1 -> Optional.of(Phase.L1);
                case L2 -> Optional.of(Phase.L2);
                case L3 -> Optional.of(Phase.L3);
                default -> Optional.empty();
            };
        }
    }
}
