package org.pro380.meter;

import java.util.Objects;

/**
 * What the meter makes of a load: the values it shows and the rates its energy counters grow
 * at, worked out once. A schedule that repeats its loads may keep them (see {@link
 * LoadSchedule#measuredOf}).
 */
public final class MeasuredLoad {

    private final Load load;
    private final Measurements measurements;
    private final EnergyRates rates;

    private MeasuredLoad(Load load) {
        this.load = Objects.requireNonNull(load, "load");
        this.measurements = Measurements.of(load);
        this.rates = EnergyRates.of(measurements);
    }

    public static MeasuredLoad of(Load load) {
        return new MeasuredLoad(load);
    }

    public Load load() {
        return load;
    }

    public Measurements measurements() {
        return measurements;
    }

    EnergyRates rates() {
        return rates;
    }
}
