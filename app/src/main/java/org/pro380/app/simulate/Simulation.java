package org.pro380.app.simulate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.pro380.meter.EnergyCounters;
import org.pro380.meter.Identity;
import org.pro380.meter.Load;
import org.pro380.meter.ManualClock;
import org.pro380.meter.Meter;
import org.pro380.meter.Settings;
import org.pro380.meter.StoredState;
import org.pro380.meter.TariffInput;
import org.pro380.registers.Tariff;
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

    static final Watcher NO_WATCHER = new Watcher() {
        @Override
        public Instant nextSampleAfter(Instant time) {
            return Instant.MAX;
        }

        @Override
        public void sample(Instant time, double watts) {
        }
    };

    /** More steps than this per meter (a year at 2-minute steps) run one meter at a time, not kept. */
    private static final long MAX_KEPT_STEPS = 300_000;

    public void run(RowSink sink) throws IOException {
        run(sink, k -> NO_WATCHER);
    }

    /**
     * Runs meter after meter into {@code sink}, in meter order. A fleet is simulated on every
     * processor, each meter's rows kept until the sink takes them (a few meters at a time); a
     * lone meter, or steps too many to keep, run on this thread straight into the sink.
     */
    void run(RowSink sink, IntFunction<Watcher> watchers) throws IOException {
        int threads = Math.min(meters, Runtime.getRuntime().availableProcessors());
        if (threads < 2 || steps() > MAX_KEPT_STEPS) {
            for (int k = 1; k <= meters; k++) {
                runMeter(k, watchers.apply(k), sink::accept);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pro380-simulate");
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<List<Row>>> running = new ArrayDeque<>();
            for (int k = 1; k <= meters; k++) {
                int meter = k;
                Watcher watcher = watchers.apply(k);
                running.add(pool.submit(() -> keptRows(meter, watcher)));
                if (running.size() > 2 * threads) {
                    write(running.poll(), sink);
                }
            }
            while (!running.isEmpty()) {
                write(running.poll(), sink);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Row> keptRows(int k, Watcher watcher) throws IOException {
        List<Row> rows = new ArrayList<>((int) steps());
        runMeter(k, watcher, row -> rows.add(new Row(row.meter(), row.epochSecond(), row.tariff(), row.powerWatts(),
                row.milli().clone())));
        return rows;
    }

    private static void write(Future<List<Row>> rows, RowSink sink) throws IOException {
        try {
            for (Row row : rows.get()) {
                sink.accept(row);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Where one meter's rows go as they come. */
    private interface Rows {
        void add(Row row) throws IOException;
    }

    private void runMeter(int k, Watcher watcher, Rows rows) throws IOException {
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
        private final Rows rows;
        private final ManualClock clock = new ManualClock(from);
        private final Meter meter = new Meter(clock, Identity.typical(), Load.household());
        private final long[] milli = new long[Counters.COUNT];
        private final Power power;
        private Tariff tariff;
        private Instant nextTariff;
        private Instant nextSample;
        private Instant nextRow = from.plus(step);

        MeterRun(int k, Watcher watcher, Rows rows) {
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
            counters.activeInto(milli);
            try {
                rows.add(new Row(k, micros / 1_000_000, tariff, power.of(load), milli));
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
                watts = loads.measurementsOf(load).activePower() * 1000;
            }
            return watts;
        }
    }
}
