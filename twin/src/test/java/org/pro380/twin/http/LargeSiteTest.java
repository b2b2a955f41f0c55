package org.pro380.twin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.TwinStartException;

/**
 * A site of 10,000 meters in this process: the meter list pages and sorts the whole fleet, and
 * meter 10,000 answers. No time is asserted; the timeout only stops a hang (docs/benchmarks.md has
 * a figure measured by hand).
 */
@Timeout(60)
class LargeSiteTest {

    private static final int METERS = 10_000;

    @TempDir
    static Path state;

    static Twin twin;
    static ApiClient client;

    @BeforeAll
    static void startSite() throws TwinStartException {
        twin = Twin.start(
                TwinConfig.forTests(state).tcp(null).rtuTcp(null).meters(METERS).build());
        client = new ApiClient(twin.httpAddress().orElseThrow().getPort());
    }

    @AfterAll
    static void stopSite() {
        if (twin != null) {
            twin.close();
        }
    }

    @Test
    void theLastPageSortedByPowerHoldsTheIdlestMeters() {
        JsonNode first = ok("/api/meters?sort=activePower&order=desc&limit=1000");
        JsonNode last = ok("/api/meters?sort=activePower&order=desc&offset=9990&limit=1000");

        assertThat(first.get("total").intValue()).isEqualTo(METERS);
        assertThat(first.get("meters")).hasSize(1000);
        assertThat(last.get("meters")).hasSize(10);
        double lowestOfFirst = first.at("/meters/999/activePower").doubleValue();
        for (JsonNode row : last.get("meters")) {
            assertThat(row.get("activePower").doubleValue()).isLessThanOrEqualTo(lowestOfFirst);
        }
        assertThat(first.at("/totals/powered").intValue()).isEqualTo(METERS);
    }

    @Test
    void theLastMeterIsThere() {
        JsonNode state = ok("/api/meters/10000/state");
        HttpResponse<String> past = client.get("/api/meters/10001/state");

        assertThat(state.get("meter").intValue()).isEqualTo(METERS);
        // buses of 247: meter 10,000 is the 120th of bus 41
        assertThat(state.get("bus").intValue()).isEqualTo(41);
        assertThat(state.get("unitId").intValue()).isEqualTo(120);
        assertThat(past.statusCode()).isEqualTo(404);
    }

    private static JsonNode ok(String path) {
        HttpResponse<String> response = client.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ApiClient.json(response);
    }
}
