package org.pro380.twin.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.pro380.protocol.Hex;

class MeterFaultsTest {

    private static final byte[] READ_CURRENTS = Hex.parse("03 50 0c 00 06");
    private static final byte[] READ_SERIAL = Hex.parse("03 40 00 00 02");
    private static final byte[] WRITE_BAUD = Hex.parse("06 40 04 12 c0");

    /** A clock the test moves. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2024-05-01T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final MeterFaults faults = new MeterFaults(clock, new SplittableRandom(380));

    private void set(String json) throws Exception {
        faults.replace(FaultJson.read(new ObjectMapper().readTree(json)));
    }

    private static List<String> names(ReplyFaults decided) {
        return decided.faults().stream().map(Fault::name).toList();
    }

    @Test
    void withoutFaultsEveryReplyIsAsTheMeterGaveIt() {
        assertThat(faults.decide(READ_CURRENTS)).isSameAs(ReplyFaults.NONE);
    }

    @Test
    void aCountWearsOffAfterThatManyApplications() throws Exception {
        set("{\"exception\":{\"code\":6,\"count\":3}}");

        List<ReplyFaults> four = IntStream.range(0, 4)
                .mapToObj(i -> faults.decide(READ_CURRENTS))
                .toList();

        assertThat(four).extracting(d -> d.exception().orElse(0)).containsExactly(6, 6, 6, 0);
        assertThat(faults.active()).isEmpty();
    }

    @Test
    void aDurationWearsOffInMeterTime() throws Exception {
        set("{\"drop\":{\"for\":\"10s\"}}");

        clock.now = clock.now.plusSeconds(9);
        assertThat(faults.decide(READ_CURRENTS).drop()).isTrue();
        assertThat(faults.active())
                .singleElement()
                .satisfies(s -> assertThat(s.applied()).isEqualTo(1));

        clock.now = clock.now.plusSeconds(1);
        assertThat(faults.decide(READ_CURRENTS).drop()).isFalse();
        assertThat(faults.active()).isEmpty();
    }

    @Test
    void aProbabilityAppliesToAboutThatShareAndASeedRepeatsIt() throws Exception {
        set("{\"drop\":{\"probability\":0.25}}");
        long dropped = IntStream.range(0, 4000)
                .filter(i -> faults.decide(READ_CURRENTS).drop())
                .count();

        MeterFaults again = new MeterFaults(clock, new SplittableRandom(380));
        again.replace(FaultJson.read(new ObjectMapper().readTree("{\"drop\":{\"probability\":0.25}}")));
        long droppedAgain = IntStream.range(0, 4000)
                .filter(i -> again.decide(READ_CURRENTS).drop())
                .count();

        assertThat(dropped).isBetween(900L, 1100L).isEqualTo(droppedAgain);
        assertThat(faults.active().get(0).applied()).isEqualTo(dropped);
    }

    @Test
    void filtersByFunctionAndRegisters() throws Exception {
        set("{\"drop\":{\"functions\":[6]},\"corruptCrc\":{\"registers\":{\"from\":20492,\"to\":20492}}}");

        assertThat(names(faults.decide(WRITE_BAUD))).containsExactly("drop");
        assertThat(names(faults.decide(READ_CURRENTS))).containsExactly("corruptCrc"); // 0x500C is 20492
        assertThat(names(faults.decide(READ_SERIAL))).isEmpty();
    }

    @Test
    void aDelayRangeDrawsWithinIt() throws Exception {
        set("{\"delay\":{\"min\":\"300ms\",\"max\":\"900ms\"}}");

        for (int i = 0; i < 100; i++) {
            assertThat(faults.decide(READ_CURRENTS).delay()).isBetween(Duration.ofMillis(300), Duration.ofMillis(900));
        }
    }

    @Test
    void replacingStartsAfresh() throws Exception {
        set("{\"drop\":{}}");
        faults.decide(READ_CURRENTS);

        set("{\"garbage\":{}}");

        assertThat(faults.active()).singleElement().satisfies(s -> {
            assertThat(s.rule().fault()).isEqualTo(new Fault.Garbage());
            assertThat(s.applied()).isZero();
        });
    }
}
