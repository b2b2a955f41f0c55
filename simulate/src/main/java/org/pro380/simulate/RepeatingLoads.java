package org.pro380.simulate;

import java.time.Instant;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.pro380.meter.Load;
import org.pro380.meter.LoadSchedule;
import org.pro380.meter.MeasuredLoad;
import org.pro380.profile.ProfileSchedule;

/**
 * One meter's profile as a simulation plays it for a year: the same loads come back every
 * period, so each is made (varied) and measured once, by its position in the period, with the
 * time from there to the next change. Kept for one meter at a time; the twin, which plays
 * 10,000 meters at once, does without.
 */
final class RepeatingLoads implements LoadSchedule {

    private static final long SPREAD = 0x9E3779B97F4A7C15L;

    /** The load at a position of the period and how long it holds from there. */
    private record Place(Load load, long millisToNext) {}

    private final ProfileSchedule schedule;
    private final Map<Long, Place> byPosition = new HashMap<>();
    private final Map<Load, MeasuredLoad> measured = new IdentityHashMap<>();
    private Instant lastAsked;
    private Place lastPlace;

    RepeatingLoads(ProfileSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public Load loadAt(Instant time) {
        return placeAt(time).load();
    }

    @Override
    public Instant nextChangeAfter(Instant time) {
        if (time.getNano() % 1_000_000 != 0) {
            return schedule.nextChangeAfter(time); // the places are kept for whole milliseconds, where changes are
        }
        return time.plusMillis(placeAt(time).millisToNext());
    }

    private Place placeAt(Instant time) {
        if (time.equals(lastAsked)) {
            return lastPlace; // a meter asks for the load at a change, then for the change after it
        }
        // positions are whole minutes or seconds apart: as Long keys they would crowd a few of
        // the map's buckets; an odd multiplier spreads them and keeps them distinct
        Long key = schedule.position(time) * SPREAD;
        Place place = byPosition.get(key);
        if (place == null) {
            place = new Place(
                    schedule.loadAt(time), schedule.nextChangeAfter(time).toEpochMilli() - time.toEpochMilli());
            byPosition.put(key, place);
        }
        lastAsked = time;
        lastPlace = place;
        return place;
    }

    @Override
    public MeasuredLoad measuredOf(Load load) {
        return measured.computeIfAbsent(load, MeasuredLoad::of);
    }
}
