package org.pro380.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.pro380.registers.Identity;
import org.pro380.registers.Registers;
import org.pro380.registers.Settings;

/**
 * Commissions a bus of factory-default meters one at a time, as an installer wires them: waits
 * for a meter at the factory unit id (found by polling), reads its serial number, asks its label
 * ({@link Labels}), gives it the next id of the list that no meter answers at, and checks that it
 * answers there with the same serial number. {@link LineMove} then moves the plan's meters to
 * another baud and parity. A meter that stops answering in the middle is looked for at its old and its new
 * id and reported; the run stops there rather than leave a meter unknown.
 */
public final class Commissioning {
    /** The unit id every meter leaves the factory with. */
    public static final int FACTORY_ID = Settings.factory().unitId();
    /** How many times a meter that went silent after its id change is looked for. */
    private static final int LOOKS = 3;

    /**
     * @param ids the ids to give, in order (the factory id is not one of them)
     * @param count stop after this many meters
     * @param pollInterval the pause between two polls for a meter at the factory id
     */
    public record Options(List<Integer> ids, int count, Duration pollInterval) {
        public Options {
            ids = List.copyOf(ids);
            if (ids.contains(FACTORY_ID)) {
                throw new IllegalArgumentException(
                        "the ids to give cannot include " + FACTORY_ID + ", the id every new meter answers at");
            }
            if (count < 1) {
                throw new IllegalArgumentException("count must be >= 1, got " + count);
            }
        }
    }

    /** What happens, as it happens, for the installer to see. */
    public sealed interface Event {
        /** Polling for a meter at the factory id; the next one will get {@code nextId}. */
        record Waiting(int nextId) implements Event {}

        /** A garbled reply at the factory id: probably two new meters on the bus at once. */
        record Crowded(String reply) implements Event {}

        /** {@code unitId} is not given: something answers there ({@code who}). */
        record Taken(int unitId, String who) implements Event {}

        /** About to write the new id to the meter found. */
        record Changing(int serialNumber, int unitId) implements Event {}

        /** The meter answers at its new id with its serial number, and is in the plan. */
        record Commissioned(CommissionPlan.Entry entry, boolean again) implements Event {}
    }

    /** Told of each {@link Event}. */
    public interface Listener {
        void on(Event event);
    }

    /** Keeps a commissioned meter, e.g. in the plan file, before the next one is looked for. */
    public interface Recorder {
        Recorder NONE = entry -> {};

        void record(CommissionPlan.Entry entry) throws IOException;
    }

    /** The label of a meter about to get its id: the cabinet position the installer gives, or the one suggested. */
    public interface Labels {
        /** Always the suggested label, "meter N". */
        Labels SUGGESTED = (serialNumber, unitId, suggested) -> suggested;

        /** A label without comma or line break; InterruptedException if the installer stops the run instead. */
        String label(int serialNumber, int unitId, String suggested) throws InterruptedException;
    }

    /** Waits between polls; tests pass their own. */
    public interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(d.toMillis());

