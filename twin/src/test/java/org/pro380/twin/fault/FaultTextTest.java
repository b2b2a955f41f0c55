package org.pro380.twin.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pro380.meter.WiringFault;
import org.pro380.registers.Phase;

/** The faults as JSON (API, config) and as {@code --fault} flags. */
class FaultTextTest {

    private static FaultRule one(String json) throws Exception {
        return FaultJson.read(new ObjectMapper().readTree(json)).get(0);
    }

    @Test
    void theIssuesExamplesRead() throws Exception {
        var rules = FaultJson.read(new ObjectMapper()
                .readTree("{\"drop\":{\"probability\":0.1}, "
                        + "\"exception\":{\"code\":6,\"count\":3}, \"delay\":{\"min\":\"300ms\",\"max\":\"900ms\"}}"));

        assertThat(rules)
                .containsExactly(
                        new FaultRule(
                                new Fault.Drop(),
                                0.1,
                                Set.of(),
                                Optional.empty(),
                                OptionalInt.empty(),
                                Optional.empty()),
                        new FaultRule(
                                new Fault.Exception(6),
                                1,
                                Set.of(),
                                Optional.empty(),
                                OptionalInt.of(3),
                                Optional.empty()),
                        FaultRule.always(new Fault.Delay(Duration.ofMillis(300), Duration.ofMillis(900))));
    }

    @Test
    void everyNamedFaultReadsFromAnEmptyObject() throws Exception {
        for (String name : Fault.NAMES) {
            String body = name.equals("delay") ? "{\"ms\":50}" : "{}";
            assertThat(one("{\"" + name + "\":" + body + "}").fault().name()).isEqualTo(name);
        }
    }

