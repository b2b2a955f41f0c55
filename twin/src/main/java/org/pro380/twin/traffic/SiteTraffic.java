package org.pro380.twin.traffic;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.pro380.meter.MeterServer;
import org.pro380.protocol.Crc16;
import org.pro380.protocol.MbapCodec;
import org.pro380.registers.UnitId;
import org.pro380.twin.bus.Bus;
import org.pro380.twin.bus.Gateway;
import org.pro380.twin.capture.Direction;
import org.pro380.twin.capture.Link;
import org.pro380.twin.capture.Recorder;
import org.pro380.twin.capture.Tap;
import org.pro380.twin.traffic.TransportKind.Framing;

/**
 * Every meter's {@link TrafficLog}, fed at the capture's tap point: each transport's tap records
 * into the capture (if any) and into the logs of the meters a frame is for. A request goes to the
 * meters set to its unit id (a broadcast to all of the bus), its reply to the meters of the request
 * it answers (matched by transaction id on Modbus TCP, the last request on an RTU line), so a
 * reply with a wrong unit id is still its meter's.
 */
public final class SiteTraffic {

    private static final int TRANSACTIONS_KEPT = 64;
    private static final byte[] NONE = new byte[0];

    private final Function<MeterServer, TrafficLog> logs;
    private final Clock clock;
    /** Now in microseconds since the epoch, for the frames the logs keep. */
    private final LongSupplier now;

