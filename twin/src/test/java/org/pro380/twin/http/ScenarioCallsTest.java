package org.pro380.twin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.testkit.Await;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;

/** {@code /api/scenario} on a twin of two meters in real time: steps at 0 s play at once, later ones wait. */
class ScenarioCallsTest {

    private static final String SCENARIO = """
            {"name": "ct", "steps": [
              {"at": "0s", "meter": 2, "faults": {"reversedCt": {"phases": ["L2"]}}, "tariffInput": "T2"},
              {"at": "1m", "faults": {}}]}""";

    @TempDir
    Path dir;

    private Twin twin;
    private ApiClient client;

    @BeforeEach
    void start() throws Exception {
        twin = Twin.start(TwinConfig.forTests(dir.resolve("state")).meters(2).build());
        client = new ApiClient(twin.httpAddress().orElseThrow().getPort());
    }

    @AfterEach
    void stop() {
        twin.close();
    }

    @Test
    void beforeAnyScenarioNoneIsPlaying() {
        JsonNode status = ApiClient.json(client.get("/api/scenario"));

        assertThat(status.get("name").isNull()).isTrue();
        assertThat(status.get("playing").booleanValue()).isFalse();
    }

    @Test
    void postPlaysTheBodysScenarioAndGetShowsWhereItStands() throws Exception {
        HttpResponse<String> posted = client.post("/api/scenario", SCENARIO);

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        await(
                "step 1 applied",
                () -> twin.scenarios()
                                .orElseThrow()
                                .status()
                                .orElseThrow()
                                .playback()
                                .applied()
                        == 1);
        JsonNode status = ApiClient.json(client.get("/api/scenario"));
        assertThat(status.get("name").textValue()).isEqualTo("ct");
        assertThat(status.get("playing").booleanValue()).isTrue();
        assertThat(status.get("loop").booleanValue()).isFalse();
        assertThat(status.get("steps").intValue()).isEqualTo(2);
        assertThat(status.get("applied").intValue()).isEqualTo(1);
        assertThat(status.get("step").intValue()).isEqualTo(2);
        assertThat(status.get("nextAt").doubleValue()).isEqualTo(60.0);
        assertThat(status.get("nextIn").doubleValue()).isBetween(0.0, 60.0);
        assertThat(status.get("nextDoes").textValue()).isEqualTo("faults");
        assertThat(status.get("length").doubleValue()).isEqualTo(60.0);
        assertThat(twin.meter(2).faults().active()).hasSize(1);
        assertThat(twin.meter(1).faults().active()).isEmpty();
        assertThat(ApiClient.json(client.get("/api/meters/2/state"))
                        .get("forbiddenFlow")
                        .booleanValue())
                .isTrue();
    }

    @Test
    void deleteStopsItAndWhatItSetStays() throws Exception {
        client.post("/api/scenario", SCENARIO);
        await("step 1 applied", () -> !twin.meter(2).faults().active().isEmpty());

        HttpResponse<String> deleted = client.delete("/api/scenario");

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        JsonNode status = ApiClient.json(deleted);
        assertThat(status.get("playing").booleanValue()).isFalse();
        assertThat(status.get("nextIn").isNull()).isTrue();
        assertThat(twin.meter(2).faults().active()).hasSize(1);
    }

    @Test
    void aShippedOneIsPlayedByName() {
        HttpResponse<String> posted = client.post("/api/scenario", "{\"name\":\"noisy-bus\",\"loop\":true}");

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        JsonNode status = ApiClient.json(posted);
        assertThat(status.get("name").textValue()).isEqualTo("noisy-bus");
        assertThat(status.get("loop").booleanValue()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"steps\":[{\"at\":\"0s\",\"power\":\"off\"},{\"at\":\"1s\",\"faults\":{\"dorp\":{}}}]}",
                "{\"steps\":[{\"at\":\"0s\",\"meter\":3,\"power\":\"off\"}]}",
                "{\"name\":\"no-such-scenario\"}",
                "{\"steps\":[]}",
                "[1]"
            })
    void aBadScenarioIs400InOneLineAndTheOnePlayingGoesOn(String body) {
        client.post("/api/scenario", SCENARIO);

        HttpResponse<String> refused = client.post("/api/scenario", body);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(ApiClient.error(refused)).isNotBlank();
        JsonNode status = ApiClient.json(client.get("/api/scenario"));
        assertThat(status.get("name").textValue()).isEqualTo("ct");
        assertThat(status.get("playing").booleanValue()).isTrue();
        assertThat(twin.meter(1).reading().powered()).isTrue();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(what, Duration.ofSeconds(30), condition);
    }
}
