package org.pro380.meter;

import org.pro380.registers.Settings;

/** What the meter keeps in non-volatile memory: energy counters, settings and the power on/off counter. */
public record StoredState(EnergyCounters counters, Settings settings, int powerCounter) {

    public StoredState {
        counters = counters.copy();
        if (powerCounter < 0 || powerCounter > 0xFFFF) {
            throw new IllegalArgumentException("power counter must be 0..65535, got " + powerCounter);
        }
    }

    public static StoredState factoryNew(Settings settings) {
        return new StoredState(new EnergyCounters(), settings, 0);
    }

    @Override
    public EnergyCounters counters() {
        return counters.copy();
    }

    /** The counters themselves, for this package's readers that only read them (a save round: no copy per meter). */
    EnergyCounters heldCounters() {
        return counters;
    }
}
