package org.pro380.twin.bus;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.pro380.meter.MeterServer;

/**
 * What the meters of one bus were asked and answered: requests by function code and exception
 * replies by code, frames a meter did not take, per meter. Counted from the reply a meter gives ({@link #answered}), which
 * carries the request's function code. Lock-free and without allocation: it runs for every
 * frame a meter takes, tens of thousands of times a second.
 */
public final class BusCounters {

    /** The function codes counted on their own; the rest are counted together as "other". */
    public static final List<Integer> FUNCTIONS = List.of(0x03, 0x06, 0x10);
    /** The exception codes a meter answers (spec section 3); the rest together as "other". */
    public static final List<Integer> EXCEPTIONS = List.of(1, 2, 3, 4);

    private static final int OTHER_FUNCTION = FUNCTIONS.size();
    private static final int FIRST_EXCEPTION = OTHER_FUNCTION + 1;
    private static final int OTHER_EXCEPTION = FIRST_EXCEPTION + EXCEPTIONS.size();
    private static final int IGNORED = OTHER_EXCEPTION + 1;
    private static final int SLOTS = IGNORED + 1;
    private static final int[] FUNCTION_SLOT = slots(FUNCTIONS, OTHER_FUNCTION, 0);
    private static final int[] EXCEPTION_SLOT = slots(EXCEPTIONS, OTHER_EXCEPTION, FIRST_EXCEPTION);

    /** Each meter's place on the bus; read-only once built, so safe to read from any thread. */
    private final Map<MeterServer, Integer> places = new IdentityHashMap<>();

    private final AtomicLongArray counts;

    public BusCounters(List<MeterServer> meters) {
        for (MeterServer m : meters) {
            places.put(m, places.size());
        }
        counts = new AtomicLongArray(meters.size() * SLOTS);
    }

    private static int[] slots(List<Integer> codes, int other, int first) {
        int[] slot = new int[256];
        Arrays.fill(slot, other);
        for (int i = 0; i < codes.size(); i++) {
            slot[codes.get(i)] = first + i;
        }
        return slot;
    }

    /** Counts the request {@code meter} answered with {@code reply}; returns the reply. */
    public byte[] answered(MeterServer meter, byte[] reply) {
        Integer place = places.get(meter);
        return place == null ? reply : answered(place, reply);
    }

    /** Counts the request the meter at {@code place} answered with {@code reply}; returns the reply. */
    public byte[] answered(int place, byte[] reply) {
        if (reply.length > 0) {
            int base = place * SLOTS;
            counts.incrementAndGet(base + FUNCTION_SLOT[reply[0] & 0x7F]);
            if ((reply[0] & 0x80) != 0 && reply.length > 1) {
                counts.incrementAndGet(base + EXCEPTION_SLOT[reply[1] & 0xFF]);
            }
        }
        return reply;
    }

    /**
     * Counts a frame for the unit id of the meter at {@code place} that it did not take: no
     * power, other line settings, its wire cut.
     */
    public void countIgnored(int place) {
        counts.incrementAndGet(place * SLOTS + IGNORED);
    }

    /** Frames for the unit id of the meter at {@code place} that it did not take. */
    public long ignored(int place) {
        return counts.get(place * SLOTS + IGNORED);
    }

    /** The place (0-based) of {@code meter} on the bus; -1 if it is not on it. */
    public int place(MeterServer meter) {
        Integer place = places.get(meter);
        return place == null ? -1 : place;
    }

    public int meters() {
        return counts.length() / SLOTS;
    }

    /** Requests the meter at {@code place} (0-based on the bus) took with a function of {@link #FUNCTIONS}, or another ({@code -1}). */
    public long requests(int place, int function) {
        return counts.get(place * SLOTS + (function < 0 ? OTHER_FUNCTION : FUNCTION_SLOT[function]));
    }

    /** Exception replies of the meter at {@code place} with a code of {@link #EXCEPTIONS}, or another ({@code -1}). */
    public long exceptions(int place, int code) {
        return counts.get(place * SLOTS + (code < 0 ? OTHER_EXCEPTION : EXCEPTION_SLOT[code]));
    }
}
