package org.pro380.app.simulate;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.pro380.meter.Identity;
import org.pro380.meter.Load;
import org.pro380.meter.Measurements;
import org.pro380.meter.Meter;
import org.pro380.meter.Settings;
import org.pro380.meter.StoredState;
import org.pro380.meter.TariffInput;
import org.pro380.twin.profile.FleetProfiles;
import org.pro380.twin.profile.Profile;

/**
 * The twin's own meter model on a clock the simulation moves: each meter of the fleet plays the
 * profile as the twin would play it (varied and shifted by the seed), the tariff schedule sets
 * its tariff input at the moment it changes, and at the end of every step its counters are read.
 * Energy is booked by the meter itself, stretch by stretch: no second formula.
 */
public record Simulation(Profile profile, int meters, Instant from, Duration span, Duration step, TariffSchedule tariffs,
        long seed) {

    public Simulation {
        if (span.isZero() || span.isNegative()) {
            throw new IllegalArgumentException("the simulated range is empty: --days must be at least 1");
        }
        if (step.compareTo(span) > 0) {
            throw new IllegalArgumentException("the step " + step.toSeconds() + " s is longer than the "
                    + span.toSeconds() + " s simulated: nothing would be written");
        }
        if (meters < 1) {
            throw new IllegalArgumentException("--meters must be at least 1, got " + meters);
        }
    }

    /** Steps per meter: the whole steps that fit in the range. */
    public long steps() {
        return span.toSeconds() / step.toSeconds();
    }

    /** What one meter is asked between its steps, besides its counters: a plot's power samples. */
    public interface Watcher {
        /** Instants before {@code time} (exclusive) at which to sample the power, in order; or far. */
        Instant nextSampleAfter(Instant time);

        void sample(Instant time, double watts);
    }

    static final Watcher NO_WATCHER = new Watcher() {
        @Override
        public Instant nextSampleAfter(Instant time) {
            return Instant.MAX;
        }

        @Override
        public void sample(Instant time, double watts) {
        }
    };

    public void run(RowSink sink) throws IOException {
        run(sink, k -> NO_WATCHER);
    }

    void run(RowSink sink, java.util.function.IntFunction<Watcher> watchers) throws IOException {
        for (int k = 1; k <= meters; k++) {
            runMeter(k, sink, watchers.apply(k));
        }
    }

    private void runMeter(int k, RowSink sink, Watcher watcher) throws IOException {
        SimulatedClock clock = new SimulatedClock(from);
        Meter meter = new Meter(clock, Identity.typical(), Load.household());
        meter.powerOn(StoredState.factoryNew(Settings.factory()), Optional.empty());
        meter.follow(FleetProfiles.schedule(profile, k, seed));
        TariffInput input = tariffs.inputAt(from);
        meter.setTariffInput(input);
        Instant nextTariff = tariffs.rules().isEmpty() ? Instant.MAX : tariffs.nextChangeAfter(from);
        Instant nextSample = watcher.nextSampleAfter(from.minusNanos(1));
        Power power = new Power();
        long[] milli = new long[Counters.COUNT];
        long steps = steps();
        for (long i = 1; i <= steps; i++) {
            Instant end = from.plus(step.multipliedBy(i));
            while (nextTariff.isBefore(end) || nextSample.isBefore(end)) {
                if (!nextSample.isAfter(nextTariff)) {
                    clock.set(nextSample);
                    watcher.sample(nextSample, power.of(meter.load()));
                    nextSample = watcher.nextSampleAfter(nextSample);
                } else {
                    clock.set(nextTariff);
                    input = tariffs.inputAt(nextTariff);
                    meter.setTariffInput(input);
                    nextTariff = tariffs.nextChangeAfter(nextTariff);
                }
            }
            clock.set(end);
            Counters.read(meter.storedState().counters(), milli);
            double watts = power.of(meter.load());
            if (nextSample.equals(end)) {
                watcher.sample(end, watts);
                nextSample = watcher.nextSampleAfter(end);
            }
            sink.accept(new Row(k, end, input.holds().orElse(Settings.factory().modbusTariff()), watts, milli));
        }
    }

    /** Total active power in W of the last load asked about; a profile repeats its loads, so this is mostly a lookup. */
    private static final class Power {
        private Load last;
        private double watts;

        double of(Load load) {
            if (load != last) {
                last = load;
                watts = Measurements.of(load).activePower() * 1000;
            }
            return watts;
        }
    }
}
