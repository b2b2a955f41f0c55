package org.pro380.twin.bus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.pro380.meter.Meter;
import org.pro380.meter.MeterServer;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.ReadHoldingRegisters;
import org.pro380.protocol.UnitPdu;
import org.pro380.registers.Code;
import org.pro380.registers.Settings;
import org.pro380.registers.UnitId;
import org.pro380.twin.fault.MeterFaults;
import org.pro380.twin.fault.ReplyFaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters that share one RS485 line, and every rule of which of them answers a frame (spec
 * sections 3 and 11): a meter answers only its own unit id, only while powered, and only a
 * frame sent at the line settings it is set to; a broadcast (unit 0) write is executed by every
 * meter that hears it and answered by none; a read at unit 0 is answered by a lone meter with
 * its own id (unless broadcasts are strict) and by none on a bus of several, whose replies would
 * collide. No I/O: transports hand frames in and send what comes out. Thread-safe.
 *
 * <p>A frame goes only to the meters set to its unit id, found in an index that is rebuilt when
 * a meter's settings change (each meter tells the bus), so a request costs the same on a bus of
 * one meter as on a bus of 247.
 *
 * <p>Each meter's faults (docs/faults.md) are decided here, between the line and the meter, for
 * the meter's own replies only: an exception fault answers in the meter's place, the rest travel
 * with the {@link BusReply.Answer} for the transport to frame.
 */
public final class Bus {

    /** How a change of settings made by a frame on the bus is told in the log. */
    public static final String WRITTEN = "written over Modbus";

    private static final Logger LOG = LoggerFactory.getLogger(Bus.class);

    private static final int UNIT_IDS = 256;
    private static final Seat[] NONE = {};
    /** The faults of a meter without any: none are ever set on it. */
    private static final MeterFaults NO_FAULTS = new MeterFaults(Clock.systemUTC(), new SplittableRandom());

    private final List<MeterServer> meters;
    private final boolean strictBroadcast;
    private final BusCounters counters;
    /** Each meter's place on the bus and faults, in the order of {@link #meters}. */
    private final List<Seat> seats;
    /** The line's own faults (noise, swappedAB), for all its meters. */
    private final MeterFaults lineFaults;
    /** Meters whose wire to the bus is cut: a mirror whose source is stale, silent. */
    private final Set<Meter> cut = ConcurrentHashMap.newKeySet();

    private volatile boolean indexStale = true;
    private volatile Index index;

    public Bus(List<MeterServer> meters, boolean strictBroadcast) {
        this(meters, strictBroadcast, m -> null);
    }

    /** A bus whose meters' faults are {@code faults} (null: a meter without faults), on a line without faults. */
    public Bus(List<MeterServer> meters, boolean strictBroadcast, Function<MeterServer, MeterFaults> faults) {
        this(meters, strictBroadcast, faults, new MeterFaults(Clock.systemUTC(), new SplittableRandom()));
    }

    /** As {@link #Bus(List, boolean, Function)}, on a line whose own faults are {@code lineFaults}. */
    public Bus(
            List<MeterServer> meters,
            boolean strictBroadcast,
            Function<MeterServer, MeterFaults> faults,
            MeterFaults lineFaults) {
        this.lineFaults = java.util.Objects.requireNonNull(lineFaults, "lineFaults");
        if (meters.isEmpty()) {
            throw new IllegalArgumentException("a bus needs at least one meter");
        }
        this.meters = List.copyOf(meters);
        this.strictBroadcast = strictBroadcast;
        this.counters = new BusCounters(this.meters);
        List<Seat> seated = new ArrayList<>(this.meters.size());
        for (MeterServer m : this.meters) {
            m.meter().watchSettings(() -> indexStale = true);
            MeterFaults own = faults.apply(m);
            if (own != null) {
                own.freezeFrom(m.meter()::reading);
            }
            seated.add(new Seat(m, seated.size(), own == null ? NO_FAULTS : own));
        }
        this.seats = List.copyOf(seated);
    }

    /**
     * A meter on the bus, with what a frame for it needs at hand: its place (for the counters)
     * and its faults, looked up once rather than in a map for every frame.
     */
    private record Seat(MeterServer server, int place, MeterFaults faults) {}

