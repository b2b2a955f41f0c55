package org.pro380.twin.site;

import org.pro380.registers.UnitId;

/**
 * How the meters of a site sit on their buses: meters 1..K on bus 1 with unit ids 1..K, meters
 * K+1..2K on bus 2 with unit ids 1..K, and so on (the last bus may hold fewer).
 *
 * @param meters how many meters the site has, 1 or more
 * @param busSize how many meters share one bus, 1..247 (the unit ids of one line)
 */
public record SiteLayout(int meters, int busSize) {

    public static final int MAX_BUS_SIZE = UnitId.LAST;
    /** Far beyond what one process holds; keeps index arithmetic in int. */
    public static final int MAX_METERS = 10_000_000;

    public SiteLayout {
        if (meters < 1 || meters > MAX_METERS) {
            throw new IllegalArgumentException("meters must be 1.." + MAX_METERS + ", got " + meters);
        }
        if (busSize < 1 || busSize > MAX_BUS_SIZE) {
            throw new IllegalArgumentException(
                    "bus size must be 1.." + MAX_BUS_SIZE + " (the unit ids of one line), got " + busSize);
        }
    }

    /** The default bus size: every meter on one bus, as far as unit ids go. */
    public static SiteLayout of(int meters) {
        return new SiteLayout(meters, Math.min(meters, MAX_BUS_SIZE));
    }

    public int buses() {
        return (meters + busSize - 1) / busSize;
    }

    /** The bus (1-based) of meter {@code index} (1-based). */
    public int bus(int index) {
        check(index);
        return (index - 1) / busSize + 1;
    }

    /** The unit id meter {@code index} has on its bus when its memory is new. */
    public int unitId(int index) {
        check(index);
        return (index - 1) % busSize + 1;
    }

    /** The meter (1-based) at position {@code position} (1-based) of bus {@code bus}. */
    public int index(int bus, int position) {
        return (bus - 1) * busSize + position;
    }

    /** How many meters bus {@code bus} holds. */
    public int metersOn(int bus) {
        return Math.min(busSize, meters - (bus - 1) * busSize);
    }

    private void check(int index) {
        if (index < 1 || index > meters) {
            throw new IndexOutOfBoundsException("meter " + index + " (the site has meters 1.." + meters + ")");
        }
    }
}
