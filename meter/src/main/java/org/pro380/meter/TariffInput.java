package org.pro380.meter;

import java.util.Optional;
import org.pro380.registers.Tariff;

/**
 * The 12 V tariff input (spec section 6): pin 2 at 12 V holds T2, pin 1 at 12 V holds T3, no
 * signal leaves the choice to Modbus. A held tariff overrules Modbus.
 */
public enum TariffInput {
    NONE,
    T2,
    T3;

    public Optional<Tariff> holds() {
        return switch (this) {
            case NONE -> Optional.empty();
            case T2 -> Optional.of(Tariff.T2);
            case T3 -> Optional.of(Tariff.T3);
        };
    }

    /** The tariff that counts with this input and {@code modbusTariff} chosen over Modbus: a held one overrules. */
    public Tariff over(Tariff modbusTariff) {
        return switch (this) {
            case NONE -> modbusTariff;
            case T2 -> Tariff.T2;
            case T3 -> Tariff.T3;
        };
    }
}
