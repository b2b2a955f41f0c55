package org.pro380.twin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.meter.TariffInput;

class ControlCallsTest extends ServerTestBase {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"T2, T2, 2, on", "t3, T3, 3, blinking", "None, NONE, 1, off"})
    void tariffInputTakesItsNamesInAnyCase(String sent, TariffInput expected, int activeTariff, String led) {
        if (expected == TariffInput.NONE) {
            twin.setTariffInput(TariffInput.T3);
        }

        HttpResponse<String> response = client.put("/api/tariff-input", "{\"input\":\"" + sent + "\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(twin.reading().tariffInput()).isEqualTo(expected);
        JsonNode state = ApiClient.json(response);
        assertThat(state.get("tariffInput").textValue()).isEqualToIgnoringCase(sent);
        assertThat(state.get("activeTariff").intValue()).isEqualTo(activeTariff);
        assertThat(state.get("registers").get("tariff").get("value").intValue()).isEqualTo(activeTariff);
        assertThat(state.get("leds").get("tariff").get("state").textValue()).isEqualTo(led);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"input\":\"T4\"}",
                "{\"input\":\"T1\"}",
                "{\"input\":2}",
                "{\"input\":null}",
                "{}",
                "{\"input\":\"T2\",\"pin\":1}",
                "\"T2\""
            })
    void badTariffInputIsRefusedAndChangesNothing(String body) {
        twin.setTariffInput(TariffInput.T2);

        HttpResponse<String> response = client.put("/api/tariff-input", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(ApiClient.error(response)).isNotBlank();
        assertThat(twin.reading().tariffInput()).isEqualTo(TariffInput.T2);
    }

    @Test
    void unknownTariffInputNamesTheLegalOnes() {
        HttpResponse<String> response = client.put("/api/tariff-input", "{\"input\":\"T4\"}");

        assertThat(ApiClient.error(response)).isEqualTo("input must be \"none\", \"T2\", \"T3\", got \"T4\"");
    }

    @Test
    void powerOffAndOnAgain() {
        HttpResponse<String> off = client.post("/api/power", "{\"on\":false}");

        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        assertThat(ApiClient.json(off).get("powered").booleanValue()).isFalse();
        assertThat(twin.meter.powered()).isFalse();

        HttpResponse<String> on = client.post("/api/power", "{\"on\":true}");

        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        JsonNode state = ApiClient.json(on);
        assertThat(state.get("powered").booleanValue()).isTrue();
        assertThat(state.get("powerCounter").intValue()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"on\":\"false\"}", "{\"on\":0}", "{}", "{\"on\":false,\"now\":true}", "[false]"})
    void badPowerBodyIsRefusedAndChangesNothing(String body) {
        HttpResponse<String> response = client.post("/api/power", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(ApiClient.error(response)).isNotBlank();
        assertThat(twin.meter.powered()).isTrue();
    }

    @Test
    void registerIsWrittenInItsDataType() {
        HttpResponse<String> response = client.put("/api/registers/lcd-cycle-time", "{\"value\":25}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(twin.writes).hasSize(1);
        assertThat(twin.writes.get(0).address()).isEqualTo(0x4010);
        assertThat(twin.writes.get(0).words()).containsExactly(0x0025);
        assertThat(twin.meter.settings().lcdCycleSeconds()).isEqualTo(25);
        assertThat(ApiClient.json(response)
                        .get("registers")
                        .get("lcd-cycle-time")
                        .get("value")
                        .intValue())
                .isEqualTo(25);
    }

    @Test
    void parityWriteShowsInTheState() {
        HttpResponse<String> response = client.put("/api/registers/parity", "{\"value\":2}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(ApiClient.json(response).get("parity").textValue()).isEqualTo("none");
    }

    @Test
    void illegalValueIsRefusedWithTheMetersReason() {
        HttpResponse<String> response = client.put("/api/registers/lcd-cycle-time", "{\"value\":31}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ApiClient.error(response)).isEqualTo("lcd-cycle-time must be 1..30, got 31");
        assertThat(twin.meter.settings().lcdCycleSeconds()).isEqualTo(10);
    }

    @Test
    void valueTheDataTypeCannotHoldIsRefused() {
        HttpResponse<String> response = client.put("/api/registers/lcd-cycle-time", "{\"value\":-1}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ApiClient.error(response)).startsWith("lcd-cycle-time: ");
        assertThat(twin.writes).isEmpty();
    }

    @Test
    void readOnlyRegisterIsRefused() {
        HttpResponse<String> response = client.put("/api/registers/serial-number", "{\"value\":12345678}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ApiClient.error(response))
                .startsWith("serial-number is read-only")
                .contains("lcd-cycle-time");
        assertThat(twin.writes).isEmpty();
        assertThat(twin.reading().identity().serialNumber()).isEqualTo(22091039);
    }

    @Test
    void unknownRegisterKeyIsNotFound() {
        HttpResponse<String> response = client.put("/api/registers/no-such-register", "{\"value\":1}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(ApiClient.error(response)).contains("no-such-register");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"value\":2.5}",
                "{\"value\":\"25\"}",
                "{\"value\":true}",
                "{}",
                "{\"value\":25,\"x\":1}",
                "{\"value\":4294967296}"
            })
    void badRegisterBodyIsRefusedAndWritesNothing(String body) {
        HttpResponse<String> response = client.put("/api/registers/lcd-cycle-time", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(ApiClient.error(response)).isNotBlank();
        assertThat(twin.writes).isEmpty();
        assertThat(twin.meter.settings().lcdCycleSeconds()).isEqualTo(10);
    }

    @Test
    void wholeNumberWrittenWithAFractionPartIsAccepted() {
        HttpResponse<String> response = client.put("/api/registers/backlight", "{\"value\":2.0}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(ApiClient.json(response).get("lcd").get("backlight").booleanValue())
                .isFalse();
    }
}
