package org.pro380.meter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pro380.registers.Meaning.EnergyKind;
import org.pro380.registers.Meaning.EnergyScope;
import org.pro380.registers.Meaning.Flow;
import org.pro380.registers.Phase;
import org.pro380.registers.Tariff;

/**
 * The meter's energy counters (spec section 9): one per phase, kind, direction and tariff, in
 * exact milli-units (mWh, mvarh). Every register value is a sum of these counters, so the sums
 * hold exactly; only the f32 encoding rounds.
 *
 * <p>Integration is exact integer arithmetic: power is taken in milli-units (mW, mvar) and
 * time in microseconds; what does not yet make a whole milli-unit waits in a residue.
 */
public final class EnergyCounters {

    static final int SIZE = 3 * 2 * 2 * 3;
    static final long MICROS_PER_HOUR = 3_600_000_000L;
    private static final Phase[] PHASES = Phase.values();
    private static final Tariff[] TARIFFS = Tariff.values();

    private final long[] milli;
    private long[]
            residue; // milli-unit x microseconds, below MICROS_PER_HOUR; made by the first integration (copies never
    // integrate)

    public EnergyCounters() {
        this(new long[SIZE]);
    }

    private EnergyCounters(long[] milli) {
        if (milli.length != SIZE) {
            throw new IllegalArgumentException("expected " + SIZE + " counters, got " + milli.length);
        }
        for (long m : milli) {
            if (m < 0) {
                throw new IllegalArgumentException("energy counter below zero: " + m);
            }
        }
        this.milli = milli.clone();
    }

    /** Counters restored from non-volatile memory, in the order of {@link #toArray()}. */
    public static EnergyCounters of(long[] milli) {
        return new EnergyCounters(milli);
    }

    /** The raw counters, for non-volatile memory. */
    public long[] toArray() {
        return milli.clone();
    }

    public EnergyCounters copy() {
        return new EnergyCounters(milli);
    }

    /** Takes {@code other}'s counters in place (no new arrays: a saved image kept for long). */
    void setTo(EnergyCounters other) {
        System.arraycopy(other.milli, 0, milli, 0, SIZE);
    }

    /** One counter in the order of {@link #toArray()}, without copying them all. */
    long raw(int index) {
        return milli[index];
    }

    /** Adds {@code other}'s counters to these, counter by counter. */
    void add(EnergyCounters other) {
        for (int i = 0; i < SIZE; i++) {
            milli[i] += other.milli[i];
        }
    }

    /** Books a stretch as {@link Stretch} has it ({@code added}: counter, whole milli-units, rest; a rate after another) to {@code tariff}. */
    void integrate(long[] added, Tariff tariff) {
        if (residue == null) {
            residue = new long[SIZE];
        }
        long[] rest = residue;
        long[] whole = milli;
        int t = tariff.ordinal();
        for (int j = 0; j < added.length; j += 3) {
            int i = (int) added[j] + t;
            long r = rest[i] + added[j + 2]; // both below an hour: at most one more milli-unit
            // without a branch: whether r reaches an hour is as good as random, and a year of 1-second steps asks 200
            // million times
            long carry = ~(r - MICROS_PER_HOUR) >>> 63; // 1 when r >= an hour
            whole[i] += added[j + 1] + carry;
            rest[i] = r - carry * MICROS_PER_HOUR;
        }
    }

    /** One counter: a phase, kind, direction (forward or reverse) and tariff. */
    public long milli(Phase phase, EnergyKind kind, Flow flow, Tariff tariff) {
        if (flow == Flow.TOTAL) {
            return milli(phase, kind, Flow.FORWARD, tariff) + milli(phase, kind, Flow.REVERSE, tariff);
        }
        return milli[index(phase, kind, flow, tariff)];
    }

    /**
     * The active counters into {@code into} (18 of them): by phase, then import before export,
     * then tariff. Their places in these counters are the same but for the reactive ones between.
     */
    public void activeInto(long[] into) {
        // the places of index(phase, ACTIVE, FORWARD, T1): import and export at each tariff, 6 a phase
        System.arraycopy(milli, 0, into, 0, 6);
        System.arraycopy(milli, 12, into, 6, 6);
        System.arraycopy(milli, 24, into, 12, 6);
    }

    /** One of the active counters, by its place in the order of {@link #activeInto}. */
    public long active(int place) {
        return milli[activeIndex(place)];
    }

    static final int ACTIVE_COUNTERS = SIZE / 2;

    /** Where the active counter at {@code place} (in the order of {@link #activeInto}) is among all counters. */
    static int activeIndex(int place) {
        return place / 6 * 12 + place % 6;
    }

    /** A register's value in milli-units: the sum over the phases and tariffs its scope covers. */
    public long milli(EnergyKind kind, Flow flow, EnergyScope scope) {
        // read for every energy register of every read: the counters to add are looked up, not worked out
        long sum = 0;
        for (int i : SUMMED[summed(kind, flow, scope)]) {
            sum += milli[i];
        }
        return sum;
    }

    /**
     * For each kind, flow and scope (in the order of {@link #summed}), the counters a register of
     * them adds up: 2 to 18 of them.
     */
    private static final int[][] SUMMED = summedCounters();

    private static int summed(EnergyKind kind, Flow flow, EnergyScope scope) {
        return (kind.ordinal() * Flow.values().length + flow.ordinal()) * EnergyScope.values().length + scope.ordinal();
    }

    private static int[][] summedCounters() {
        int[][] table = new int[EnergyKind.values().length * Flow.values().length * EnergyScope.values().length][];
        for (EnergyKind kind : EnergyKind.values()) {
            for (Flow flow : Flow.values()) {
                List<Flow> flows = flow == Flow.TOTAL ? List.of(Flow.FORWARD, Flow.REVERSE) : List.of(flow);
                for (EnergyScope scope : EnergyScope.values()) {
                    List<Integer> counters = new ArrayList<>();
                    for (Phase phase : PHASES) {
                        for (Flow f : flows) {
                            for (Tariff tariff : TARIFFS) {
                                if (scope.phase().orElse(phase) == phase
                                        && scope.tariff().orElse(tariff) == tariff) {
                                    counters.add(index(phase, kind, f, tariff));
                                }
                            }
                        }
                    }
                    table[summed(kind, flow, scope)] =
                            counters.stream().mapToInt(Integer::intValue).toArray();
                }
            }
        }
        return table;
    }

    /** Forward + reverse active energy of all phases and tariffs, in mWh: what the LCD and the LED count. */
    public long totalActiveMilli() {
        return milli(EnergyKind.ACTIVE, Flow.TOTAL, EnergyScope.ALL);
    }

    /** Pulses of the red LED so far: one per 0.1 Wh (10,000 imp/kWh). */
    public long pulses() {
        return totalActiveMilli() / 100;
    }

    static int index(Phase phase, EnergyKind kind, Flow flow, Tariff tariff) {
        return ((phase.ordinal() * 2 + kind.ordinal()) * 2 + (flow == Flow.FORWARD ? 0 : 1)) * 3 + tariff.ordinal();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnergyCounters other && Arrays.equals(milli, other.milli);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(milli);
    }

    @Override
    public String toString() {
        return "EnergyCounters" + Arrays.toString(milli);
    }
}
