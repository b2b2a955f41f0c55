package org.pro380.meter;

import org.pro380.registers.Tariff;

/** The tariff LED: off for T1, on for T2, blinking for T3 (spec section 6). */
public enum TariffLed {
    OFF,
    ON,
    BLINKING;

    static TariffLed of(Tariff active) {
        return switch (active) {
            case T1 -> OFF;
            case T2 -> ON;
            case T3 -> BLINKING;
        };
    }
}
