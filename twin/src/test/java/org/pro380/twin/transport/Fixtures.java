package org.pro380.twin.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.pro380.meter.Load;
import org.pro380.meter.Meter;
import org.pro380.meter.MeterServer;
import org.pro380.meter.PhaseLoad;
import org.pro380.meter.StoredState;
import org.pro380.protocol.Hex;
import org.pro380.protocol.RtuCodec;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;
import org.pro380.twin.bus.Bus;

/** A meter at 16 A per phase, the spec's wire check, and small helpers. */
final class Fixtures {

    /** Spec section 2: read the three phase currents. */
    static final byte[] READ_CURRENTS = Hex.parse("01 03 50 0c 00 06 14 cb");
    /** Spec section 2: the answer with 16 A on every phase. */
    static final byte[] CURRENTS_16A = Hex.parse("01 03 0c 41 80 00 00 41 80 00 00 41 80 00 00 97 ae");
    /** The PDU of the wire check's request and of its reply. */
    static final String READ_CURRENTS_PDU = "03 50 0c 00 06";

    static final String CURRENTS_16A_PDU = "03 0c 41 80 00 00 41 80 00 00 41 80 00 00";

    private Fixtures() {}

    /** A factory-new meter (unit 1, 9600 8E1), powered on, 16 A on each phase. */
    static Bus bus() {
        return bus(null);
    }

    /** The same meter, showing {@code faults} (null: none). */
    static Bus bus(org.pro380.twin.fault.MeterFaults faults) {
        return bus(faults, noFaults());
    }

    /** The same meter on a line showing {@code lineFaults}. */
    static Bus bus(org.pro380.twin.fault.MeterFaults faults, org.pro380.twin.fault.MeterFaults lineFaults) {
        Clock clock = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
        PhaseLoad phase = PhaseLoad.importing(230, 16, 1);
        Meter meter = new Meter(clock, Identity.typical(), new Load(50, List.of(phase, phase, phase)));
        meter.powerOn(StoredState.factoryNew(Settings.factory()), Optional.empty());
        return new Bus(List.of(new MeterServer(meter)), false, m -> faults, lineFaults);
    }

    /** Faults on a fixed clock with a seeded generator: {@code json} as the control API takes it. */
    static org.pro380.twin.fault.MeterFaults faults(String json) {
        var faults = noFaults();
        faults.replace(org.pro380.twin.fault.FaultJson.read(tree(json)));
        return faults;
    }

    /** A line's faults (noise, swappedAB), as {@code PUT /api/buses/{b}/faults} takes them. */
    static org.pro380.twin.fault.MeterFaults lineFaults(String json) {
        var faults = noFaults();
        faults.replace(org.pro380.twin.fault.FaultJson.readLine(tree(json)));
        return faults;
    }

    private static org.pro380.twin.fault.MeterFaults noFaults() {
        return new org.pro380.twin.fault.MeterFaults(
                Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC),
                new java.util.SplittableRandom(380));
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] rtu(int unitId, String pdu) {
        return RtuCodec.encode(unitId, Hex.parse(pdu));
    }

    static EventLoopGroup eventLoops() {
        return new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    static void shutDown(EventLoopGroup group) {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Waits up to {@code millis} for {@code condition}; returns whether it came true. */
    static boolean eventually(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
