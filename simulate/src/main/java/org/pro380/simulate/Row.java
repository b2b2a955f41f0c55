package org.pro380.simulate;

import java.time.Instant;
import org.pro380.meter.EnergyCounters;
import org.pro380.registers.Meaning.EnergyKind;
import org.pro380.registers.Meaning.EnergyScope;
import org.pro380.registers.Meaning.Flow;
import org.pro380.registers.Tariff;

/**
 * One meter at the end of one step (whole seconds since the epoch, UTC): the active tariff, the
 * total active power (W, below 0 when exporting) and the meter's energy counters (milli-units).
 * The counters are the meter's own, moving on after the sink's call: a sink copies what it keeps.
 */
public record Row(int meter, long epochSecond, Tariff tariff, double powerWatts, EnergyCounters counters) {

    /** The end of the step. */
    public Instant time() {
        return Instant.ofEpochSecond(epochSecond);
    }

    /** Import of all phases at {@code tariff}, in mWh. */
    public long importMilli(Tariff tariff) {
        return counters.milli(EnergyKind.ACTIVE, Flow.FORWARD, EnergyScope.valueOf(tariff.name()));
    }

    /** Export of all phases and tariffs, in mWh. */
    public long exportMilli() {
        return counters.milli(EnergyKind.ACTIVE, Flow.REVERSE, EnergyScope.ALL);
    }
}