    /**
     * The meters by the unit id they are set to (and the same as lists, for {@link #setTo}), and
     * the line settings most of them are set to.
     */
    private record Index(Seat[][] byUnitId, List<List<MeterServer>> setTo, LineSettings line) {}

    /** A bus of one meter, as a twin of one meter has. */
    public static Bus of(MeterServer meter, boolean strictBroadcast) {
        return new Bus(List.of(meter), strictBroadcast);
    }

    public List<MeterServer> meters() {
        return meters;
    }

    public int size() {
        return meters.size();
    }

    /** What this bus's meters were asked and answered, for the twin's /metrics. */
    public BusCounters counters() {
        return counters;
    }

    /**
     * The meters set to {@code unitId} now (more than one is a configuration error), for whom a
     * frame is: the same list until a meter's settings change.
     */
    public List<MeterServer> setTo(int unitId) {
        return index().setTo().get(unitId & 0xFF);
    }

    /** The line's own faults (docs/faults.md, line faults): the RTU transports and the gateway apply them. */
    public MeterFaults lineFaults() {
        return lineFaults;
    }

    /** Cuts {@code meter}'s wire to this bus, or mends it: a cut meter hears no frame, keeping power and memory. */
    public void cut(Meter meter, boolean cutOff) {
        if (cutOff) {
            cut.add(meter);
        } else {
            cut.remove(meter);
        }
    }

    /** A frame on a line without line settings (TCP, a pty): every meter hears it. */
    public BusReply handle(int unitId, byte[] pdu) {
        return handle(unitId, pdu, Optional.empty());
    }

    /**
     * A frame on the line; {@code heardAt} the line settings it was sent at, where a line has
     * them (a serial port): meters set to other settings do not understand it.
     */
    public BusReply handle(int unitId, byte[] pdu, Optional<LineSettings> heardAt) {
        if (unitId == UnitId.BROADCAST) {
            return broadcast(pdu, heardAt);
        }
        // no allocation but the replies: this runs for every request on the bus
        UnitPdu first = null;
        ReplyFaults firstFaults = ReplyFaults.NONE;
        List<UnitPdu> all = null;
        for (Seat seat : index().byUnitId()[unitId & 0xFF]) {
            MeterServer m = seat.server();
            if (!hears(m.meter(), unitId, heardAt)) {
                counters.countIgnored(seat.place());
            } else {
                ReplyFaults decided = seat.faults().decide(pdu);
                UnitPdu reply = decided.reshape(
                        UnitPdu.taking(unitId, counters.answered(seat.place(), answer(m, pdu, decided))));
                if (first == null) {
                    first = reply;
                    firstFaults = decided;
                } else {
                    if (all == null) {
                        all = new ArrayList<>(List.of(first));
                    }
                    all.add(reply);
                }
            }
        }
        return all != null
                ? new BusReply.Collision(all)
                : first != null ? new BusReply.Answer(first, firstFaults) : BusReply.SILENCE;
    }

    /** Whether {@code meter} takes a frame for {@code unitId} (0: any) sent at {@code heardAt}. */
    private boolean hears(Meter meter, int unitId, Optional<LineSettings> heardAt) {
        if (!meter.powered() || (!cut.isEmpty() && cut.contains(meter))) {
            return false;
        }
        Settings settings = meter.settings();
        return (unitId == UnitId.BROADCAST || settings.unitId() == unitId)
                && (heardAt.isEmpty() || heardAt.get().equals(settings.line()));
    }

    private BusReply broadcast(byte[] pdu, Optional<LineSettings> heardAt) {
        List<Seat> listening = new ArrayList<>(seats.size());
        for (Seat seat : seats) {
            if (hears(seat.server().meter(), UnitId.BROADCAST, heardAt)) {
                listening.add(seat);
            }
        }
        if (!isRead(pdu)) {
            listening.forEach(seat -> counters.answered(
                    seat.place(),
                    answer(seat.server(), pdu))); // executed by every meter that hears it, answered by none
            return BusReply.SILENCE;
        }
        if (strictBroadcast || meters.size() > 1 || listening.isEmpty()) {
            return BusReply.SILENCE;
        }
        Seat lone = listening.get(0);
        ReplyFaults decided = lone.faults().decide(pdu);
        return new BusReply.Answer(
                decided.reshape(UnitPdu.taking(
                        lone.server().meter().settings().unitId(),
                        counters.answered(lone.place(), answer(lone.server(), pdu, decided)))),
                decided);
    }

