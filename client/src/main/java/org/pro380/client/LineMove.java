package org.pro380.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pro380.protocol.LineSettings;
import org.pro380.registers.Code;
import org.pro380.registers.Registers;

/**
 * Moves the meters of a plan from one baud and parity to another, one meter at a time, in the
 * plan's order: each is found at the old settings, given the new baud and then the new parity
 * (the client following it on a serial line), and found at the new settings (same serial number,
 * baud and parity read back) before the next is asked at the old settings. A meter already at the
 * new settings (a run stopped half way) is left there; one half moved (new baud, old parity) is
 * finished. A meter found at none of the three is reported, never left unknown, and the others
 * are moved.
 */
public final class LineMove {

    /** What happened to one meter of the plan. */
    public sealed interface Outcome {
        CommissionPlan.Entry entry();

        /** One line for the installer: {@code 22091039 at id 2 -> 4800 8O1}. */
        default String text(LineSettings to) {
            String meter = entry().serialText() + " at id " + entry().unitId();
            if (this instanceof Lost lost) {
                return meter + ": not moved to " + to + ": " + lost.where();
            }
            return this instanceof AlreadyThere ? meter + ": already at " + to : meter + " -> " + to;
        }

        /** Moved, and found at the new settings. */
        record Moved(CommissionPlan.Entry entry) implements Outcome {}

        /** Already at the new settings before anything was written. */
        record AlreadyThere(CommissionPlan.Entry entry) implements Outcome {}

        /** Not found at the new settings; {@code where} says where it is, if anywhere. */
        record Lost(CommissionPlan.Entry entry, String where) implements Outcome {}
    }

    /** Told of each meter's outcome as it comes. */
    public interface Listener {
        /** Before anything is asked of the meter. */
        default void moving(CommissionPlan.Entry entry) {}

        void on(Outcome outcome);
    }

    private final ModbusLink link;
    private final LineSettings from;
    private final LineSettings to;

    /** @param from the settings the meters are at now (those of the link, on a serial line) */
    public LineMove(ModbusLink link, LineSettings from, LineSettings to) {
        this.link = link;
        this.from = from;
        this.to = to;
    }

    /** The baud and parity a meter may be asked to take; IllegalWriteException if it would refuse one. */
    public static void check(LineSettings to) throws IllegalWriteException {
        for (Change c : changes(to)) {
            Pro380Client.check(c);
        }
    }

    /**
     * The line {@code BAUD,PARITY} names ({@code 4800,odd}), checked against the meter's rules;
     * IllegalArgumentException with one line saying why not.
     */
    public static LineSettings target(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 2 || !parts[0].strip().matches("\\d{1,6}")) {
            throw new IllegalArgumentException("expected BAUD,PARITY, e.g. 4800,odd, got '" + text + "'");
        }
        LineSettings to = new LineSettings(Integer.parseInt(parts[0].strip()), Code.PARITY.parse(parts[1].strip()));
        try {
            check(to);
        } catch (IllegalWriteException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return to;
    }

    /** Moves every meter of {@code plan}; the link is left at the new settings. */
    public List<Outcome> run(CommissionPlan plan, Listener listener) throws ClientException {
        List<Outcome> outcomes = new ArrayList<>();
        for (CommissionPlan.Entry e : plan.entries()) {
            listener.moving(e);
            Outcome outcome = move(e);
            outcomes.add(outcome);
            listener.on(outcome);
        }
        link.changeLine(to);
        return outcomes;
    }

    private Outcome move(CommissionPlan.Entry e) throws ClientException {
        LineSettings halfway = new LineSettings(to.baud(), from.parity());
        if (whereIs(e, List.of(from, halfway, to)).isEmpty()) {
            return new Outcome.Lost(e, "it answers at id " + e.unitId() + " neither at " + from + " nor at " + to);
        }
        try {
            Pro380Client meter = new Pro380Client(link, e.unitId());
            var now = meter.read(List.of(Registers.BAUD_RATE, Registers.PARITY));
            boolean baudToGo = now.get(Registers.BAUD_RATE) != to.baud();
            boolean parityToGo = now.get(Registers.PARITY) != Code.PARITY.code(to.parity());
            if (!baudToGo && !parityToGo) {
                return new Outcome.AlreadyThere(e);
            }
            if (baudToGo) {
                meter.apply(Change.baud(to.baud()));
            }
            if (parityToGo) {
                meter.apply(Change.parity(to.parity()));
            }
        } catch (ClientException failure) {
            if (Commissioning.fatal(failure)) {
                throw failure;
            }
        }
        if (atNewSettings(e)) {
            return new Outcome.Moved(e);
        }
        return new Outcome.Lost(
                e,
                whereIs(e, List.of(from, halfway))
                        .map(s -> "it still answers at " + s)
                        .orElse("it stopped answering while moving: it answers at id " + e.unitId() + " neither at "
                                + from + ", " + halfway + " nor " + to));
    }

    /** Whether the meter answers at the new settings with its serial number and reads them back. */
    private boolean atNewSettings(CommissionPlan.Entry e) throws ClientException {
        link.changeLine(to);
        try {
            Pro380Client meter = new Pro380Client(link, e.unitId());
            var read = meter.read(List.of(Registers.SERIAL_NUMBER, Registers.BAUD_RATE, Registers.PARITY));
            return read.get(Registers.SERIAL_NUMBER) == e.serialNumber()
                    && read.get(Registers.BAUD_RATE) == to.baud()
                    && read.get(Registers.PARITY) == Code.PARITY.code(to.parity());
        } catch (ClientException failure) {
            if (Commissioning.fatal(failure)) {
                throw failure;
            }
            return false;
        }
    }

    /** The first of {@code candidates} the meter answers at with its serial number. */
    private Optional<LineSettings> whereIs(CommissionPlan.Entry e, List<LineSettings> candidates)
            throws ClientException {
        for (LineSettings s : candidates) {
            link.changeLine(s);
            try {
                if (new Pro380Client(link, e.unitId()).read(Registers.SERIAL_NUMBER) == e.serialNumber()) {
                    return Optional.of(s);
                }
            } catch (ClientException failure) {
                if (Commissioning.fatal(failure)) {
                    throw failure;
                }
            }
        }
        return Optional.empty();
    }

    private static List<Change> changes(LineSettings to) {
        return List.of(Change.baud(to.baud()), Change.parity(to.parity()));
    }
}
