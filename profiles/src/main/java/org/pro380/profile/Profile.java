package org.pro380.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.pro380.meter.Load;
import org.pro380.meter.PhaseLoad;

/**
 * A time series of loads that loops over its period. Between two points the load holds the
 * first point's value (step), or moves in a straight line to the next point's (interpolate),
 * one minute at a time; after the last point the series goes on towards the first of the next
 * period. Positions are milliseconds into the period.
 */
public record Profile(String name, List<ProfilePoint> points, Duration period, boolean interpolate) {

    public static final Duration DEFAULT_PERIOD = Duration.ofDays(1);
    /** How often an interpolating profile moves its load: smooth for points minutes apart, and a simulated year stays cheap. */
    public static final long INTERPOLATION_STEP_MILLIS = 60_000;

    public Profile {
        Objects.requireNonNull(name, "name");
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a profile needs at least one point");
        }
        if (period.toMillis() < 1000) {
            throw new IllegalArgumentException("the period must be at least 1 s, got " + period);
        }
        for (int i = 0; i < points.size(); i++) {
            Duration at = points.get(i).offset();
            if (at.isNegative() || at.compareTo(period) >= 0) {
                throw new IllegalArgumentException("point " + (i + 1) + " at " + at.toSeconds()
                        + " s is outside the period of " + period.toSeconds() + " s");
            }
            if (i > 0 && at.compareTo(points.get(i - 1).offset()) <= 0) {
                throw new IllegalArgumentException(
                        "point " + (i + 1) + " at " + at.toSeconds() + " s does not come after the one before it");
            }
        }
    }

    public long periodMillis() {
        return period.toMillis();
    }

    /** The load at {@code position} ms into the period (0 <= position < period). */
    public Load loadAt(long position) {
        int i = pointAt(position);
        if (!interpolate || points.size() == 1) {
            return points.get(i).load();
        }
        long from = offset(i);
        long to = i + 1 < points.size() ? offset(i + 1) : offset(0) + periodMillis();
        long at = position >= from ? position : position + periodMillis();
        long stepped = at - Math.floorMod(at - from, INTERPOLATION_STEP_MILLIS);
        return between(points.get(i).load(), next(i).load(), (double) (stepped - from) / (to - from));
    }

    /** The first position after {@code position} (possibly past the period's end) where the load may change. */
    public long nextChangeAfter(long position) {
        int i = pointAt(position);
        long nextPoint =
                position < offset(0) ? offset(0) : i + 1 < points.size() ? offset(i + 1) : offset(0) + periodMillis();
        if (!interpolate || points.size() == 1) {
            return nextPoint;
        }
        long from = offset(i) > position ? offset(i) - periodMillis() : offset(i);
        long nextStep =
                position + INTERPOLATION_STEP_MILLIS - Math.floorMod(position - from, INTERPOLATION_STEP_MILLIS);
        return Math.min(nextStep, nextPoint);
    }

    /** The point in force at {@code position}: the last one at or before it, else (wrapping) the last one. */
    private int pointAt(long position) {
        int low = 0;
        int high = points.size() - 1;
        if (position < offset(0)) {
            return high;
        }
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (offset(mid) <= position) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private long offset(int i) {
        return points.get(i).offset().toMillis();
    }

    private ProfilePoint next(int i) {
        return points.get((i + 1) % points.size());
    }

    private static Load between(Load a, Load b, double f) {
        List<PhaseLoad> phases = new ArrayList<>(3);
        for (int p = 0; p < 3; p++) {
            PhaseLoad x = a.phases().get(p);
            PhaseLoad y = b.phases().get(p);
            double current = mix(signed(x), signed(y), f);
            phases.add(new PhaseLoad(
                    mix(x.voltage(), y.voltage(), f),
                    Math.abs(current),
                    mix(x.powerFactor(), y.powerFactor(), f),
                    current < 0,
                    f < 0.5 ? x.capacitive() : y.capacitive()));
        }
        return new Load(mix(a.frequency(), b.frequency(), f), phases);
    }

    /** Exported current below zero, so that a phase going from import to export passes through 0 A. */
    private static double signed(PhaseLoad p) {
        return p.export() ? -p.current() : p.current();
    }

    private static double mix(double a, double b, double f) {
        return a + (b - a) * f;
    }
}
