package org.pro380.twin.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.pro380.meter.Load;
import org.pro380.meter.MeterReading;
import org.pro380.meter.PhaseLoad;
import org.pro380.meter.RegisterAccessException;
import org.pro380.registers.DataType;
import org.pro380.registers.Meaning;
import org.pro380.registers.Phase;
import org.pro380.registers.Register;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.TwinStartException;

/**
 * A twin on loopback for one interop test, with a load whose every phase differs (so a swapped
 * phase or word cannot pass) and meter time running an hour per real second (so energy visibly
 * rises between two reads).
 */
final class InteropTwin implements AutoCloseable {

    /** Meter seconds per real second. */
    static final double TIME_SCALE = 3600;

    /**
     * L1 imports inductively, L2 imports capacitively, L3 exports: every sign, direction and
     * quadrant differs between phases.
     */
    static final Load LOAD = new Load(
            49.75,
            List.of(
                    new PhaseLoad(231.5, 16.0, 0.95, false, false),
                    new PhaseLoad(228.75, 8.5, 0.8, false, true),
                    new PhaseLoad(233.25, 4.25, 0.9, true, false)));

    private static final Duration RISE_WAIT = Duration.ofSeconds(10);

    private final Twin twin;

    private InteropTwin(Twin twin) {
        this.twin = twin;
    }

    /** Modbus TCP, RTU over TCP and HTTP on free loopback ports, plus whatever {@code extra} adds. */
    static InteropTwin start(Path stateDir, UnaryOperator<TwinConfig.Builder> extra) throws TwinStartException {
        TwinConfig config = extra.apply(TwinConfig.forTests(stateDir)
                        .timeScale(TIME_SCALE)
                        // registers show saved energy: a save every 50 ms (real) lets it rise between two reads
                        .saveInterval(Duration.ofSeconds(180))
                        .initialLoad(LOAD))
                .build();
        return new InteropTwin(Twin.start(config));
    }

    static InteropTwin start(Path stateDir) throws TwinStartException {
        return start(stateDir, b -> b);
    }

    Twin twin() {
        return twin;
    }

    MeterReading reading() {
        return twin.meter(1).meter().reading();
    }

    /**
     * Waits until every one of {@code counters} has risen from its value in {@code from} by more
     * than 6 printed digits can blur (so a poll from now on must read more than one at
     * {@code from}); fails after 10 s.
     */
    void awaitRise(MeterReading from, Register<?>... counters) throws InterruptedException {
        long deadline = System.nanoTime() + RISE_WAIT.toNanos();
        while (!risen(from, reading(), counters)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("energy did not rise within " + RISE_WAIT + ": " + List.of(counters));
            }
            Thread.sleep(5);
        }
    }

    private static boolean risen(MeterReading from, MeterReading now, Register<?>[] counters) {
        for (Register<?> c : counters) {
            if (!(f32(now, c) > f32(from, c) * (1 + 4 * Expect.PRINTED_RELATIVE))) {
                return false;
            }
        }
        return true;
    }

    int unitId() {
        return twin.meter(1).meter().settings().unitId();
    }

    InetSocketAddress tcp() {
        return loopback(twin.tcpAddress(), "Modbus TCP");
    }

    InetSocketAddress rtuTcp() {
        return loopback(twin.rtuTcpAddress(), "RTU over TCP");
    }

    private static InetSocketAddress loopback(Optional<InetSocketAddress> address, String what) {
        assertThat(address).as("%s listener", what).isPresent();
        assertThat(address.get().getAddress().isLoopbackAddress())
                .as("%s on loopback", what)
                .isTrue();
        return address.get();
    }

    /** The raw words the meter holds now, read as a Modbus read would (not over a transport). */
    int[] words(int address, int quantity) {
        try {
            return twin.meter(1).meter().read(address, quantity);
        } catch (RegisterAccessException e) {
            throw new AssertionError("the meter refuses its own read of " + quantity + " at " + hex(address), e);
        }
    }

    /** The raw words of one register now. */
    int[] words(Register<?> register) {
        return words(register.address(), register.words());
    }

    /** What an f32 register holds now, as the float on the wire. */
    static double f32(MeterReading reading, Register<?> register) {
        assertThat(register.type()).as("%s", register).isSameAs(DataType.F32);
        return (float) (double) (Double) reading.value(register);
    }

    /**
     * The value of an instantaneous register computed from {@link #LOAD} alone, by spec section 9,
     * without the meter model: a second opinion for voltage, frequency, current and per-phase
     * active and apparent power. Empty for the others.
     */
    static Optional<Double> fromLoad(Register<?> register) {
        if (!(register.meaning() instanceof Meaning.Measured m)) {
            return Optional.empty();
        }
        if (m.quantity() == Meaning.Quantity.FREQUENCY) {
            return Optional.of(LOAD.frequency());
        }
        Optional<Phase> phase = m.scope().phase();
        if (phase.isEmpty()) {
            return Optional.empty();
        }
        PhaseLoad p = LOAD.phase(phase.get());
        double sign = p.export() ? -1 : 1;
        return switch (m.quantity()) {
            case VOLTAGE -> Optional.of(p.voltage());
            case CURRENT -> Optional.of(sign * p.current());
            case ACTIVE_POWER -> Optional.of(sign * p.voltage() * p.current() * p.powerFactor() / 1000);
            case APPARENT_POWER -> Optional.of(p.voltage() * p.current() / 1000);
            default -> Optional.empty();
        };
    }

    static String hex(int address) {
        return String.format("0x%04X", address);
    }

    @Override
    public void close() {
        twin.close();
    }
}
