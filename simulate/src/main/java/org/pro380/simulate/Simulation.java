package org.pro380.simulate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.pro380.meter.EnergyCounters;
import org.pro380.meter.Load;
import org.pro380.meter.ManualClock;
import org.pro380.meter.Meter;
import org.pro380.meter.StoredState;
import org.pro380.meter.TariffInput;
import org.pro380.profile.FleetProfiles;
import org.pro380.profile.Profile;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;
import org.pro380.registers.Tariff;

/**
 * The twin's own meter model on a clock the simulation moves: each meter of the fleet plays the
 * profile as the twin would play it (varied and shifted by the seed), the tariff schedule sets
 * its tariff input at the moment it changes, and at the end of every step its counters are read.
 * Energy is booked by the meter itself, stretch by stretch: no second formula.
 */
public record Simulation(
        Profile profile, int meters, Instant from, Duration span, Duration step, TariffSchedule tariffs, long seed) {

    public Simulation {
        if (span.isZero() || span.isNegative()) {
            throw new IllegalArgumentException("the simulated range is empty: --days must be at least 1");
        }
        if (step.compareTo(span) > 0) {
            throw new IllegalArgumentException("the step " + step.toSeconds() + " s is longer than the "
                    + span.toSeconds() + " s simulated: nothing would be written");
        }
        if (step.toNanos() % 1_000_000_000 != 0 || step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("the step must be whole seconds, got " + step);
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

    public static final Watcher NO_WATCHER = new Watcher() {
        @Override
        public Instant nextSampleAfter(Instant time) {
            return Instant.MAX;
        }

        @Override
        public void sample(Instant time, double watts) {}
    };

    /** How many parts a run is split into on this machine: one a processor, at most one a meter. */
    public int parts() {
        return Math.min(meters, Runtime.getRuntime().availableProcessors());
    }

    /** One meter, or a fleet into one sink, on this thread. */
    public void run(RowSink sink) throws IOException {
        run(List.of(sink), k -> NO_WATCHER);
    }

    /**
     * Runs the fleet into {@code parts}: part i takes the i-th of as many contiguous ranges of
     * meters, on a thread of its own, meter after meter in time order. Meter 1 is in part 0.
     * When a part fails, the others stop at their next meter and the first failure is thrown.
     */
    public void run(List<RowSink> parts, IntFunction<Watcher> watchers) throws IOException {
        if (parts.size() == 1) {
            runMeters(1, meters, parts.get(0), watchers, new AtomicBoolean());
            return;
        }
        AtomicBoolean failed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(parts.size(), r -> {
            Thread t = new Thread(r, "pro380-simulate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                int first = firstMeterOf(i, parts.size());
                int last = firstMeterOf(i + 1, parts.size()) - 1;
                RowSink part = parts.get(i);
                running.add(pool.submit(() -> {
                    try {
                        runMeters(first, last, part, watchers, failed);
                    } catch (IOException | RuntimeException e) {
                        failed.set(true);
                        throw e;
                    }
                    return null;
                }));
            }
            for (Future<Void> part : running) {
                await(part);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The first meter of part {@code i} of {@code parts} (meters + 1 past the last part). */
    int firstMeterOf(int i, int parts) {
        return 1 + (int) ((long) meters * i / parts);
    }

    private void runMeters(int first, int last, RowSink sink, IntFunction<Watcher> watchers, AtomicBoolean failed)
            throws IOException {
        for (int k = first; k <= last && !failed.get(); k++) {
            runMeter(k, watchers.apply(k), sink);
        }
    }

    private static void await(Future<Void> part) throws IOException {
        try {
            part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void runMeter(int k, Watcher watcher, RowSink rows) throws IOException {
        new MeterRun(k, watcher, rows).run(from.plus(step.multipliedBy(steps())));
    }

    /**
     * One meter of the simulation on its own clock. Meter time moves from event to event (a
     * tariff change, a plot's sample, the end); the meter books the steps on the way and tells
     * their rows as it passes them.
     */
    private final class MeterRun implements Meter.StepListener {
        private final int k;
        private final Watcher watcher;
        private final RowSink rows;
        private final ManualClock clock = new ManualClock(from);
        private final Meter meter = new Meter(clock, Identity.typical(), Load.household());
        private final Power power;
        private Tariff tariff;
        private Instant nextTariff;
        private Instant nextSample;
        private Instant nextRow = from.plus(step);

        MeterRun(int k, Watcher watcher, RowSink rows) {
            this.k = k;
            this.watcher = watcher;
            this.rows = rows;
            meter.powerOn(StoredState.factoryNew(Settings.factory()), Optional.empty());
            RepeatingLoads loads = new RepeatingLoads(FleetProfiles.schedule(profile, k, seed));
            power = new Power(loads);
            meter.follow(loads);
            setInput(from);
            nextTariff = tariffs.rules().isEmpty() ? Instant.MAX : tariffs.nextChangeAfter(from);
            nextSample = watcher.nextSampleAfter(from.minusNanos(1));
        }

        /**
         * Up to {@code end}. At an instant that has a row and an event, the row comes first: a
         * tariff change at a row's time applies after it (the counters up to then are the same).
         */
        void run(Instant end) throws IOException {
            while (true) {
                Instant event = nextTariff.isBefore(nextSample) ? nextTariff : nextSample;
                clock.set(event.isBefore(end) ? event : end);
                try {
                    nextRow = meter.bookSteps(nextRow, step, this);
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                if (!event.isBefore(end)) {
                    if (event.equals(end) && nextSample.equals(end)) {
                        sample(end);
                    }
                    return;
                }
                if (event == nextSample) {
                    sample(event);
                } else {
                    setInput(event);
                    nextTariff = tariffs.nextChangeAfter(event);
                }
            }
        }

        @Override
        public void at(long micros, Load load, EnergyCounters counters) {
            try {
                rows.accept(new Row(k, micros / 1_000_000, tariff, power.of(load), counters));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void sample(Instant time) {
            watcher.sample(time, power.of(meter.load()));
            nextSample = watcher.nextSampleAfter(time);
        }

        /** The input as the schedule has it at {@code time}; the meter has booked up to then at the old tariff. */
        private void setInput(Instant time) {
            TariffInput input = tariffs.inputAt(time);
            meter.setTariffInput(input);
            tariff = input.over(Settings.factory().modbusTariff());
        }
    }

    /** Total active power in W of the last load asked about; a profile repeats its loads, so this is mostly a lookup. */
    private static final class Power {
        private final RepeatingLoads loads;
        private Load last;
        private double watts;

        Power(RepeatingLoads loads) {
            this.loads = loads;
        }

        double of(Load load) {
            if (load != last) {
                last = load;
                watts = loads.measuredOf(load).measurements().activePower() * 1000;
            }
            return watts;
        }
    }
}
