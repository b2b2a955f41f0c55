package org.pro380.twin.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pro380.meter.Load;
import org.pro380.meter.Meter;
import org.pro380.meter.MeterServer;
import org.pro380.meter.PhaseLoad;
import org.pro380.meter.StoredState;
import org.pro380.protocol.Hex;
import org.pro380.registers.Identity;
import org.pro380.registers.Registers;
import org.pro380.registers.Settings;
import org.pro380.twin.bus.Bus;
import org.pro380.twin.bus.BusReply;
import org.pro380.twin.transport.CapturedLog;

/** One mirrored meter on a clock the test moves: fresh values, staleness in each mode, malformed messages. */
class MirrorTest {

    private static final Load CONFIGURED = Load.household();
    /** 230 V x 10 A at power factor 1 on L1 only: 2.3 kW. */
    private static final Load MIRRORED = new Load(
            50,
            List.of(PhaseLoad.importing(230, 10, 1), PhaseLoad.importing(231, 0, 1), PhaseLoad.importing(232, 0, 1)));
    /** Read the L1 voltage (0x5002, 2 registers). */
    private static final byte[] READ_VOLTAGE = Hex.parse("03 50 02 00 02");

    private final MutableClock clock = new MutableClock();
    private final Meter meter = new Meter(clock, Identity.typical(), CONFIGURED);
    private final Bus bus = Bus.of(new MeterServer(meter), false);
    private Mirror mirror;

    MirrorTest() {
        meter.powerOn(StoredState.factoryNew(Settings.factory()), Optional.empty());
    }

    @AfterEach
    void release() {
        if (mirror != null) {
            mirror.release();
        }
    }

    private Mirror mirror(StaleMode mode) {
        mirror = new Mirror(
                1,
                meter,
                SourceSpec.of("mqtt://127.0.0.1:1883/site/meter")
                        .withOnStale(mode)
                        .withStaleAfter(Duration.ofSeconds(10)),
                cut -> bus.cut(meter, cut),
                clock);
        return mirror;
    }

    @Test
    void aSilentMirrorAnswersNothingUntilItsFirstValueAndAgainOnceItIsStale() {
        try (CapturedLog log = CapturedLog.start()) {
            mirror(StaleMode.SILENT);
            assertThat(bus.handle(1, READ_VOLTAGE)).isEqualTo(BusReply.SILENCE);
            assertThat(mirror.state().stale()).isTrue();

            mirror.loaded(MIRRORED);
            assertThat(bus.handle(1, READ_VOLTAGE)).isInstanceOf(BusReply.Answer.class);
            assertThat(meter.load()).isEqualTo(MIRRORED);

            clock.advance(Duration.ofMillis(9_999));
            mirror.check();
            assertThat(mirror.state().stale()).isFalse();
            assertThat(mirror.state().lastValueAge()).contains(Duration.ofMillis(9_999));
            clock.advance(Duration.ofMillis(1));
            mirror.check();
            mirror.check();
            assertThat(mirror.state().stale()).isTrue();
            assertThat(bus.handle(1, READ_VOLTAGE)).isEqualTo(BusReply.SILENCE);
            assertThat(meter.powered()).isTrue();

            mirror.loaded(MIRRORED);
            assertThat(bus.handle(1, READ_VOLTAGE)).isInstanceOf(BusReply.Answer.class);
            assertThat(log.text().lines().filter(l -> l.contains("stale (no fresh value for 10000 ms)")))
                    .hasSize(1);
            assertThat(log.text().lines().filter(l -> l.contains("fresh value, mirroring again")))
                    .hasSize(2);
        }
    }

    @Test
    void aZeroMirrorAnswersWithNoCurrentAtTheLastVoltage() {
        try (CapturedLog log = CapturedLog.start()) {
            mirror(StaleMode.ZERO);
            mirror.loaded(MIRRORED);
            clock.advance(Duration.ofSeconds(10));
            mirror.check();
            assertThat(bus.handle(1, READ_VOLTAGE)).isInstanceOf(BusReply.Answer.class);
            assertThat(meter.load().phases()).extracting(PhaseLoad::current).containsExactly(0.0, 0.0, 0.0);
            assertThat(meter.load().phases()).extracting(PhaseLoad::voltage).containsExactly(230.0, 231.0, 232.0);
            assertThat(log.text()).contains("answering with no current");
        }
    }

    @Test
    void aHoldMirrorKeepsTheLastValue() {
        try (CapturedLog log = CapturedLog.start()) {
            mirror(StaleMode.HOLD);
            mirror.loaded(MIRRORED);
            clock.advance(Duration.ofMinutes(5));
            mirror.check();
            assertThat(mirror.state().stale()).isTrue();
            assertThat(meter.load()).isEqualTo(MIRRORED);
            assertThat(bus.handle(1, READ_VOLTAGE)).isInstanceOf(BusReply.Answer.class);
        }
    }

    @Test
    void malformedMessagesAreCountedNeverAppliedAndLoggedOnceAMinute() {
        try (CapturedLog log = CapturedLog.start()) {
            mirror(StaleMode.SILENT);
            mirror.loaded(MIRRORED);
            mirror.malformed("not JSON: x");
            mirror.malformed("phases: expected 3");
            clock.advance(Duration.ofSeconds(59));
            mirror.malformed("still bad");
            assertThat(log.text().lines().filter(l -> l.contains("malformed"))).hasSize(1);
            clock.advance(Duration.ofSeconds(1));
            mirror.malformed("bad again");
            assertThat(log.text().lines().filter(l -> l.contains("malformed"))).hasSize(2);
            assertThat(log.text()).contains("3 malformed message(s) not applied, the last: bad again");
            assertThat(mirror.state().malformed()).isEqualTo(4);
            assertThat(mirror.state().lastMalformed()).contains("bad again");
            assertThat(meter.load()).isEqualTo(MIRRORED);
        }
    }

    @Test
    void energyIntegratesFromTheMirroredLoad() throws Exception {
        try (CapturedLog log = CapturedLog.start()) {
            mirror(StaleMode.HOLD);
            double before = (Double) meter.reading().value(Registers.FORWARD_ACTIVE_ENERGY_L1);
            mirror.loaded(MIRRORED);
            clock.advance(Duration.ofHours(1));
            double after = (Double) meter.reading().value(Registers.FORWARD_ACTIVE_ENERGY_L1);
            assertThat(after - before).isCloseTo(2.3, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void connectionChangesAreLoggedOnce() {
        try (CapturedLog log = CapturedLog.start()) {
            mirror(StaleMode.SILENT);
            mirror.connected(true);
            mirror.connected(true);
            mirror.connected(false);
            assertThat(log.text().lines().filter(l -> l.endsWith(": connected")))
                    .hasSize(1);
            assertThat(log.text().lines().filter(l -> l.endsWith(": disconnected")))
                    .hasSize(1);
            assertThat(mirror.state().connected()).isFalse();
        }
    }
}
