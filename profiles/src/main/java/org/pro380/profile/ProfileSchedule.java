package org.pro380.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.pro380.meter.Load;
import org.pro380.meter.LoadSchedule;

/**
 * A profile played on meter time. Position 0 of the period is midnight UTC, of a Monday for a
 * period of whole weeks; {@code shift} moves this meter's play later, and each load is varied as
 * {@link FleetVariation} varies meter {@code meter}'s (meter 1: as it is) with {@code seed}. A
 * fleet's meters each have their own (see {@link FleetProfiles}); the loads are varied as they
 * come, so that 10,000 meters share one profile in memory.
 */
public record ProfileSchedule(Profile profile, Duration shift, long meter, long seed) implements LoadSchedule {

    /** A Monday at midnight UTC: every period of whole days or weeks starts here. */
    static final Instant ORIGIN = Instant.parse("1970-01-05T00:00:00Z");

    public ProfileSchedule {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(shift, "shift");
    }

    /** The profile as it is: not shifted, not varied. */
    public static ProfileSchedule of(Profile profile) {
        return new ProfileSchedule(profile, Duration.ZERO, 1, FleetVariation.DEFAULT_SEED);
    }

    /** Milliseconds into the period at {@code time}. */
    public long position(Instant time) {
        long since = time.toEpochMilli() - ORIGIN.toEpochMilli() - shift.toMillis();
        return Math.floorMod(since, profile.periodMillis());
    }

    @Override
    public Load loadAt(Instant time) {
        return FleetVariation.load(profile.loadAt(position(time)), meter, seed);
    }

    @Override
    public Instant nextChangeAfter(Instant time) {
        Instant wholeMilli = Instant.ofEpochMilli(time.toEpochMilli());
        long position = position(wholeMilli);
        return wholeMilli.plusMillis(profile.nextChangeAfter(position) - position);
    }
}
