package org.pro380.meter;

import java.util.Arrays;
import java.util.List;
import org.pro380.registers.Meaning.EnergyKind;
import org.pro380.registers.Meaning.Flow;
import org.pro380.registers.Tariff;

/**
 * What one set of measurements adds to the energy counters per hour: each phase's active and
 * reactive power in milli-units (mW, mvar), rounded once, with the counter it goes to.
 */
final class EnergyRates {

    private final int[] counters; // the counter of each rate, at the first tariff
    private final long[] milliPowers; // above zero: the direction is in the counter

    private EnergyRates(int[] counters, long[] milliPowers) {
        this.counters = counters;
        this.milliPowers = milliPowers;
    }

    static EnergyRates of(Measurements m) {
        List<PhaseMeasurement> phases = m.phases();
        int[] counters = new int[phases.size() * 2];
        long[] powers = new long[counters.length];
        int n = 0;
        for (int i = 0; i < phases.size(); i++) {
            PhaseMeasurement p = phases.get(i);
            for (EnergyKind kind : EnergyKind.values()) {
                long milliPower = Math.round((kind == EnergyKind.ACTIVE ? p.activePower() : p.reactivePower()) * 1e6);
                if (milliPower != 0) {
                    Flow flow = milliPower > 0 ? Flow.FORWARD : Flow.REVERSE;
                    counters[n] = EnergyCounters.index(p.phase(), kind, flow, Tariff.T1);
                    powers[n++] = Math.abs(milliPower);
                }
            }
        }
        return new EnergyRates(Arrays.copyOf(counters, n), Arrays.copyOf(powers, n));
    }

    /**
     * What a stretch of {@code micros} adds into {@code table} (made for these rates by {@link
     * #table()}), three longs a rate: the counter (at the first tariff), the whole milli-units,
     * and the rest in milli-units x microseconds, below an hour.
     */
    void stretch(long micros, long microsPerHour, long[] table) {
        long wholeHours = micros / microsPerHour;
        long part = micros - wholeHours * microsPerHour;
        for (int k = 0; k < counters.length; k++) {
            long partEnergy = milliPowers[k] * part; // fits a long up to 2,500 kW a phase
            table[3 * k] = counters[k];
            table[3 * k + 1] = milliPowers[k] * wholeHours + partEnergy / microsPerHour;
            table[3 * k + 2] = partEnergy % microsPerHour;
        }
    }

    long[] table() {
        return new long[3 * counters.length];
    }
}
