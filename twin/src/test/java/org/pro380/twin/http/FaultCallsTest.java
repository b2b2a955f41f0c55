package org.pro380.twin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.protocol.Hex;

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
}
