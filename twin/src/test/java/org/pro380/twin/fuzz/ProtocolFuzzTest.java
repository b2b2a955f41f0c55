package org.pro380.twin.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pro380.meter.Meter;
import org.pro380.meter.MeterServer;
import org.pro380.protocol.UnitPdu;
import org.pro380.twin.bus.Bus;

/**
 * A short seeded fuzz of the protocol layer and the meter server in process (the long run is
 * bench/fuzz.sh): every fuzzed RTU and MBAP frame gets what the spec requires, checked by an
 * oracle that restates the spec, with no crash.
 */
class ProtocolFuzzTest {

    private static final long SEED = 380;
    private static final long FRAMES = 60_000;

    @Test
    void fuzzedFramesGetWhatTheSpecRequiresAndNothingCrashes() {
        Meter meter = FuzzMeter.standingStill();
        InProcessFuzz fuzz = new InProcessFuzz(
                SEED,
                meter,
                (unit, pdu) ->
                        Bus.of(new MeterServer(meter), false).handle(unit, pdu).answer());

        fuzz.run(FRAMES);

        for (Tally t : new Tally[] {fuzz.rtu(), fuzz.mbap()}) {
            assertThat(t.failures()).as(t.summary()).isEmpty();
            assertThat(t.crashes).isZero();
            assertThat(t.wrong).isZero();
            assertThat(t.frames).isEqualTo(FRAMES);
            // the inputs reach every rule of the spec, not only the framing's silence
            assertThat(t.outcomes())
                    .as(t.summary())
                    .containsKeys("silence", "fc 03", "fc 06", "fc 10", "exception 01", "exception 02", "exception 03");
            assertThat(t.outcomes().get("fc 03")).as(t.summary()).isGreaterThan(FRAMES / 20);
        }
        assertThat(fuzz.mbap().outcomes()).containsKey("connection closed");
    }

    @Test
    void aServerThatAnswersOneRuleWronglyIsCaught() {
        // a server that answers a read of quantity 0 with exception 02 instead of 03
        Meter meter = FuzzMeter.standingStill();
        Bus real = Bus.of(new MeterServer(meter), false);
        InProcessFuzz fuzz = new InProcessFuzz(SEED, meter, (unit, pdu) -> {
            Optional<UnitPdu> reply = real.handle(unit, pdu).answer();
            boolean quantityZero = pdu.length == 5 && pdu[0] == 3 && pdu[3] == 0 && pdu[4] == 0;
            return quantityZero ? reply.map(r -> new UnitPdu(r.unitId(), new byte[] {(byte) 0x83, 2})) : reply;
        });

        fuzz.run(FRAMES / 10);

        assertThat(fuzz.rtu().wrong + fuzz.mbap().wrong).isPositive();
        assertThat(fuzz.rtu().failures()).anySatisfy(f -> assertThat(f).contains("expected Optional[unit"));
    }

    @Test
    void aServerThatAnswersAnotherUnitIsCaught() {
        Meter meter = FuzzMeter.standingStill();
        Bus real = Bus.of(new MeterServer(meter), false);
        InProcessFuzz fuzz = new InProcessFuzz(
                SEED,
                meter,
                (unit, pdu) -> unit == 42
                        ? Optional.of(new UnitPdu(42, new byte[] {(byte) 0x83, 2}))
                        : real.handle(unit, pdu).answer());

        fuzz.run(FRAMES / 10);

        assertThat(fuzz.rtu().wrong).isPositive();
    }

    @Test
    void theSameSeedFuzzesTheSameFrames() {
        FuzzInputs a = new FuzzInputs(SEED);
        FuzzInputs b = new FuzzInputs(SEED);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.rtu(1).bytes()).isEqualTo(b.rtu(1).bytes());
            assertThat(a.mbap(1).bytes()).isEqualTo(b.mbap(1).bytes());
        }
    }
}