    /**
     * {@code meter}'s answer to {@code pdu}, or the exception a fault answers in its place (the
     * meter not asked); a stuck meter's read is answered from its frozen registers. A new array
     * every time, which the reply takes as its own.
     */
    private static byte[] answer(MeterServer meter, byte[] pdu, ReplyFaults decided) {
        if (decided.exception().isPresent()) {
            return ReplyFaults.exceptionPdu(pdu, decided.exception().get());
        }
        return decided.frozen().isPresent() && isRead(pdu)
                ? meter.answer(pdu, decided.frozen().get())
                : answer(meter, pdu);
    }

    /** {@code meter}'s answer to {@code pdu}; a write that changes its unit id, baud or parity is logged. */
    private static byte[] answer(MeterServer meter, byte[] pdu) {
        if (isRead(pdu)) {
            return meter.answer(pdu); // most requests: no settings to compare
        }
        Settings before = meter.meter().settings();
        byte[] answer = meter.answer(pdu);
        Settings after = meter.meter().settings();
        if (after != before) {
            logLineChange(meter, before, after);
        }
        return answer;
    }

    private static boolean isRead(byte[] pdu) {
        return pdu.length > 0 && (pdu[0] & 0xFF) == ReadHoldingRegisters.FUNCTION_CODE;
    }

    private static void logLineChange(MeterServer meter, Settings before, Settings after) {
        List<String> changes = new ArrayList<>(3);
        if (after.unitId() != before.unitId()) {
            changes.add("unit id " + before.unitId() + " -> " + after.unitId());
        }
        if (after.baud() != before.baud()) {
            changes.add("baud " + before.baud() + " -> " + after.baud());
        }
        if (after.parity() != before.parity()) {
            changes.add("parity " + name(before) + " -> " + name(after));
        }
        if (!changes.isEmpty()) {
            LOG.info(
                    "meter {}: {} ({})",
                    String.format("%08d", meter.meter().reading().identity().serialNumber()),
                    String.join(", ", changes),
                    WRITTEN);
        }
    }

    private static String name(Settings settings) {
        return Code.PARITY.text(settings.parity());
    }

    /**
     * The line settings a serial port of this bus listens at: those that most of its meters
     * are set to (ties: the first meter's). A lone meter's line follows its settings, as
     * a master that changes them follows; on a bus of several, a meter set apart goes deaf.
     */
    public LineSettings line() {
        return index().line();
    }

    private Index index() {
        Index current = index;
        return indexStale || current == null ? reindex() : current;
    }

    private synchronized Index reindex() {
        if (!indexStale && index != null) {
            return index;
        }
        indexStale = false; // a change from here on marks the new index stale again
        List<List<Seat>> byUnit = new ArrayList<>(UNIT_IDS);
        for (int id = 0; id < UNIT_IDS; id++) {
            byUnit.add(new ArrayList<>(1));
        }
        Map<LineSettings, Integer> votes = new HashMap<>();
        LineSettings line = null;
        int lineVotes = 0;
        for (Seat seat : seats) {
            Settings settings = seat.server().meter().settings();
            byUnit.get(settings.unitId() & 0xFF).add(seat);
            int v = votes.merge(settings.line(), 1, Integer::sum);
            if (v > lineVotes) {
                line = settings.line();
                lineVotes = v;
            }
        }
        LineSettings first = meters.get(0).meter().settings().line();
        if (votes.getOrDefault(first, 0) >= lineVotes) {
            line = first; // a tie goes to the first meter's settings
        }
        Seat[][] table = new Seat[UNIT_IDS][];
        List<List<MeterServer>> setTo = new ArrayList<>(UNIT_IDS);
        for (int id = 0; id < UNIT_IDS; id++) {
            table[id] = byUnit.get(id).isEmpty() ? NONE : byUnit.get(id).toArray(NONE);
            setTo.add(byUnit.get(id).stream().map(Seat::server).toList());
        }
        index = new Index(table, List.copyOf(setTo), line);
        return index;
    }
}
