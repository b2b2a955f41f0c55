package org.pro380.app.simulate;

import java.time.Instant;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.pro380.meter.Load;
import org.pro380.meter.LoadSchedule;
import org.pro380.meter.Measurements;
import org.pro380.twin.profile.ProfileSchedule;

/**
 * One meter's profile as a simulation plays it for a year: the same loads come back every
 * period, so each is made (varied) and measured once, by its position in the period. Kept for
 * one meter at a time; the twin, which plays 10,000 meters at once, does without.
 */
final class RepeatingLoads implements LoadSchedule {

    private static final long SPREAD = 0x9E3779B97F4A7C15L;

    private final ProfileSchedule schedule;
    private final Map<Long, Load> byPosition = new HashMap<>();
    private final Map<Load, Measurements> measured = new IdentityHashMap<>();

    RepeatingLoads(ProfileSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public Load loadAt(Instant time) {
        // positions are whole minutes or seconds apart: as Long keys they would crowd a few of
        // the map's buckets; an odd multiplier spreads them and keeps them distinct
        return byPosition.computeIfAbsent(schedule.position(time) * SPREAD, p -> schedule.loadAt(time));
    }

    @Override
    public Instant nextChangeAfter(Instant time) {
        return schedule.nextChangeAfter(time);
    }

    @Override
    public Measurements measurementsOf(Load load) {
        return measured.computeIfAbsent(load, Measurements::of);
    }
}
