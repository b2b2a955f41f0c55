package org.pro380.profile;

import java.util.List;
import java.util.SplittableRandom;
import org.pro380.meter.Load;
import org.pro380.meter.PhaseLoad;

/**
 * What makes a fleet more than N copies of one meter: meter k's serial number is the configured
 * one + k - 1, and its load is the configured one with each phase's current varied by up to
 * +-20 % and its voltage by up to +-2 %, drawn from a generator seeded with the site's seed and
 * k, so that every run of the same site shows the same numbers. Meter 1 keeps the configured
 * load exactly: a site of one meter is the twin it always was.
 */
public final class FleetVariation {

    /** The seed of a site unless configured: any fixed number would do. */
    public static final long DEFAULT_SEED = 380;

    static final double CURRENT_SPREAD = 0.20;
    static final double VOLTAGE_SPREAD = 0.02;
    private static final int MAX_SERIAL = 99_999_999;

    private FleetVariation() {}

    /** Meter {@code index}'s serial number: 8 decimal digits, as the bcd32 register holds them. */
    public static int serialNumber(int first, long index) {
        long serial = first + index - 1;
        if (serial > MAX_SERIAL) {
            throw new IllegalArgumentException("serial number " + first + " + " + (index - 1)
                    + " has more than 8 digits: start the site at a lower serial number");
        }
        return (int) serial;
    }

    /** Meter {@code index}'s load: {@code base} for meter 1, varied for the others. */
    public static Load load(Load base, long index, long seed) {
        if (index == 1) {
            return base;
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        List<PhaseLoad> phases = base.phases().stream()
                .map(p -> new PhaseLoad(
                        clamp(p.voltage() * (1 + spread(random, VOLTAGE_SPREAD)), 0, 500),
                        clamp(p.current() * (1 + spread(random, CURRENT_SPREAD)), 0, 100),
                        p.powerFactor(),
                        p.export(),
                        p.capacitive()))
                .toList();
        return new Load(base.frequency(), phases);
    }

    private static double spread(SplittableRandom random, double spread) {
        return random.nextDouble(-spread, spread);
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