    /** @param clock wall time for the frames' stamps */
    public SiteTraffic(Function<MeterServer, TrafficLog> logs, Clock clock) {
        this.logs = Objects.requireNonNull(logs, "logs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.now = () -> ChronoUnit.MICROS.between(Instant.EPOCH, this.clock.instant());
    }

    /** The recorder for {@code kind}'s links on {@code bus}: into {@code capture} and the meters' logs. */
    public Recorder recorder(Bus bus, TransportKind kind, Recorder capture) {
        HeardBy[] byUnit = new HeardBy[256];
        return link -> new MeterTap(bus, kind, name(link), capture.tap(link), byUnit);
    }

    private static String name(Link link) {
        if (link instanceof Link.Tcp tcp) {
            InetSocketAddress peer = tcp.peer();
            return peer == null ? "" : peer.getHostString() + ":" + peer.getPort();
        }
        return ((Link.Serial) link).device();
    }

    /** A request on its way to its meters' logs: which logs, and its PDU for the reply's decoding. */
    private record Request(List<TrafficLog> logs, byte[] pdu) {}

    /**
     * The logs of the meters a unit id is for, as {@link Bus#setTo} gave them: looked up again
     * only when the bus gives other meters (a meter's unit id changed).
     */
    private record HeardBy(List<MeterServer> meters, List<TrafficLog> logs) {}

    /**
     * The requests of the last {@value #TRANSACTIONS_KEPT} transaction ids heard on a Modbus TCP
     * link, by id, for their replies; a request with an id already kept takes its place.
     * Without boxing: it runs for every request.
     */
    private static final class Transactions {
        private final int[] ids = new int[TRANSACTIONS_KEPT];
        private final Request[] requests = new Request[TRANSACTIONS_KEPT];
        /** The slot the next new id goes to: the oldest. */
        private int next;

        synchronized void put(int id, Request request) {
            int at = find(id);
            if (at < 0) {
                at = next;
                ids[at] = id;
                next = (next + 1) % TRANSACTIONS_KEPT;
            }
            requests[at] = request;
        }

        synchronized Request remove(int id) {
            int at = find(id);
            if (at < 0) {
                return null;
            }
            Request request = requests[at];
            requests[at] = null;
            return request;
        }

        private int find(int id) {
            for (int i = 0; i < TRANSACTIONS_KEPT; i++) {
                if (ids[i] == id && requests[i] != null) {
                    return i;
                }
            }
            return -1;
        }
    }

    private final class MeterTap implements Tap {
        private final Bus bus;
        private final TransportKind kind;
        private final String link;
        private final Tap capture;
        /** Shared by the links of a bus and transport (any thread): a record, read or replaced whole. */
        private final HeardBy[] byUnit;

        private final Transactions byTransaction = new Transactions();
        private volatile Request last;

        MeterTap(Bus bus, TransportKind kind, String link, Tap capture, HeardBy[] byUnit) {
            this.bus = bus;
            this.kind = kind;
            this.link = link;
            this.capture = capture;
            this.byUnit = byUnit;
        }

        @Override
        public void record(Direction direction, byte[] bytes) {
            if (direction == Direction.IN) {
                capture.record(direction, bytes);
                heard(bytes);
            } else {
                List<String> faults = sent(bytes);
                capture.record(direction, bytes, faults.isEmpty() ? "" : String.join(",", faults));
            }
        }

        private void heard(byte[] bytes) {
            boolean mbap = kind.framing() == Framing.MBAP;
            int unitAt = mbap ? MbapCodec.HEADER - 1 : 0;
            if (bytes.length <= unitAt) {
                return;
            }
            boolean crcBad = !mbap && (bytes.length < 4 || !Crc16.endsWithValidCrc(bytes, 0, bytes.length));
            List<TrafficLog> heardBy = logs(bytes[unitAt] & 0xFF, mbap);
            for (int i = 0; i < heardBy.size(); i++) {
                heardBy.get(i).heard(now, kind, link, bytes, crcBad);
            }
            Request request = new Request(heardBy, pdu(bytes, mbap));
            if (mbap && bytes.length >= 2) {
                byTransaction.put(transaction(bytes), request);
            }
            last = request;
        }

        /** The logs of the meters a frame for {@code unit} is for. */
        private List<TrafficLog> logs(int unit, boolean mbap) {
            List<MeterServer> meters = meters(unit, mbap);
            HeardBy known = byUnit[unit];
            if (known == null || known.meters() != meters) {
                known = new HeardBy(meters, logs(meters));
                byUnit[unit] = known;
            }
            return known.logs();
        }

        /** The logs of {@code meters} (a meter of no site has none): mostly one, for a request to one meter. */
        private List<TrafficLog> logs(List<MeterServer> meters) {
            if (meters.size() == 1) {
                TrafficLog log = logs.apply(meters.get(0));
                return log == null ? List.of() : List.of(log);
            }
            List<TrafficLog> heardBy = new ArrayList<>(meters.size());
            for (MeterServer m : meters) {
                TrafficLog log = logs.apply(m);
                if (log != null) {
                    heardBy.add(log);
                }
            }
            return List.copyOf(heardBy);
        }

        /** Records a reply in its meters' logs; the faults applied to it. */
        private List<String> sent(byte[] bytes) {
            Request request = last;
            if (kind.framing() == Framing.MBAP && bytes.length >= 2) {
                request = byTransaction.remove(transaction(bytes));
            }
            List<String> faults = List.of();
            if (request != null) {
                for (int i = 0; i < request.logs().size(); i++) {
                    TrafficLog log = request.logs().get(i);
                    List<String> applied = log.sent(now, kind, link, bytes, request.pdu());
                    faults = applied.isEmpty() ? faults : applied;
                }
            }
            return faults;
        }

        private List<MeterServer> meters(int unit, boolean mbap) {
            if (unit == UnitId.BROADCAST) {
                return bus.meters();
            }
            if (mbap && unit == Gateway.DIRECT) {
                return bus.size() == 1 ? bus.meters() : List.of();
            }
            return bus.setTo(unit);
        }

        @Override
        public boolean on() {
            return true;
        }
    }

    private static int transaction(byte[] mbap) {
        return (mbap[0] & 0xFF) << 8 | mbap[1] & 0xFF;
    }

    private static byte[] pdu(byte[] bytes, boolean mbap) {
        if (mbap) {
            return bytes.length > MbapCodec.HEADER ? Arrays.copyOfRange(bytes, MbapCodec.HEADER, bytes.length) : NONE;
        }
        return bytes.length > 3 ? Arrays.copyOfRange(bytes, 1, bytes.length - 2) : NONE;
    }
}
