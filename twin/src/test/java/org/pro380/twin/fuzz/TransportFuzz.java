package org.pro380.twin.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.pro380.meter.Meter;
import org.pro380.protocol.ExceptionCode;
import org.pro380.protocol.RtuFramer;
import org.pro380.protocol.UnitPdu;

/**
 * The fuzz over a running twin's real transports on loopback: each fuzzed frame goes out on a
 * connection of its own, which the client then half-closes; what comes back before the twin
 * closes its side is compared with what the spec requires.
 *
 * <p>The expected replies come from {@link SpecOracle}; which requests a fuzzed RTU stream holds
 * comes from the protocol layer's RtuFramer, itself checked against {@link Framing} (the in-process
 * fuzz checks both in depth). The data of a read is the meter's, read directly before the frame
 * is sent or, where the same frame also writes, after the reply.
 *
 * <p>A crash is a connection the twin breaks when the spec does not say so (refused, reset, no
 * end within the timeout) or a twin that stops answering a plain read.
 */
final class TransportFuzz {

    private static final int TIMEOUT_MILLIS = 5000;
    private static final int DIRECT_UNIT = 255;

    private final Meter meter;
    private final FuzzInputs inputs;
    private final long seed;
    private SpecOracle oracle;

    TransportFuzz(long seed, Meter meter) {
        this.seed = seed;
        this.meter = meter;
        this.inputs = new FuzzInputs(seed);
        this.oracle = FuzzMeter.oracle(meter);
    }

    /** A request, the reply the spec requires (null: none) and, for a read, where it read. */
    private record Exchange(Framing.Frame request, byte[] reply) {}

    /** What came back on one connection. */
    private record Received(byte[] bytes, boolean reset) {}

    void modbusTcp(InetSocketAddress twin, long count, Tally tally) throws IOException {
        for (long i = 0; i < count; i++) {
            FuzzInputs.Input input = inputs.mbap(oracle.ownUnit());
            String where = "seed " + seed + " Modbus TCP #" + i + " " + input;
            tally.frames++;
            Framing.MbapSplit split = Framing.splitMbap(input.bytes());
            List<Exchange> expected = new ArrayList<>();
            for (Framing.Frame f : split.frames()) {
                boolean direct = f.unit() == DIRECT_UNIT;
                Optional<SpecOracle.Reply> reply = oracle.expect(direct ? oracle.ownUnit() : f.unit(), f.pdu());
                tally.outcome(Tally.kind(reply));
                expected.add(new Exchange(
                        f,
                        reply.map(r -> Bytes.mbap(f.transaction(), direct ? DIRECT_UNIT : r.unit(), r.pdu()))
                                .or(() -> gatewayNoReply(f))
                                .orElse(null)));
            }
            Optional<Received> received = exchange(twin, input.bytes(), where, tally);
            if (received.isEmpty()) {
                continue;
            }
            tally.requests += expected.size();
            if (split.closed()) {
                tally.outcome("connection closed");
                // every frame before the bad header is answered before the close, as in separate segments
                if (!matches(received.get().bytes(), expected, 7)) {
                    tally.wrong(where + ": got " + Bytes.hex(received.get().bytes()) + " before the close, expected "
                            + describe(expected));
                }
            } else if (received.get().reset()) {
                tally.crash(where + ": the connection was reset");
            } else if (!matches(received.get().bytes(), expected, 7)) {
                tally.wrong(where + ": got " + Bytes.hex(received.get().bytes()) + ", expected " + describe(expected));
            }
        }
    }

    /**
     * A Modbus TCP port is a gateway (spec section 11): a request no meter answers gets exception
     * 0x0B at once (the twin's default gateway timeout), a broadcast nothing.
     */
    private static Optional<byte[]> gatewayNoReply(Framing.Frame f) {
        if (f.unit() == 0) {
            return Optional.empty();
        }
        int function = f.pdu().length > 0 ? f.pdu()[0] & 0x7F : 0;
        byte[] pdu = {(byte) (function | 0x80), (byte) ExceptionCode.GATEWAY_TARGET_FAILED_TO_RESPOND.code()};
        return Optional.of(Bytes.mbap(f.transaction(), f.unit(), pdu));
    }

