package org.pro380.twin.fault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.pro380.meter.MeterReading;
import org.pro380.meter.WiringFault;

/**
 * The faults active on one meter (or one bus's line) now, and how often each was applied. {@link #decide} rolls them
 * for each request the meter takes; a fault with a count or a duration clears itself when it is
 * used up. Time comes from the twin's (meter) clock, chance from an injected generator, so a
 * seeded generator repeats the same faults. Thread-safe; a meter without faults costs one
 * volatile read per request.
 */
public final class MeterFaults {

    /** One active fault as it stands: its rule, how often it was applied, what is left of it. */
    public record Status(FaultRule rule, long applied, OptionalInt left, Optional<Instant> until) {}

    /** An active fault's changing part. */
    private static final class Active {
        final FaultRule rule;
        final Optional<Instant> until;
        /** A stuck meter's registers as they were when the fault was set. */
        final Optional<MeterReading> frozen;

        long applied;

        Active(FaultRule rule, Optional<Instant> until, Optional<MeterReading> frozen) {
            this.rule = rule;
            this.until = until;
            this.frozen = frozen;
        }

        OptionalInt left() {
            return rule.count().isPresent()
                    ? OptionalInt.of((int) (rule.count().getAsInt() - applied))
                    : OptionalInt.empty();
        }

        boolean over(Instant now) {
            return until.isPresent() && !now.isBefore(until.get()) || left().isPresent() && left().getAsInt() <= 0;
        }

        Status status() {
            return new Status(rule, applied, left(), until);
        }
    }

    private static final int NOISE_BYTES = 4;
    /** What a line fault is decided for: the bytes on the line, not a request. */
    private static final byte[] NO_PDU = new byte[0];

    private final Clock clock;
    private final RandomGenerator random;
    private volatile List<Active> active = List.of();
    private volatile Consumer<List<WiringFault.Active>> wiring = faults -> {};
    private volatile Consumer<List<String>> applied = names -> {};
    private volatile Supplier<MeterReading> reading = () -> null;

    public MeterFaults(Clock clock, RandomGenerator random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Makes {@code rules} the active faults, replacing those before; a duration counts from now. */
    public synchronized void replace(List<FaultRule> rules) {
        Instant now = clock.instant();
        List<Active> next = new ArrayList<>(rules.size());
        for (FaultRule r : rules) {
            next.add(new Active(
                    r,
                    r.lasting().map(now::plus),
                    r.fault() instanceof Fault.Stuck ? Optional.ofNullable(reading.get()) : Optional.empty()));
        }
        active = List.copyOf(next);
        wiring.accept(next.stream()
                .filter(a -> a.rule.fault() instanceof Fault.Wiring)
                .map(a -> new WiringFault.Active(((Fault.Wiring) a.rule.fault()).wiring(), a.until))
                .toList());
    }

    /**
     * Tells {@code meter} the wiring faults at every replace, with the meter time each wears off
     * at: the meter measures through them and ends them itself. One listener per meter.
     */
    public void onWiring(Consumer<List<WiringFault.Active>> meter) {
        wiring = Objects.requireNonNull(meter, "meter");
    }

    /** Tells {@code listener} the names of the faults applied to each reply, as they are decided. */
    public void onApplied(Consumer<List<String>> listener) {
        applied = Objects.requireNonNull(listener, "listener");
    }

    /** Where a stuck fault takes the registers it freezes from: the meter's reading at the moment it is set. */
    public void freezeFrom(Supplier<MeterReading> meter) {
        reading = Objects.requireNonNull(meter, "meter");
    }

    public void clear() {
        replace(List.of());
    }

    /** The faults active now, in the order they were given. */
    public synchronized List<Status> active() {
        dropOver(clock.instant());
        return active.stream().map(Active::status).toList();
    }

    /** The line faults to apply to bytes on a bus's line now (a bus's own faults: noise, swappedAB). */
    public ReplyFaults decideLine() {
        return decide(NO_PDU);
    }

    /** The faults to apply to the reply to request {@code pdu}; {@link ReplyFaults#NONE} mostly. */
    public ReplyFaults decide(byte[] pdu) {
        if (active.isEmpty()) {
            return ReplyFaults.NONE;
        }
        return decideNow(pdu);
    }

    private synchronized ReplyFaults decideNow(byte[] pdu) {
        dropOver(clock.instant());
        List<Fault> applied = new ArrayList<>(2);
        Duration delay = Duration.ZERO;
        Optional<MeterReading> frozen = Optional.empty();
        for (Active a : active) {
            if (a.rule.fault() instanceof Fault.Wiring || !a.rule.matches(pdu) || !roll(a.rule.probability())) {
                continue;
            }
            a.applied++;
            applied.add(a.rule.fault());
            if (a.rule.fault() instanceof Fault.Delay d) {
                delay = delay.plus(draw(d));
            }
            if (a.frozen.isPresent()) {
                frozen = a.frozen;
            }
        }
        if (applied.isEmpty()) {
            return ReplyFaults.NONE;
        }
        this.applied.accept(applied.stream().map(Fault::name).toList());
        byte[] noise = new byte[NOISE_BYTES];
        random.nextBytes(noise);
        return new ReplyFaults(applied, delay, noise, frozen);
    }

    private boolean roll(double probability) {
        return probability >= 1 || random.nextDouble() < probability;
    }

    private Duration draw(Fault.Delay d) {
        long span = d.max().toNanos() - d.min().toNanos();
        return span == 0 ? d.min() : d.min().plusNanos(random.nextLong(span + 1));
    }

    private void dropOver(Instant now) {
        if (active.stream().anyMatch(a -> a.over(now))) {
            active = active.stream().filter(a -> !a.over(now)).toList();
        }
    }
}
