package org.pro380.app.simulate;

import java.time.Instant;
import org.pro380.registers.Tariff;

/**
 * One meter at the end of one step (whole seconds since the epoch, UTC): the active tariff, the total active power (W, below 0 when
 * exporting) and the energy counters in {@link Counters} order (mWh). The counters array is
 * reused by the simulation: a sink copies what it keeps.
 */
public record Row(int meter, long epochSecond, Tariff tariff, double powerWatts, long[] milli) {

    /** The end of the step. */
    public Instant time() {
        return Instant.ofEpochSecond(epochSecond);
    }

    long importMilli() {
        long sum = 0;
        for (Tariff t : Tariff.values()) {
            sum += Counters.imported(milli, t);
        }
        return sum;
    }

    long exportMilli() {
        long sum = 0;
        for (Tariff t : Tariff.values()) {
            sum += Counters.exported(milli, t);
        }
        return sum;
    }
}
