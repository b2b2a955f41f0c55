package org.pro380.twin.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pro380.meter.Load;
import org.pro380.meter.ManualClock;
import org.pro380.meter.Meter;
import org.pro380.meter.MeterServer;
import org.pro380.meter.StoredState;
import org.pro380.protocol.Hex;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;
import org.pro380.twin.fault.FaultJson;
import org.pro380.twin.fault.MeterFaults;

/** A meter's faults decided on its bus: its own replies only, and never its settings. */
class BusFaultsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
    private static final byte[] READ_SERIAL = Hex.parse("03 40 00 00 02");
    /** Total active energy (0x6000, float). */
    private static final byte[] READ_ENERGY = Hex.parse("03 60 00 00 02");

    private static final byte[] WRITE_UNIT_9 = Hex.parse("06 40 03 00 09");

    private static MeterServer meter(int unitId) {
        return meter(unitId, CLOCK);
    }

    private static MeterServer meter(int unitId, Clock clock) {
        Meter meter = new Meter(clock, Identity.typical(), Load.household());
        meter.powerOn(StoredState.factoryNew(Settings.factory().withUnitId(unitId)), Optional.empty());
        return new MeterServer(meter);
    }

    private final MeterServer one = meter(1);
    private final MeterServer two = meter(2);
    private final MeterFaults faults = new MeterFaults(CLOCK, new SplittableRandom(1));
    private final Bus bus = new Bus(List.of(one, two), false, m -> m == one ? faults : null);

    private void set(String json) throws Exception {
        faults.replace(FaultJson.read(new ObjectMapper().readTree(json)));
    }

    @Test
    void aMetersFaultsNeverTouchAnotherMeterOfTheBus() throws Exception {
        set("{\"drop\":{},\"corruptCrc\":{},\"exception\":{\"code\":4}}");

        BusReply.Answer faulty = (BusReply.Answer) bus.handle(1, READ_SERIAL);
        BusReply.Answer healthy = (BusReply.Answer) bus.handle(2, READ_SERIAL);

        assertThat(faulty.faults().drop()).isTrue();
        assertThat(Hex.format(faulty.reply().pdu())).isEqualTo("83 04");
        assertThat(healthy.faults().none()).isTrue();
        assertThat(healthy.reply().pdu()[0]).isEqualTo((byte) 0x03);
    }

    @Test
    void anExceptionFaultAnswersInTheMetersPlaceSoAWriteIsNotDone() throws Exception {
        set("{\"exception\":{\"code\":6}}");

        bus.handle(1, WRITE_UNIT_9);

        assertThat(one.meter().settings().unitId()).isEqualTo(1);
    }

    @Test
    void aDroppedReplyToAWriteStillWrites() throws Exception {
        set("{\"drop\":{}}");

        bus.handle(1, WRITE_UNIT_9);

        assertThat(one.meter().settings().unitId()).isEqualTo(9);
    }

    @Test
    void aGatewayLetsADroppedReplyGoUnansweredAndHoldsADelayedOne() throws Exception {
        Gateway gateway = new Gateway(bus, Duration.ZERO);
        set("{\"drop\":{\"count\":1},\"delay\":{\"ms\":250}}");

        assertThat(gateway.handle(1, READ_SERIAL)).isEmpty();
        assertThat(gateway.handle(1, READ_SERIAL))
                .hasValueSatisfying(r -> assertThat(r.delay()).isEqualTo(Duration.ofMillis(250)));
    }

    @Test
    void aStuckMeterAnswersItsRegistersAsTheyWereWhileItGoesOnMeasuringAndComesBackLive() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2024-05-01T12:00:00Z"));
        MeterServer stuck = meter(1, clock);
        MeterServer other = meter(2, clock);
        MeterFaults own = new MeterFaults(clock, new SplittableRandom(1));
        Bus line = new Bus(List.of(stuck, other), false, m -> m == stuck ? own : null);
        own.replace(FaultJson.read(new ObjectMapper().readTree("{\"stuck\":{}}")));
        String before = Hex.format(
                ((BusReply.Answer) line.handle(1, READ_ENERGY)).reply().pdu());
        String otherBefore = Hex.format(
                ((BusReply.Answer) line.handle(2, READ_ENERGY)).reply().pdu());

        clock.advance(Duration.ofHours(1));

        assertThat(Hex.format(
                        ((BusReply.Answer) line.handle(1, READ_ENERGY)).reply().pdu()))
                .isEqualTo(before);
        assertThat(Hex.format(
                        ((BusReply.Answer) line.handle(2, READ_ENERGY)).reply().pdu()))
                .isNotEqualTo(otherBefore);
        assertThat(stuck.answer(READ_ENERGY)).isNotEqualTo(Hex.parse(before)); // it integrates inside
        own.clear();
        assertThat(((BusReply.Answer) line.handle(1, READ_ENERGY)).reply().pdu())
                .isEqualTo(stuck.answer(READ_ENERGY));
    }

    @Test
    void aStuckMeterStillTakesAWrite() throws Exception {
        set("{\"stuck\":{}}");

        bus.handle(1, WRITE_UNIT_9);

        assertThat(one.meter().settings().unitId()).isEqualTo(9);
    }

    @Test
    void aGatewayHearsNothingOnALineWithSwappedWiresOrNoiseAndAnswers0x0B() throws Exception {
        MeterFaults lineFaults = new MeterFaults(CLOCK, new SplittableRandom(1));
        Gateway gateway = new Gateway(new Bus(List.of(one, two), false, m -> null, lineFaults), Duration.ZERO);
        for (String json : List.of("{\"swappedAB\":{}}", "{\"noise\":{}}")) {
            lineFaults.replace(FaultJson.readLine(new ObjectMapper().readTree(json)));

            assertThat(gateway.handle(1, READ_SERIAL))
                    .hasValueSatisfying(
                            r -> assertThat(Hex.format(r.reply().pdu())).isEqualTo("83 0b"));
        }
        lineFaults.clear();
        assertThat(gateway.handle(1, READ_SERIAL))
                .hasValueSatisfying(r -> assertThat(r.reply().pdu()[0]).isEqualTo((byte) 0x03));
    }

    @Test
    void aGatewayPassesADisconnectOnEvenWithADrop() throws Exception {
        Gateway gateway = new Gateway(bus, Duration.ZERO);
        set("{\"drop\":{},\"disconnect\":{}}");

        assertThat(gateway.handle(1, READ_SERIAL))
                .hasValueSatisfying(r -> assertThat(r.faults().disconnect()).isTrue());
    }

    @Test
    void aStuckMeterWithAForComesBackLiveWhenItWearsOff() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2024-05-01T12:00:00Z"));
        MeterServer stuck = meter(1, clock);
        MeterFaults own = new MeterFaults(clock, new SplittableRandom(1));
        Bus line = new Bus(List.of(stuck), false, m -> own);
        own.replace(FaultJson.read(new ObjectMapper().readTree("{\"stuck\":{\"for\":\"30m\"}}")));
        String frozen = Hex.format(
                ((BusReply.Answer) line.handle(1, READ_ENERGY)).reply().pdu());

        clock.advance(Duration.ofMinutes(20));
        assertThat(Hex.format(
                        ((BusReply.Answer) line.handle(1, READ_ENERGY)).reply().pdu()))
                .isEqualTo(frozen);
        clock.advance(Duration.ofMinutes(10));

        assertThat(((BusReply.Answer) line.handle(1, READ_ENERGY)).reply().pdu())
                .isEqualTo(stuck.answer(READ_ENERGY));
        assertThat(Hex.format(stuck.answer(READ_ENERGY))).isNotEqualTo(frozen);
        assertThat(own.active()).isEmpty();
    }
}
