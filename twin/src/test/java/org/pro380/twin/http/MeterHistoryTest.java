package org.pro380.twin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.pro380.meter.Load;
import org.pro380.meter.ManualClock;
import org.pro380.registers.Identity;
import org.pro380.registers.Registers;
import org.pro380.twin.TwinSite;

/** The panel's history without a network or a thread: samples taken by hand on a clock (the meters' too) moved by hand. */
class MeterHistoryTest {

    private final ManualClock clock = new ManualClock(MeterTwin.NOW);

    private List<MeterTwin> meters(int n) {
        return IntStream.rangeClosed(1, n)
                .mapToObj(k -> new MeterTwin(k, 1, Identity.typical(), Load.household(), clock))
                .toList();
    }

    private static TwinSite site(List<MeterTwin> meters) {
        return () -> meters;
    }

    @Test
    void keepsTheLastFiveMinutesOneSampleASecond() {
        List<MeterTwin> one = meters(1);
        MeterHistory history = new MeterHistory(site(one), clock);
        for (int i = 0; i < 400; i++) {
            history.sample();
            clock.advance(MeterHistory.PERIOD);
        }
        JsonNode doc = history.of(one.get(0));

        JsonNode times = doc.get("time");
        assertThat(times).hasSize(301);
        assertThat(times.get(300).asLong())
                .isEqualTo(MeterTwin.NOW.plusSeconds(399).toEpochMilli());
        assertThat(times.get(0).asLong()).isEqualTo(times.get(300).asLong() - MeterHistory.WINDOW.toMillis());
        assertThat(doc.get("periodMillis").asLong()).isEqualTo(1000);
        assertThat(doc.get("windowMillis").asLong()).isEqualTo(300_000);
        for (String key : List.of(
                "powered",
                "active-power-l1",
                "active-power-l2",
                "active-power-l3",
                "active-power",
                "forward-active-energy",
                "reverse-active-energy")) {
            assertThat(doc.get(key)).as(key).hasSize(301);
        }
        JsonNode power = doc.get("active-power").get(300);
        assertThat(power.asText()).as("an f32's shortest text").isEqualTo(Float.toString(power.floatValue()));
        assertThat(power.floatValue())
                .isEqualTo(((Double) one.get(0).reading().value(Registers.ACTIVE_POWER)).floatValue());
        assertThat(doc.get("forward-active-energy").get(300).doubleValue())
                .isGreaterThan(doc.get("forward-active-energy").get(0).doubleValue());
    }

    @Test
    void aMeterThatIsOffIsSampledAsOff() {
        List<MeterTwin> one = meters(1);
        MeterHistory history = new MeterHistory(site(one), clock);
        history.sample();
        one.get(0).setPower(false);
        clock.advance(MeterHistory.PERIOD);
        history.sample();

        assertThat(history.of(one.get(0)).get("powered"))
                .extracting(JsonNode::booleanValue)
                .containsExactly(true, false);
    }

    @Test
    void theFirstMetersAreKeptFromTheStartAnyOtherFromItsFirstAsk() {
        List<MeterTwin> site = meters(MeterHistory.FIRST_METERS + 4);
        MeterHistory history = new MeterHistory(site(site), clock);
        MeterTwin last = site.get(site.size() - 1);
        history.sample();

        assertThat(history.of(site.get(0)).get("time")).hasSize(1);
        assertThat(history.of(last).get("time")).isEmpty();
        clock.advance(MeterHistory.PERIOD);
        history.sample();
        assertThat(history.of(last).get("time")).hasSize(1);
        assertThat(history.of(site.get(0)).get("time")).hasSize(2);
    }

    @Test
    void atMostSoManyMetersAreKeptTheOneAskedForLeastRecentlyMakingRoom() {
        List<MeterTwin> site = meters(MeterHistory.MAX_METERS + 6);
        MeterHistory history = new MeterHistory(site(site), clock);
        for (MeterTwin m : site.subList(MeterHistory.FIRST_METERS, site.size())) {
            history.of(m);
        }
        history.sample();

        // the first 16 were kept first: meters 1..6 made room for the last asked
        assertThat(history.of(site.get(6)).get("time")).as("meter 7").hasSize(1);
        assertThat(history.of(site.get(site.size() - 1)).get("time"))
                .as("the last meter")
                .hasSize(1);
        assertThat(history.of(site.get(0)).get("time")).as("meter 1, dropped").isEmpty();
    }
}