    void rtuOverTcp(InetSocketAddress twin, long count, Tally tally) throws IOException {
        for (long i = 0; i < count; i++) {
            FuzzInputs.Input input = inputs.rtu(oracle.ownUnit());
            String where = "seed " + seed + " RTU over TCP #" + i + " " + input;
            tally.frames++;
            RtuFramer framer = new RtuFramer(RtuFramer.Side.REQUESTS);
            List<Framing.Frame> frames = new ArrayList<>();
            for (UnitPdu f : framer.feed(input.bytes(), 0, input.bytes().length)) {
                frames.add(new Framing.Frame(0, f.unitId(), f.pdu()));
            }
            Optional<String> framing = Framing.checkRtu(input.bytes(), frames);
            if (framing.isPresent()) {
                tally.wrong(where + ": " + framing.get());
            }
            List<Exchange> expected = new ArrayList<>();
            for (Framing.Frame f : frames) {
                Optional<SpecOracle.Reply> reply = oracle.expect(f.unit(), f.pdu());
                tally.outcome(Tally.kind(reply));
                expected.add(new Exchange(
                        f, reply.map(r -> Bytes.rtu(r.unit(), r.pdu())).orElse(null)));
            }
            Optional<Received> received = exchange(twin, input.bytes(), where, tally);
            if (received.isEmpty()) {
                continue;
            }
            tally.requests += expected.size();
            if (received.get().reset()) {
                tally.crash(where + ": the connection was reset");
            } else if (!matches(received.get().bytes(), expected, 1)) {
                tally.wrong(where + ": got " + Bytes.hex(received.get().bytes()) + ", expected " + describe(expected));
            }
        }
    }

    /** Sends {@code bytes} on a new connection, half-closes it and reads to the end; empty after a crash. */
    private Optional<Received> exchange(InetSocketAddress twin, byte[] bytes, String where, Tally tally) {
        try (Socket socket = new Socket()) {
            socket.connect(twin, TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            socket.getOutputStream().write(bytes);
            socket.shutdownOutput();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[1024];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    got.write(buf, 0, n);
                }
            } catch (SocketException e) {
                return Optional.of(new Received(got.toByteArray(), true));
            }
            return Optional.of(new Received(got.toByteArray(), false));
        } catch (IOException e) {
            tally.crash(where + ": " + e);
            return Optional.empty();
        }
    }

    /** Whether {@code got} is exactly the expected replies, in order. */
    private boolean matches(byte[] got, List<Exchange> expected, int dataOffset) {
        int at = 0;
        for (Exchange e : expected) {
            if (e.reply() == null) {
                continue;
            }
            if (at + e.reply().length > got.length
                    || !sameReply(Arrays.copyOfRange(got, at, at + e.reply().length), e, dataOffset)) {
                return false;
            }
            at += e.reply().length;
        }
        return at == got.length;
    }

    /**
     * The reply is the expected one; for a read whose data a write of the same stream may have
     * changed since the oracle read it, the data may also be the meter's now.
     */
    private boolean sameReply(byte[] got, Exchange e, int pduOffset) {
        if (Arrays.equals(got, e.reply())) {
            return true;
        }
        byte[] pdu = e.request().pdu();
        boolean read = pdu.length == 5 && pdu[0] == SpecOracle.READ && (e.reply()[pduOffset] & 0x80) == 0;
        if (!read) {
            return false;
        }
        int[] now = FuzzMeter.read(meter, Bytes.u16(pdu, 1), Bytes.u16(pdu, 3));
        byte[] alternative = e.reply().clone();
        for (int i = 0; i < now.length; i++) {
            alternative[pduOffset + 2 + 2 * i] = (byte) (now[i] >> 8);
            alternative[pduOffset + 3 + 2 * i] = (byte) now[i];
        }
        if (pduOffset == 1) {
            Bytes.withCrc(alternative);
        }
        return Arrays.equals(got, alternative);
    }

    private static String describe(List<Exchange> expected) {
        return expected.stream()
                .map(e -> e.request() + " -> " + (e.reply() == null ? "nothing" : Bytes.hex(e.reply())))
                .toList()
                .toString();
    }
}
