package org.pro380.twin.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.pro380.meter.Meter;
import org.pro380.protocol.MalformedFrameException;
import org.pro380.protocol.MbapFrame;
import org.pro380.protocol.MbapFramer;
import org.pro380.protocol.RtuFramer;
import org.pro380.protocol.UnitPdu;

/**
 * Feeds fuzzed frames through the protocol layer (RtuFramer, MbapFramer, PduCodec) and the meter
 * server in process, each reply checked against {@link SpecOracle} and each framing against
 * {@link Framing}; after writes (and now and then anyway) the meter's writable registers are
 * compared with the oracle's.
 */
final class InProcessFuzz {

    /** The meter's Modbus side as the fuzz sees it (a MeterServer, or a broken one in a test). */
    interface Server {
        Optional<UnitPdu> handle(int unit, byte[] pdu);
    }

    private static final int STATE_CHECK_EVERY = 64;

    private final Meter meter;
    private final Server server;
    private final SpecOracle oracle;
    private final FuzzInputs inputs;
    private final Random chunking;
    private final long seed;
    private final Tally rtu = new Tally();
    private final Tally mbap = new Tally();

    InProcessFuzz(long seed, Meter meter, Server server) {
        this.seed = seed;
        this.meter = meter;
        this.server = server;
        this.oracle = FuzzMeter.oracle(meter);
        this.inputs = new FuzzInputs(seed);
        this.chunking = new Random(~seed);
    }

    Tally rtu() {
        return rtu;
    }

    Tally mbap() {
        return mbap;
    }

    /** Runs {@code count} RTU frames and as many MBAP frames, alternately. */
    void run(long count) {
        for (long i = 0; i < count; i++) {
            rtuFrame(i, inputs.rtu(oracle.ownUnit()));
            mbapFrame(i, inputs.mbap(oracle.ownUnit()));
        }
    }

    private void rtuFrame(long index, FuzzInputs.Input input) {
        rtu.frames++;
        String where = "seed " + seed + " RTU #" + index + " " + input;
        try {
            List<Framing.Frame> frames = new ArrayList<>();
            RtuFramer framer = new RtuFramer(RtuFramer.Side.REQUESTS);
            for (byte[] chunk : chunks(input.bytes())) {
                for (UnitPdu f : framer.feed(chunk, 0, chunk.length)) {
                    frames.add(new Framing.Frame(0, f.unitId(), f.pdu()));
                }
            }
            framer.silence();
            Optional<String> framing = Framing.checkRtu(input.bytes(), frames);
            if (framing.isPresent()) {
                rtu.wrong(where + ": " + framing.get());
                return;
            }
            answer(rtu, where, frames);
        } catch (RuntimeException e) {
            rtu.crash(where + ": " + e);
        }
    }

    private void mbapFrame(long index, FuzzInputs.Input input) {
        mbap.frames++;
        String where = "seed " + seed + " MBAP #" + index + " " + input;
        Framing.MbapSplit expected = Framing.splitMbap(input.bytes());
        try {
            List<Framing.Frame> frames = new ArrayList<>();
            for (MbapFrame f : new MbapFramer().feed(input.bytes(), 0, input.bytes().length)) {
                frames.add(new Framing.Frame(f.transactionId(), f.unitId(), f.pdu()));
            }
            if (expected.closed() || !frames.equals(expected.frames())) {
                mbap.wrong(where + ": framed as " + frames + ", expected " + expected);
                return;
            }
            answer(mbap, where, frames);
        } catch (MalformedFrameException e) {
            if (!expected.closed()) {
                mbap.wrong(where + ": refused (" + e.getMessage() + "), expected " + expected);
            } else {
                mbap.outcome("connection closed");
            }
        } catch (RuntimeException e) {
            mbap.crash(where + ": " + e);
        }
    }

    private void answer(Tally tally, String where, List<Framing.Frame> frames) {
        for (Framing.Frame f : frames) {
            tally.requests++;
            Optional<SpecOracle.Reply> expected = oracle.expect(f.unit(), f.pdu());
            Optional<SpecOracle.Reply> actual =
                    server.handle(f.unit(), f.pdu()).map(r -> new SpecOracle.Reply(r.unitId(), r.pdu()));
            tally.outcome(Tally.kind(expected));
            if (!expected.equals(actual)) {
                tally.wrong(where + ": " + f + " answered " + actual + ", expected " + expected);
            }
            int fc = f.pdu()[0] & 0xFF;
            boolean write = fc == SpecOracle.WRITE_SINGLE || fc == SpecOracle.WRITE_MULTIPLE;
            if ((write || tally.requests % STATE_CHECK_EVERY == 0)
                    && !FuzzMeter.writable(meter).equals(oracle.registers())) {
                tally.wrong(where + ": " + f + " left the meter at " + FuzzMeter.writable(meter) + ", expected "
                        + oracle.registers());
            }
        }
    }

    /** The bytes in 1 to 3 chunks, as a stream may deliver them. */
    private List<byte[]> chunks(byte[] b) {
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        int cuts = chunking.nextInt(3);
        for (int i = 0; i < cuts && b.length - from > 1; i++) {
            int to = from + 1 + chunking.nextInt(b.length - from - 1);
            chunks.add(Arrays.copyOfRange(b, from, to));
            from = to;
        }
        chunks.add(Arrays.copyOfRange(b, from, b.length));
        return chunks;
    }
}
