package org.pro380.profile;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * A profile for meter k of a fleet: its loads varied as {@link FleetVariation} varies a fixed
 * load, and its play shifted by a seeded amount within {@link #MAX_SHIFT} either way (at most half
 * the period), so that a fleet is not in lockstep but a pv roof still peaks near noon. Meter 1
 * plays the profile as it is; the same seed gives the same shifts on every run.
 */
public final class FleetProfiles {

    public static final Duration MAX_SHIFT = Duration.ofHours(1);

    private FleetProfiles() {}

    public static ProfileSchedule schedule(Profile profile, long index, long seed) {
        if (index == 1) {
            return ProfileSchedule.of(profile);
        }
        return new ProfileSchedule(profile, shift(profile, index, seed), index, seed);
    }

    /** Meter {@code index}'s shift: whole seconds within +-min(1 h, period / 2). */
    public static Duration shift(Profile profile, long index, long seed) {
        long max = Math.min(MAX_SHIFT.toSeconds(), profile.period().toSeconds() / 2);
        SplittableRandom random = new SplittableRandom(seed * 0x2545F4914F6CDD1DL + index);
        return Duration.ofSeconds(random.nextLong(-max, max + 1));
    }
}
