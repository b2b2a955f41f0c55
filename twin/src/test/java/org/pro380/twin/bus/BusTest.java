package org.pro380.twin.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pro380.meter.Load;
import org.pro380.meter.Meter;
import org.pro380.meter.MeterServer;
import org.pro380.meter.StoredState;
import org.pro380.protocol.Hex;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.Parity;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;

/** Who answers on a shared line and through a gateway (spec sections 3 and 11). */
class BusTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);
    /** Read the serial number (0x4000, 2 registers). */
    private static final String READ_SERIAL = "03 40 00 00 02";

    private static final LineSettings AT_9600_8E1 = new LineSettings(9600, Parity.EVEN);

    private static MeterServer meter(int serial, int unitId) {
        Meter meter = new Meter(CLOCK, Identity.typical().withSerialNumber(serial), Load.household());
        meter.powerOn(StoredState.factoryNew(Settings.factory().withUnitId(unitId)), Optional.empty());
        return new MeterServer(meter);
    }

    private static String pdu(BusReply reply) {
        return Hex.format(((BusReply.Answer) reply).reply().pdu());
    }

    @Test
    void eachMeterAnswersItsOwnIdAndAnUnknownIdIsSilence() {
        Bus bus = new Bus(List.of(meter(11111111, 1), meter(22222222, 2)), false);

        assertThat(pdu(bus.handle(1, Hex.parse(READ_SERIAL)))).isEqualTo("03 04 11 11 11 11");
        assertThat(pdu(bus.handle(2, Hex.parse(READ_SERIAL)))).isEqualTo("03 04 22 22 22 22");
        assertThat(((BusReply.Answer) bus.handle(2, Hex.parse(READ_SERIAL)))
                        .reply()
                        .unitId())
                .isEqualTo(2);
        assertThat(bus.handle(3, Hex.parse(READ_SERIAL))).isEqualTo(BusReply.SILENCE);
    }

    @Test
    void aBroadcastWriteIsExecutedByEveryMeterAndAnsweredByNone() {
        MeterServer a = meter(11111111, 1);
        MeterServer b = meter(22222222, 2);
        Bus bus = new Bus(List.of(a, b), false);

        assertThat(bus.handle(0, Hex.parse("06 60 48 00 02"))).isEqualTo(BusReply.SILENCE);

        assertThat(a.meter().settings().modbusTariff().number()).isEqualTo(2);
        assertThat(b.meter().settings().modbusTariff().number()).isEqualTo(2);
    }

    @Test
    void aReadAtUnit0IsAnsweredByALoneMeterWithItsOwnIdAndByNoneOnABusOfSeveral() {
        BusReply lone = Bus.of(meter(11111111, 7), false).handle(0, Hex.parse(READ_SERIAL));
        assertThat(((BusReply.Answer) lone).reply().unitId()).isEqualTo(7);
        assertThat(pdu(lone)).isEqualTo("03 04 11 11 11 11");

        assertThat(Bus.of(meter(11111111, 7), true).handle(0, Hex.parse(READ_SERIAL)))
                .isEqualTo(BusReply.SILENCE);
        assertThat(new Bus(List.of(meter(11111111, 1), meter(22222222, 2)), false).handle(0, Hex.parse(READ_SERIAL)))
                .isEqualTo(BusReply.SILENCE);
    }

    @Test
    void twoMetersWithOneIdCollide() {
        Bus bus = new Bus(List.of(meter(11111111, 5), meter(22222222, 5)), false);

        BusReply reply = bus.handle(5, Hex.parse(READ_SERIAL));

        assertThat(reply).isInstanceOf(BusReply.Collision.class);
        assertThat(((BusReply.Collision) reply).replies()).hasSize(2);
    }

    @Test
    void aMeterWithoutPowerIsSilent() {
        MeterServer off = meter(11111111, 1);
        off.meter().powerOff();

        assertThat(Bus.of(off, false).handle(1, Hex.parse(READ_SERIAL))).isEqualTo(BusReply.SILENCE);
    }

    @Test
    void aMeterSetToOtherLineSettingsDoesNotUnderstandTheFrameAndTheLineKeepsTheMajoritysSettings() {
        MeterServer moved = meter(22222222, 2);
        Bus bus = new Bus(List.of(meter(11111111, 1), moved, meter(33333333, 3)), false);
        bus.handle(2, Hex.parse("06 40 04 12 C0")); // 4800 baud

        assertThat(bus.handle(2, Hex.parse(READ_SERIAL), Optional.of(AT_9600_8E1)))
                .isEqualTo(BusReply.SILENCE);
        assertThat(pdu(bus.handle(2, Hex.parse(READ_SERIAL), Optional.of(new LineSettings(4800, Parity.EVEN)))))
                .isEqualTo("03 04 22 22 22 22");
        assertThat(pdu(bus.handle(1, Hex.parse(READ_SERIAL), Optional.of(AT_9600_8E1))))
                .isEqualTo("03 04 11 11 11 11");
        assertThat(bus.line()).isEqualTo(AT_9600_8E1);
        assertThat(pdu(bus.handle(2, Hex.parse(READ_SERIAL))))
                .as("no line settings on a pty or TCP")
                .isEqualTo("03 04 22 22 22 22");
    }

    @Test
    void aMeterIsFoundAtItsNewIdAfterAWriteAndAfterAPowerOnThatRestoresAnother() {
        MeterServer moving = meter(22222222, 2);
        Bus bus = new Bus(List.of(meter(11111111, 1), moving), false);
        assertThat(pdu(bus.handle(2, Hex.parse(READ_SERIAL)))).isEqualTo("03 04 22 22 22 22");

        bus.handle(2, Hex.parse("06 40 03 00 09")); // meter id 9
        assertThat(bus.handle(2, Hex.parse(READ_SERIAL))).isEqualTo(BusReply.SILENCE);
        assertThat(pdu(bus.handle(9, Hex.parse(READ_SERIAL)))).isEqualTo("03 04 22 22 22 22");

        moving.meter().powerOff();
        moving.meter().powerOn(StoredState.factoryNew(Settings.factory().withUnitId(40)), Optional.empty());
        assertThat(bus.handle(9, Hex.parse(READ_SERIAL))).isEqualTo(BusReply.SILENCE);
        assertThat(pdu(bus.handle(40, Hex.parse(READ_SERIAL)))).isEqualTo("03 04 22 22 22 22");
        assertThat(pdu(bus.handle(1, Hex.parse(READ_SERIAL)))).isEqualTo("03 04 11 11 11 11");
    }

    @Test
    void aTieOfLineSettingsGoesToTheFirstMetersAndMovesWithTheMajority() {
        MeterServer first = meter(11111111, 1);
        MeterServer second = meter(22222222, 2);
        Bus bus = new Bus(List.of(first, second), false);
        bus.handle(2, Hex.parse("06 40 04 12 C0")); // 4800 baud: one each
        assertThat(bus.line()).isEqualTo(AT_9600_8E1);

        bus.handle(1, Hex.parse("06 40 04 12 C0"), Optional.of(AT_9600_8E1)); // both at 4800 now
        assertThat(bus.line()).isEqualTo(new LineSettings(4800, Parity.EVEN));
    }

    @Test
    void aLoneMetersLineFollowsItsSettings() {
        Bus bus = Bus.of(meter(11111111, 1), false);

        bus.handle(1, Hex.parse("06 40 11 00 03")); // parity odd

        assertThat(bus.line()).isEqualTo(new LineSettings(9600, Parity.ODD));
    }

    @Test
    void aGatewayAnswers0x0BForAnIdNoMeterAnswersAfterItsTimeout() {
        Gateway gateway =
                new Gateway(new Bus(List.of(meter(11111111, 1), meter(22222222, 2)), false), Duration.ofMillis(250));

        Gateway.Reply reply = gateway.handle(9, Hex.parse(READ_SERIAL)).orElseThrow();

        assertThat(Hex.format(reply.reply().pdu())).isEqualTo("83 0b");
        assertThat(reply.reply().unitId()).isEqualTo(9);
        assertThat(reply.delay()).isEqualTo(Duration.ofMillis(250));
        assertThat(Hex.format(gateway.handle(2, Hex.parse(READ_SERIAL))
                        .orElseThrow()
                        .reply()
                        .pdu()))
                .isEqualTo("03 04 22 22 22 22");
        assertThat(gateway.handle(2, Hex.parse(READ_SERIAL)).orElseThrow().delay())
                .isZero();
        assertThat(gateway.handle(0, Hex.parse("06 60 48 00 03")))
                .as("broadcast")
                .isEmpty();
        assertThat(Hex.format(gateway.handle(255, Hex.parse(READ_SERIAL))
                        .orElseThrow()
                        .reply()
                        .pdu()))
                .as("255 on a bus of several")
                .isEqualTo("83 0b");
    }

    @Test
    void unit255ReachesALoneMeterWhateverItsIdAndTheReplyEchoes255() {
        Gateway gateway = new Gateway(Bus.of(meter(11111111, 42), false), Duration.ZERO);

        Gateway.Reply reply = gateway.handle(255, Hex.parse(READ_SERIAL)).orElseThrow();

        assertThat(reply.reply().unitId()).isEqualTo(255);
        assertThat(Hex.format(reply.reply().pdu())).isEqualTo("03 04 11 11 11 11");
    }
}
