package org.pro380.app.simulate;

import java.time.Instant;
import org.pro380.meter.EnergyCounters;
import org.pro380.registers.Tariff;

/**
 * One meter at the end of one step (whole seconds since the epoch, UTC): the active tariff, the
 * total active power (W, below 0 when exporting) and the meter's energy counters, whose active
 * ones a sink reads in {@link Counters} order (mWh). The counters are the meter's own, moving on
 * after the sink's call: a sink copies what it keeps.
 */
public record Row(int meter, long epochSecond, Tariff tariff, double powerWatts, EnergyCounters counters) {

    /** The end of the step. */
    public Instant time() {
        return Instant.ofEpochSecond(epochSecond);
    }

    /** One active counter, by its column in {@link Counters#COLUMNS}. */
    public long milli(int column) {
        return counters.active(column);
    }

    long importMilli() {
        return sum(0, null);
    }

    long exportMilli() {
        return sum(1, null);
    }

    /** Import of all phases at {@code tariff}, in mWh. */
    long importMilli(Tariff tariff) {
        return sum(0, tariff);
    }

    /** The counters of one direction (0 import, 1 export) over all phases, at one tariff or (null) all. */
    private long sum(int flow, Tariff only) {
        long sum = 0;
        for (int phase = 0; phase < 3; phase++) {
            for (int tariff = 0; tariff < 3; tariff++) {
                if (only == null || only.ordinal() == tariff) {
                    sum += milli((phase * 2 + flow) * 3 + tariff);
                }
            }
        }
        return sum;
    }
}
