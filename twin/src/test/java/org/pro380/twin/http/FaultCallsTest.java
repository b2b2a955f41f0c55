package org.pro380.twin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.meter.MeterServer;
import org.pro380.protocol.Hex;
import org.pro380.twin.SiteMeter;
import org.pro380.twin.TwinSite;
import org.pro380.twin.bus.Bus;
import org.pro380.twin.fault.MeterFaults;

class FaultCallsTest extends ServerTestBase {

    private static final byte[] READ = Hex.parse("03 50 0c 00 06");

    @Test
    void putReplacesTheFaultsAndGetShowsHowOftenEachWasApplied() {
        client.put("/api/faults", "{\"drop\":{}}");
        HttpResponse<String> put = client.put(
                "/api/meters/1/faults",
                "{\"exception\":{\"code\":6,\"count\":3},\"delay\":{\"min\":\"300ms\",\"max\":\"900ms\"}}");

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        twin.faults.decide(READ);
        JsonNode faults = ApiClient.json(client.get("/api/faults"));
        assertThat(faults.has("drop")).isFalse();
        assertThat(faults.get("exception").get("code").intValue()).isEqualTo(6);
        assertThat(faults.get("exception").get("count").intValue()).isEqualTo(2);
        assertThat(faults.get("exception").get("applied").intValue()).isEqualTo(1);
        assertThat(faults.get("delay").get("min").textValue()).isEqualTo("300ms");
        assertThat(faults.get("delay").get("max").textValue()).isEqualTo("900ms");
    }

    @Test
    void deleteClearsThem() {
        client.put("/api/faults", "{\"drop\":{\"probability\":0.1}}");

        HttpResponse<String> deleted = client.delete("/api/meters/1/faults");

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(ApiClient.json(deleted).size()).isZero();
        assertThat(twin.faults.active()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"dorp\":{}}",
                "{\"drop\":{\"probability\":1.5}}",
                "{\"drop\":{\"probability\":\"x\"}}",
                "{\"exception\":{\"code\":5}}",
                "{\"delay\":{\"min\":\"fast\"}}",
                "{\"delay\":{}}",
                "{\"drop\":{\"count\":0}}",
                "{\"drop\":{\"count\":2,\"for\":\"1s\"}}",
                "{\"drop\":{\"registers\":{\"from\":9,\"to\":1}}}",
                "{\"drop\":{\"functions\":[]}}",
                "{\"drop\":{\"colour\":1}}",
                "{\"drop\":true}",
                "{\"split\":{\"gap\":\"soon\"}}",
                "{\"stuck\":{\"code\":1}}",
                "{\"noise\":{}}",
                "{\"swappedAB\":{}}",
                "{\"disconnect\":{\"count\":-1}}",
                "[\"drop\"]"
            })
    void badFaultsAre400WithOneLineAndChangeNothing(String body) {
        client.put("/api/faults", "{\"garbage\":{}}");

        HttpResponse<String> response = client.put("/api/faults", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(ApiClient.error(response)).isNotBlank().doesNotContain("\n");
        assertThat(twin.faults.active())
                .singleElement()
                .satisfies(s -> assertThat(s.rule().fault().name()).isEqualTo("garbage"));
    }

    @Test
    void anUnknownFaultNamesTheKnownOnes() {
        HttpResponse<String> response = client.put("/api/faults", "{\"dorp\":{}}");

        assertThat(ApiClient.error(response)).startsWith("no fault \"dorp\": they are drop, delay, exception");
    }

    /** Meter 1 on a bus of its own, as a running twin has it. */
    private Bus serveWithABus() throws Exception {
        Bus bus = new Bus(
                List.of(new MeterServer(twin.meter)),
                false,
                m -> twin.faults,
                new MeterFaults(Clock.fixed(MeterTwin.NOW, ZoneOffset.UTC), new SplittableRandom(1)));
        serve(
                new TwinSite() {
                    @Override
                    public List<? extends SiteMeter> meters() {
                        return List.of(twin);
                    }

                    @Override
                    public List<Bus> buses() {
                        return List.of(bus);
                    }
                },
                Optional.empty());
        return bus;
    }

    @Test
    void aBussLineFaultsArePutShownAndCleared() throws Exception {
        Bus bus = serveWithABus();

        HttpResponse<String> put =
                client.put("/api/buses/1/faults", "{\"noise\":{\"probability\":0.2,\"bytes\":\"zero\"}}");

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode shown = ApiClient.json(client.get("/api/buses/1/faults"));
        assertThat(shown.get("noise").get("probability").doubleValue()).isEqualTo(0.2);
        assertThat(shown.get("noise").get("bytes").textValue()).isEqualTo("zero");
        assertThat(twin.faults.active()).isEmpty(); // the meter's own faults are another matter
        assertThat(client.delete("/api/buses/1/faults").statusCode()).isEqualTo(200);
        assertThat(bus.lineFaults().active()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"drop\":{}}",
                "{\"noise\":{\"bytes\":\"ones\"}}",
                "{\"noise\":{\"probability\":2}}",
                "{\"swappedAB\":{\"count\":1}}",
                "{\"noise\":[]}"
            })
    void badLineFaultsAre400WithOneLineAndChangeNothing(String body) throws Exception {
        Bus bus = serveWithABus();
        client.put("/api/buses/1/faults", "{\"swappedAB\":{}}");

        HttpResponse<String> response = client.put("/api/buses/1/faults", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(ApiClient.error(response)).isNotBlank().doesNotContain("\n");
        assertThat(bus.lineFaults().active())
                .singleElement()
                .satisfies(s -> assertThat(s.rule().fault().name()).isEqualTo("swappedAB"));
    }

    @Test
    void aBusThatIsNotThereIs404AndALineFaultOnAMeterIs400() throws Exception {
        serveWithABus();

        assertThat(client.put("/api/buses/2/faults", "{\"swappedAB\":{}}").statusCode())
                .isEqualTo(404);
        HttpResponse<String> onMeter = client.put("/api/faults", "{\"noise\":{}}");
        assertThat(onMeter.statusCode()).isEqualTo(400);
        assertThat(ApiClient.error(onMeter)).contains("/api/buses/{b}/faults");
    }
}