    @Test
    void aForIsADuration() throws Exception {
        assertThat(one("{\"wrongUnit\":{\"for\":\"2m\"}}").lasting()).contains(Duration.ofMinutes(2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"dorp\":{}}|no fault \"dorp\": they are drop, delay, exception, corruptCrc, corruptLength, wrongUnit, "
                        + "wrongFunction, truncate, extraBytes, garbage, wrongTransaction, split, stuck, disconnect, "
                        + "reversedCt, lostPhase, lostNeutral",
                "{\"noise\":{}}|noise is a fault of a bus's line: PUT it to /api/buses/{b}/faults (docs/faults.md)",
                "{\"split\":{\"gap\":\"later\"}}|split: gap must be a duration like 300ms, 2s or 1m, got \"later\"",
                "{\"stuck\":{\"code\":1}}|stuck: unknown field \"code\"",
                "{\"drop\":{\"probability\":2}}|drop: probability must be 0..1, got 2.0",
                "{\"exception\":{\"code\":5}}|exception: code must be one of 1, 2, 3, 4, 6, got 5",
                "{\"delay\":{\"min\":\"soon\"}}|delay: min must be a duration like 300ms, 2s or 1m, got \"soon\"",
                "{\"delay\":{\"min\":\"900ms\",\"max\":\"300ms\"}}|delay: min must be >= 0 and max >= min, got 900ms..300ms",
                "{\"drop\":{\"count\":1,\"for\":\"1s\"}}|drop: give count or for, not both",
                "{\"drop\":{\"when\":1}}|drop: unknown field \"when\""
            })
    void badFaultsSayWhatIsWrongInOneLine(String json, String message) {
        assertThatThrownBy(() -> one(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aLinesFaultsAreNoiseAndSwappedAB() throws Exception {
        List<FaultRule> rules = FaultJson.readLine(new ObjectMapper()
                .readTree("{\"noise\":{\"probability\":0.2,\"bytes\":\"zero\"},\"swappedAB\":{\"for\":\"1m\"}}"));

        assertThat(rules)
                .extracting(FaultRule::fault)
                .containsExactly(new Fault.Noise(Fault.NoiseBytes.ZERO), new Fault.SwappedAB());
        assertThat(rules.get(0).probability()).isEqualTo(0.2);
        assertThat(rules.get(1).lasting()).contains(Duration.ofMinutes(1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"drop\":{}}|no line fault \"drop\": they are noise, swappedAB (a meter's faults go to /api/meters/{k}/faults)",
                "{\"noise\":{\"bytes\":\"ones\"}}|noise: bytes must be \"random\" or \"zero\", got \"ones\"",
                "{\"noise\":{\"functions\":[3]}}|noise: unknown field \"functions\"",
                "{\"swappedAB\":{\"probability\":0.5}}|swappedAB: unknown field \"probability\""
            })
    void badLineFaultsSayWhatIsWrongInOneLine(String json, String message) {
        assertThatThrownBy(() -> FaultJson.readLine(new ObjectMapper().readTree(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void flagsGiveLineAndWiringFaultsAndTheNewReplyFaults() {
        assertThat(FaultFlag.parse("bus=2:noise=0.1"))
                .isEqualTo(new FaultFlag(
                        Optional.empty(),
                        Optional.of(2),
                        new FaultRule(
                                new Fault.Noise(Fault.NoiseBytes.RANDOM),
                                0.1,
                                Set.of(),
                                Optional.empty(),
                                OptionalInt.empty(),
                                Optional.empty())));
        assertThat(FaultFlag.parse("noise=0.3,zero").rule().fault()).isEqualTo(new Fault.Noise(Fault.NoiseBytes.ZERO));
        assertThat(FaultFlag.parse("bus=1:swappedAB").rule().fault()).isEqualTo(new Fault.SwappedAB());
        assertThat(FaultFlag.parse("meter=2:reversedCt=L2").rule().fault())
                .isEqualTo(new Fault.Wiring(new WiringFault.ReversedCt(Set.of(Phase.L2))));
        assertThat(FaultFlag.parse("lostPhase=L1,L3").rule().fault())
                .isEqualTo(new Fault.Wiring(new WiringFault.LostPhase(Set.of(Phase.L1, Phase.L3))));
        assertThat(FaultFlag.parse("meter=3:lostNeutral").rule().fault())
                .isEqualTo(new Fault.Wiring(new WiringFault.LostNeutral()));
        assertThat(FaultFlag.parse("wrongTransaction=0.5").rule().probability()).isEqualTo(0.5);
        assertThat(FaultFlag.parse("split").rule().fault()).isEqualTo(new Fault.Split(Optional.empty()));
        assertThat(FaultFlag.parse("meter=2:stuck").rule().fault()).isEqualTo(new Fault.Stuck());
        assertThat(FaultFlag.parse("disconnect=0.1").rule().fault()).isEqualTo(new Fault.Disconnect());
        assertThat(FaultFlag.parse("bus=2:noise").appliesTo(2)).isTrue();
        assertThat(FaultFlag.parse("bus=2:noise").appliesTo(1)).isFalse();
        assertThat(FaultFlag.parse("meter=2:drop").appliesTo(2)).isTrue();
    }

    @Test
    void flagsOfTheIssue() {
        assertThat(FaultFlag.parse("drop=0.1"))
                .isEqualTo(new FaultFlag(
                        Optional.empty(),
                        new FaultRule(
                                new Fault.Drop(),
                                0.1,
                                Set.of(),
                                Optional.empty(),
                                OptionalInt.empty(),
                                Optional.empty())));
        assertThat(FaultFlag.parse("delay=50ms..300ms").rule().fault())
                .isEqualTo(new Fault.Delay(Duration.ofMillis(50), Duration.ofMillis(300)));
        assertThat(FaultFlag.parse("meter=3:exception=6"))
                .isEqualTo(new FaultFlag(Optional.of(3), FaultRule.always(new Fault.Exception(6))));
        assertThat(FaultFlag.parse("corruptCrc"))
                .isEqualTo(new FaultFlag(Optional.empty(), FaultRule.always(new Fault.CorruptCrc())));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "drop=lots|--fault drop=lots: the value is a probability 0..1, got \"lots\"",
                "meter=0:drop|--fault meter=0:drop: meter must be 1 or more, got 0",
                "meter=2|--fault meter=2: expected meter=K:NAME[=VALUE] or bus=B:NAME[=VALUE]",
                "exception=9|--fault exception=9: exception: code must be one of 1, 2, 3, 4, 6, got 9",
                "delay|--fault delay: delay needs a value: 50ms or 50ms..300ms",
                "meter=2:noise=0.1|--fault meter=2:noise=0.1: noise is a fault of a bus's line: bus=B:noise",
                "bus=2:drop|--fault bus=2:drop: drop is a meter's fault: meter=K:drop",
                "reversedCt=L4|--fault reversedCt=L4: reversedCt: phases are L1, L2, L3, got \"L4\"",
                "lostNeutral=L1|--fault lostNeutral=L1: lostNeutral: unknown field \"phases\"",
                "noise=0.1,ones|--fault noise=0.1,ones: noise: bytes must be \"random\" or \"zero\", got \"ones\"",
                "bus=0:noise|--fault bus=0:noise: bus must be 1 or more, got 0"
            })
    void badFlagsSayWhatIsWrongInOneLine(String flag, String message) {
        assertThatThrownBy(() -> FaultFlag.parse(flag))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
