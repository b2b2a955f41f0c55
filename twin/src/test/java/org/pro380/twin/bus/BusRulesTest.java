package org.pro380.twin.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.meter.Load;
import org.pro380.meter.Meter;
import org.pro380.meter.MeterServer;
import org.pro380.meter.StoredState;
import org.pro380.protocol.Hex;
import org.pro380.protocol.UnitPdu;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;

/** The unit-id rules of spec section 3 for a meter alone on its line: own id, broadcast, power, new ids. */
class BusRulesTest {

    private final Line f = Line.poweredOn(false);

    /** One meter on a bus, and the conversation a test holds with it. */
    static final class Line {
        final Meter meter = new Meter(
                Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC),
                Identity.typical(),
                Load.household());
        final Bus bus;

        private Line(boolean strictBroadcast) {
            bus = Bus.of(new MeterServer(meter), strictBroadcast);
        }

        static Line poweredOn(boolean strictBroadcast) {
            Line line = new Line(strictBroadcast);
            line.meter.powerOn(StoredState.factoryNew(Settings.factory()), Optional.empty());
            return line;
        }

        static Line unpowered() {
            return new Line(false);
        }

        Optional<UnitPdu> exchange(int unitId, String requestHex) {
            BusReply reply = bus.handle(unitId, Hex.parse(requestHex));
            return reply instanceof BusReply.Answer a ? Optional.of(a.reply()) : Optional.empty();
        }

        String ask(int unitId, String requestHex) {
            UnitPdu reply = exchange(unitId, requestHex)
                    .orElseThrow(() -> new AssertionError("no reply to " + requestHex + " for unit " + unitId));
            assertThat(reply.unitId()).as("reply unit id").isEqualTo(unitId);
            return Hex.format(reply.pdu());
        }

        String ask(String requestHex) {
            return ask(1, requestHex);
        }

        void write(int address, int value) {
            String request =
                    String.format("06 %02x %02x %02x %02x", address >> 8, address & 0xFF, value >> 8, value & 0xFF);
            assertThat(ask(request)).isEqualTo(request);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 7, 247, 248, 255})
    void anotherUnitIdGetsNoReplyAndChangesNothing(int unitId) {
        assertThat(f.exchange(unitId, "03 40 00 00 01")).isEmpty();
        assertThat(f.exchange(unitId, "06 40 21 00 02")).isEmpty();
        assertThat(f.exchange(unitId, "01 00 00 00 01")).isEmpty();

        assertThat(f.meter.settings().backlight()).isTrue();
    }

    @Test
    void aBroadcastWriteIsExecutedButNotAnswered() {
        assertThat(f.exchange(0, "06 40 21 00 02")).isEmpty();
        assertThat(f.exchange(0, "10 40 10 00 02 04 00 05 00 02")).isEmpty();

        assertThat(f.ask("03 40 21 00 01")).isEqualTo("03 02 00 02");
        assertThat(f.ask("03 40 10 00 02")).isEqualTo("03 04 00 05 00 02");
    }

    @Test
    void anIllegalBroadcastWriteIsNotAnsweredEither() {
        assertThat(f.exchange(0, "06 40 21 00 03")).isEmpty();
        assertThat(f.exchange(0, "06 40 00 00 01")).isEmpty();
        assertThat(f.exchange(0, "2b 0e 01 00")).isEmpty();

        assertThat(f.ask("03 40 21 00 01")).isEqualTo("03 02 00 01");
    }

    @Test
    void aBroadcastReadIsAnsweredUnderTheMetersOwnId() {
        f.write(0x4003, 7);

        UnitPdu reply = f.exchange(0, "03 40 03 00 01").orElseThrow();

        assertThat(reply.unitId()).isEqualTo(7);
        assertThat(Hex.format(reply.pdu())).isEqualTo("03 02 00 07");
    }

    @Test
    void aBroadcastReadWithAnExceptionIsAnsweredUnderTheMetersOwnId() {
        UnitPdu reply = f.exchange(0, "03 00 00 00 01").orElseThrow();

        assertThat(reply.unitId()).isEqualTo(1);
        assertThat(Hex.format(reply.pdu())).isEqualTo("83 02");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"03 40 00 00 00, 83 03", "03 40 00 00 7e, 83 03", "03 40 00 00 01 00, 83 03"})
    void aMalformedBroadcastReadIsAnsweredLikeAnyOtherRead(String request, String reply) {
        UnitPdu answer = f.exchange(0, request).orElseThrow();

        assertThat(answer.unitId()).isEqualTo(1);
        assertThat(Hex.format(answer.pdu())).isEqualTo(reply);
        assertThat(f.ask(request)).isEqualTo(reply);
    }

    @Test
    void strictBroadcastLeavesReadsUnansweredButStillExecutesWrites() {
        Line strict = Line.poweredOn(true);

        assertThat(strict.exchange(0, "03 40 03 00 01")).isEmpty();
        assertThat(strict.exchange(0, "06 40 21 00 02")).isEmpty();

        assertThat(strict.ask("03 40 21 00 01")).isEqualTo("03 02 00 02");
    }

    @Test
    void aMeterNeverPoweredOnStaysSilent() {
        Line off = Line.unpowered();

        assertThat(off.exchange(1, "03 40 00 00 01")).isEmpty();
        assertThat(off.exchange(0, "03 40 00 00 01")).isEmpty();
        assertThat(off.exchange(1, "01 00 00 00 01")).isEmpty();
    }

    @Test
    void aPoweredOffMeterStaysSilentAndIgnoresWrites() {
        f.meter.powerOff();

        assertThat(f.exchange(1, "03 40 00 00 01")).isEmpty();
        assertThat(f.exchange(1, "06 40 21 00 02")).isEmpty();
        assertThat(f.exchange(0, "06 40 21 00 02")).isEmpty();
        assertThat(f.meter.settings().backlight()).isTrue();

        f.meter.powerOn(f.meter.storedState(), Optional.empty());
        assertThat(f.ask("03 40 21 00 01")).isEqualTo("03 02 00 01");
    }

    @Test
    void aNewUnitIdIsAnsweredUnderTheOldIdAndNeededFromTheNextRequest() {
        UnitPdu reply = f.exchange(1, "06 40 03 00 07").orElseThrow();

        assertThat(reply.unitId()).isEqualTo(1);
        assertThat(Hex.format(reply.pdu())).isEqualTo("06 40 03 00 07");
        assertThat(f.exchange(1, "03 40 03 00 01")).isEmpty();
        assertThat(f.ask(7, "03 40 03 00 01")).isEqualTo("03 02 00 07");
    }

    @Test
    void aNewUnitIdByWriteMultipleIsAnsweredUnderTheOldId() {
        UnitPdu reply = f.exchange(1, "10 40 03 00 02 04 00 f7 09 60").orElseThrow();

        assertThat(reply.unitId()).isEqualTo(1);
        assertThat(Hex.format(reply.pdu())).isEqualTo("10 40 03 00 02");
        assertThat(f.exchange(1, "03 40 03 00 01")).isEmpty();
        assertThat(f.ask(247, "03 40 03 00 02")).isEqualTo("03 04 00 f7 09 60");
        assertThat(f.meter.settings().baud()).isEqualTo(2400);
    }
}
