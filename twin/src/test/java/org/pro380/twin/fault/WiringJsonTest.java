package org.pro380.twin.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pro380.meter.WiringFault;
import org.pro380.protocol.Hex;
import org.pro380.registers.Phase;

/** Wiring faults in the faults object: read, handed to the meter with their end, never applied to a reply. */
class WiringJsonTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final MeterFaults faults = new MeterFaults(Clock.fixed(NOW, ZoneOffset.UTC), new SplittableRandom(380));
    private final List<List<WiringFault.Active>> told = new ArrayList<>();

    private static List<FaultRule> read(String json) throws Exception {
        return FaultJson.read(new ObjectMapper().readTree(json));
    }

    @Test
    void theMeterIsToldEachWiringFaultWithItsEndAndRepliesStayWhole() throws Exception {
        faults.onWiring(told::add);

        faults.replace(read("{\"reversedCt\":{\"phases\":[\"l1\",\"L3\"],\"for\":\"2m\"},"
                + "\"lostNeutral\":{},\"drop\":{\"count\":1}}"));

        assertThat(told.get(0))
                .containsExactly(
                        new WiringFault.Active(
                                new WiringFault.ReversedCt(Set.of(Phase.L1, Phase.L3)),
                                Optional.of(NOW.plusSeconds(120))),
                        new WiringFault.Active(new WiringFault.LostNeutral(), Optional.empty()));
        assertThat(faults.decide(Hex.parse("03 50 0c 00 06")).faults())
                .extracting(Fault::name)
                .containsExactly("drop");

        faults.clear();

        assertThat(told.get(1)).isEmpty();
    }

    @Test
    void getShowsThePhasesAndTheEnd() throws Exception {
        faults.replace(read("{\"lostPhase\":{\"phases\":\"L2\",\"for\":\"90s\"},\"lostNeutral\":{}}"));

        assertThat(FaultJson.write(faults.active()).toString())
                .isEqualTo(
                        "{\"lostPhase\":{\"phases\":[\"L2\"],\"until\":\"2024-05-01T12:01:30Z\"},\"lostNeutral\":{}}");
    }
}
