package org.pro380.twin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.TwinStartException;

/**
 * Wiring and storage faults through the control API of a real twin of two meters, its memory on
 * disk (docs/faults.md): what the registers, the LCD and the memory show of them.
 */
@Timeout(60)
class MeterFaultsApiTest {

    @TempDir
    Path state;

    Twin twin;
    ApiClient client;

    @BeforeEach
    void start() throws TwinStartException {
        twin = Twin.start(TwinConfig.forTests(state)
                .tcp(null)
                .rtuTcp(null)
                .meters(2)
                .timeScale(3600)
                .build());
        client = new ApiClient(twin.httpAddress().orElseThrow().getPort());
    }

    @AfterEach
    void stop() {
        twin.close();
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ApiClient.json(response);
    }

    private JsonNode state(int k) {
        return ok(client.get("/api/meters/" + k + "/state"));
    }

    private static JsonNode register(JsonNode state, String key) {
        return state.get("registers").get(key).get("value");
    }

    private JsonNode powerCycle(int k) {
        ok(client.post("/api/meters/" + k + "/power", "{\"on\":false}"));
        return ok(client.post("/api/meters/" + k + "/power", "{\"on\":true}"));
    }

    @Test
    void aReversedCtShowsImportAsExportOnItsPhaseAndIsTheForbiddenFlow() {
        JsonNode faults = ok(client.put("/api/meters/2/faults", "{\"reversedCt\":{\"phases\":[\"L1\"]}}"));

        assertThat(faults.get("reversedCt").get("phases").toString()).isEqualTo("[\"L1\"]");
        JsonNode meter2 = state(2);
        assertThat(register(meter2, "direction-l1").textValue()).isEqualTo("1R");
        assertThat(register(meter2, "direction-l2").textValue()).isEqualTo("2F");
        assertThat(register(meter2, "quadrant-l1").intValue()).isEqualTo(3);
        assertThat(register(meter2, "active-power-l1").doubleValue()).isNegative();
        assertThat(register(meter2, "current-l1").doubleValue()).isNegative();
        assertThat(meter2.get("lcd").get("phases").get(0).get("text").textValue())
                .isEqualTo("L1 ←");
        assertThat(meter2.get("forbiddenFlow").booleanValue()).isTrue();
        assertThat(meter2.get("load").get("phases").get(0).get("export").booleanValue())
                .as("the load itself")
                .isFalse();
        assertThat(state(1).get("forbiddenFlow").booleanValue())
                .as("meter 1 is wired right")
                .isFalse();

        ok(client.delete("/api/meters/2/faults"));

        assertThat(register(state(2), "direction-l1").textValue()).isEqualTo("1F");
    }

    @Test
    void aLostPhaseAndALostNeutralAreMeasured() {
        ok(client.put("/api/faults", "{\"lostPhase\":{\"phases\":\"L3\",\"for\":\"6000m\"},\"lostNeutral\":{}}"));

        JsonNode meter1 = state(1);
        assertThat(register(meter1, "voltage-l3").doubleValue()).isZero();
        assertThat(register(meter1, "current-l3").doubleValue()).isZero();
        assertThat(register(meter1, "voltage-l1").doubleValue())
                .isNotEqualTo(register(meter1, "voltage-l2").doubleValue());
        JsonNode faults = ok(client.get("/api/faults"));
        assertThat(faults.get("lostPhase").has("until")).isTrue();
        assertThat(faults.get("lostNeutral").has("phases")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"reversedCt\":{\"phases\":[\"L1\"],\"count\":3}}",
                "{\"reversedCt\":{\"phases\":[\"L1\"],\"probability\":0.5}}",
                "{\"lostPhase\":{\"phases\":[\"L1\"],\"functions\":[3]}}",
                "{\"lostNeutral\":{\"registers\":{\"from\":1}}}",
                "{\"reversedCt\":{}}",
                "{\"reversedCt\":{\"phases\":[]}}",
                "{\"lostPhase\":{\"phases\":[\"L4\"]}}",
                "{\"lostNeutral\":{\"phases\":[\"L1\"]}}",
                "{\"lostNeutral\":{\"for\":\"soon\"}}",
                "{\"lostNeutral\":true}"
            })
    void badWiringFaultsAre400WithOneLineAndChangeNothing(String body) {
        ok(client.put("/api/faults", "{\"reversedCt\":{\"phases\":[\"L2\"]}}"));

        HttpResponse<String> response = client.put("/api/faults", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(ApiClient.error(response)).isNotBlank().doesNotContain("\n");
        assertThat(ok(client.get("/api/faults")).fieldNames()).toIterable().containsExactly("reversedCt");
        assertThat(register(state(1), "direction-l2").textValue()).isEqualTo("2R");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"80, 128, false", "0F, 15, false", "0d, 13, true", "0C, 12, true", "1d, 29, true"})
    void aStorageFaultShowsItsErrAfterPowerOffAndOnAndTheNextPowerOnIsClean(
            String code, int register, boolean energyKept) {
        ok(client.put("/api/meters/2/storage-fault", "{\"code\":\"" + code + "\"}"));
        assertThat(ok(client.get("/api/meters/2/storage-fault")).get("code").textValue())
                .isEqualTo(code);
        ok(client.post("/api/meters/2/power", "{\"on\":false}"));
        double before = register(state(2), "active-energy").doubleValue();

        JsonNode faulted = ok(client.post("/api/meters/2/power", "{\"on\":true}"));

        assertThat(faulted.get("storageError").get("code").textValue()).isEqualTo(code);
        assertThat(register(faulted, "error-code").intValue()).isEqualTo(register);
        assertThat(faulted.get("lcd").get("pages").get(0).textValue()).isEqualTo("ERR " + code);
        assertThat(ok(client.get("/api/meters/2/storage-fault")).get("code").isNull())
                .as("used up")
                .isTrue();
        if (energyKept) {
            assertThat(register(faulted, "active-energy").doubleValue()).isGreaterThanOrEqualTo(before);
        } else {
            assertThat(register(faulted, "active-energy").isNull())
                    .as("energy unknown")
                    .isTrue();
        }
        assertThat(state(1).get("storageError").isNull())
                .as("meter 1 untouched")
                .isTrue();

        JsonNode recovered = powerCycle(2);

        assertThat(recovered.get("storageError").isNull()).isTrue();
        assertThat(register(recovered, "error-code").intValue()).isZero();
        if (!code.equals("0F")) {
            assertThat(register(recovered, "active-energy").doubleValue())
                    .as("the copies kept what was saved before the fault")
                    .isGreaterThanOrEqualTo(before);
        }
    }

    @Test
    void meter1sStorageFaultAndDeleteClearsIt() {
        ok(client.put("/api/storage-fault", "{\"code\":\"0D\"}"));
        assertThat(ok(client.get("/api/storage-fault")).get("text").textValue()).isEqualTo("ERR 0d");

        assertThat(ok(client.delete("/api/storage-fault")).get("code").isNull()).isTrue();

        assertThat(powerCycle(1).get("storageError").isNull()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"code\":\"0E\"}", "{\"code\":80}", "{}", "{\"code\":\"0d\",\"when\":1}", "[]"})
    void badStorageFaultsAre400WithOneLineAndChangeNothing(String body) {
        ok(client.put("/api/meters/2/storage-fault", "{\"code\":\"1d\"}"));

        HttpResponse<String> response = client.put("/api/meters/2/storage-fault", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(ApiClient.error(response)).isNotBlank().doesNotContain("\n");
        assertThat(ok(client.get("/api/meters/2/storage-fault")).get("code").textValue())
                .isEqualTo("1d");
    }
}