        void pause(Duration duration) throws InterruptedException;
    }

    /**
     * What a run did: the meters it commissioned (or gave their planned id again), and whether
     * every id of the list is given now.
     */
    public record Result(List<CommissionPlan.Entry> commissioned, boolean idsUsedUp) {
        public Result {
            commissioned = List.copyOf(commissioned);
        }
    }

    private final ModbusLink link;
    private final Options options;
    private final Recorder recorder;
    private final Sleeper sleeper;
    private final Labels labels;
    private CommissionPlan plan;

    /** A commissioning whose meters get the suggested labels, "meter N". */
    public Commissioning(ModbusLink link, Options options, CommissionPlan plan, Recorder recorder, Sleeper sleeper) {
        this(link, options, plan, recorder, sleeper, Labels.SUGGESTED);
    }

    public Commissioning(
            ModbusLink link, Options options, CommissionPlan plan, Recorder recorder, Sleeper sleeper, Labels labels) {
        this.link = link;
        this.options = options;
        this.plan = plan;
        this.recorder = recorder;
        this.sleeper = sleeper;
        this.labels = labels;
    }

    /** The plan as it is now: the one given, with every meter commissioned since. */
    public CommissionPlan plan() {
        return plan;
    }

    /** Commissions meters until the count is reached or the ids are used up (ids in the plan are taken). */
    public Result run(Listener listener) throws ClientException, IOException, InterruptedException {
        Deque<Integer> free = new ArrayDeque<>(
                options.ids().stream().filter(id -> !plan.takes(id)).toList());
        List<CommissionPlan.Entry> done = new ArrayList<>();
        while (done.size() < options.count()) {
            if (free.isEmpty()) {
                return new Result(done, true);
            }
            listener.on(new Event.Waiting(free.peek()));
            int serial = awaitNewMeter(listener);
            Optional<CommissionPlan.Entry> known = plan.bySerial(serial);
            if (known.isPresent()) {
                giveAgain(known.get(), listener);
                done.add(known.get());
                continue;
            }
            Optional<Integer> id = nextFree(free, listener);
            if (id.isEmpty()) {
                return new Result(done, true);
            }
            String label =
                    labels.label(serial, id.get(), "meter " + (plan.entries().size() + 1));
            CommissionPlan.Entry entry = new CommissionPlan.Entry(serial, id.get(), label);
            move(serial, id.get(), listener);
            recorder.record(entry);
            plan = plan.with(entry);
            done.add(entry);
            listener.on(new Event.Commissioned(entry, false));
        }
        return new Result(done, free.isEmpty());
    }

    /** A meter of the plan back at the factory id (reset, or replaced in the cabinet): it gets its id again. */
    private void giveAgain(CommissionPlan.Entry entry, Listener listener) throws ClientException, InterruptedException {
        Optional<String> who = whoAnswers(entry.unitId());
        if (who.isPresent()) {
            throw new VerifyFailedException("meter " + entry.serialText() + " of the plan answers at id " + FACTORY_ID
                    + " again, but its id " + entry.unitId() + " is taken by " + who.get());
        }
        move(entry.serialNumber(), entry.unitId(), listener);
        listener.on(new Event.Commissioned(entry, true));
    }

    /** Polls the factory id until a meter answers there with its serial number. */
    private int awaitNewMeter(Listener listener) throws ClientException, InterruptedException {
        boolean crowdedSaid = false;
        while (true) {
            try {
                return serialAt(FACTORY_ID);
            } catch (ClientException e) {
                if (fatal(e)) {
                    throw e;
                }
                if (e.kind() != ClientException.Kind.NO_REPLY && !crowdedSaid) {
                    listener.on(new Event.Crowded(e.getMessage()));
                    crowdedSaid = true;
                }
            }
            sleeper.pause(options.pollInterval());
        }
    }

    /** The first id of {@code free} nothing answers at; ids that answer are taken from the list and told. */
    private Optional<Integer> nextFree(Deque<Integer> free, Listener listener) throws ClientException {
        while (!free.isEmpty()) {
            int id = free.poll();
            Optional<String> who = whoAnswers(id);
            if (who.isEmpty()) {
                return Optional.of(id);
            }
            listener.on(new Event.Taken(id, who.get()));
        }
        return Optional.empty();
    }

    /** Writes the new id and checks the meter answers there; looks for it at both ids if it does not. */
    private void move(int serial, int id, Listener listener) throws ClientException, InterruptedException {
        listener.on(new Event.Changing(serial, id));
        try {
            link.writeRegister(FACTORY_ID, Registers.UNIT_ID.address(), id);
        } catch (ClientException e) {
            if (fatal(e)) {
                throw e;
            }
        }
        for (int look = 0; look < LOOKS; look++) {
            if (look > 0) {
                sleeper.pause(options.pollInterval());
            }
            if (isAt(serial, id)) {
                return;
            }
            if (isAt(serial, FACTORY_ID)) {
                throw new VerifyFailedException("meter " + Identity.serialText(serial) + " did not take id " + id
                        + ": it still answers at id " + FACTORY_ID);
            }
        }
        throw new NoReplyException("meter " + Identity.serialText(serial) + " stopped answering while taking id " + id
                + ": it answers neither at id " + id + " nor at id " + FACTORY_ID
                + "; check its power and wiring");
    }

    private boolean isAt(int serial, int id) throws ClientException {
        try {
            return serialAt(id) == serial;
        } catch (ClientException e) {
            if (fatal(e)) {
                throw e;
            }
            return false;
        }
    }

    /** Who answers at {@code id}: "meter 22091039", or the damaged reply heard; empty if nothing does. */
    private Optional<String> whoAnswers(int id) throws ClientException {
        try {
            return Optional.of("meter " + Identity.serialText(serialAt(id)));
        } catch (ClientException e) {
            if (fatal(e)) {
                throw e;
            }
            return e.kind() == ClientException.Kind.NO_REPLY
                    ? Optional.empty()
                    : Optional.of("a reply (" + e.getMessage() + ")");
        }
    }

    private int serialAt(int id) throws ClientException {
        return new Pro380Client(link, id).read(Registers.SERIAL_NUMBER);
    }

    /** The line itself failed: no use polling on. */
    static boolean fatal(ClientException e) {
        return switch (e.kind()) {
            case CONNECTION_FAILED, CONNECTION_REFUSED, WRONG_TRANSPORT -> true;
            default -> false;
        };
    }
}
