package org.pro380.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.client.HostPort;
import org.pro380.meter.Load;
import org.pro380.meter.NvCodec;
import org.pro380.meter.NvCopy;
import org.pro380.meter.PhaseLoad;
import org.pro380.meter.StoredState;
import org.pro380.meter.Wiring;
import org.pro380.protocol.Hex;
import org.pro380.registers.Phase;
import org.pro380.twin.bus.Bus;
import org.pro380.twin.bus.BusReply;
import org.pro380.twin.fault.Fault;
import org.pro380.twin.fault.FaultFlag;

/**
 * Faults given with {@code --fault} reach the meter or bus they were given to at start, and stay
 * there: never in another meter of the bus, and never in a meter's non-volatile memory.
 */
class FaultsStayOutTest {

    /** Every reply fault under which the meter still takes the request (an exception does not; a delay would only slow the run). */
    private static final List<String> TAKEN = Fault.NAMES.stream()
            .filter(name -> !List.of("delay", "exception").contains(name))
            .toList();

    private static final byte[] READ_ENERGY = Hex.parse("03 60 00 00 02");
    private static final byte[] READ_SERIAL = Hex.parse("03 40 00 00 02");
    /** The LCD's cycle time (0x4010, BCD) to 25 s. */
    private static final byte[] WRITE_CYCLE_25 = Hex.parse("06 40 10 00 25");

    /** No current: the energy a memory holds cannot differ by when it was saved. */
    private static final Load NO_CURRENT = new Load(
            50,
            List.of(PhaseLoad.importing(230, 0, 1), PhaseLoad.importing(230, 0, 1), PhaseLoad.importing(230, 0, 1)));

    @TempDir
    Path dir;

    private TwinConfig.Builder config(Path state, List<String> faults) {
        return TwinConfig.builder(state)
                .tcp(HostPort.loopback(0))
                .http(null)
                .initialLoad(NO_CURRENT)
                .saveInterval(Duration.ofDays(3650))
                .faults(faults.stream().map(FaultFlag::parse).toList());
    }

    @Test
    void aMetersFaultsNeverReachAnotherMeterOfItsBus() throws Exception {
        List<String> faults = TAKEN.stream().map(f -> "meter=1:" + f).toList();
        try (Twin twin = Twin.start(
                config(dir.resolve("site"), faults).meters(2).busSize(2).build())) {
            Bus bus = twin.buses().get(0);
            assertThat(twin.meter(1).faults().active()).hasSize(TAKEN.size());
            assertThat(twin.meter(2).faults().active()).isEmpty();

            BusReply.Answer healthy = (BusReply.Answer) bus.handle(2, READ_SERIAL);

            assertThat(healthy.faults().none()).isTrue();
            assertThat(healthy.reply().unitId()).isEqualTo(2);
            assertThat(((BusReply.Answer) bus.handle(1, READ_SERIAL)).faults().none())
                    .isFalse();
        }
    }

    @Test
    void aFaultyMetersMemoryHoldsWhatTheSameMeterWithoutFaultsHolds() throws Exception {
        StoredState clean = runAndReadMemory(dir.resolve("clean"), List.of());
        StoredState faulty = runAndReadMemory(dir.resolve("faulty"), TAKEN);

        assertThat(faulty).isEqualTo(clean);
        assertThat(faulty.settings().lcdCycleSeconds()).isEqualTo(25); // the write went through the faults
    }

    /**
     * Runs a twin with {@code faults}, sends it what a master would (reads, a write), saves, and
     * reads both copies from the disk while it still runs: what a crash leaves behind.
     */
    private StoredState runAndReadMemory(Path state, List<String> faults) throws Exception {
        try (Twin twin = Twin.start(config(state, faults).build())) {
            Bus bus = twin.buses().get(0);
            for (byte[] request : List.of(READ_ENERGY, WRITE_CYCLE_25, READ_SERIAL, READ_ENERGY)) {
                bus.handle(1, request);
            }
            twin.save();
            StoredState main = stored(state.resolve("main.nv"));
            assertThat(stored(state.resolve("backup.nv"))).isEqualTo(main);
            return main;
        }
    }

    private static StoredState stored(Path file) throws IOException {
        NvCopy copy = NvCodec.decode(Files.readAllBytes(file));
        assertThat(copy).as("%s", file).isInstanceOf(NvCopy.Intact.class);
        return ((NvCopy.Intact) copy).state();
    }

    @Test
    void lineAndWiringFaultsFromFlagsReachTheirBusAndMeterAtStart() throws Exception {
        List<String> faults = List.of("bus=2:noise=0.1,zero", "meter=3:reversedCt=L2", "lostNeutral");
        try (Twin twin = Twin.start(
                config(dir.resolve("flags"), faults).meters(4).busSize(2).build())) {
            assertThat(twin.buses().get(0).lineFaults().active()).isEmpty();
            assertThat(twin.buses().get(1).lineFaults().active())
                    .singleElement()
                    .satisfies(s -> assertThat(s.rule().probability()).isEqualTo(0.1));
            assertThat(twin.meter(3).meter().wiring()).isEqualTo(new Wiring(Set.of(Phase.L2), Set.of(), true));
            assertThat(twin.meter(1).meter().wiring()).isEqualTo(new Wiring(Set.of(), Set.of(), true));
        }
    }
}
