package org.pro380.twin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pro380.meter.Load;
import org.pro380.meter.PhaseLoad;
import org.pro380.registers.Phase;

class LoadCallTest extends ServerTestBase {

    private static final String PHASE_16A =
            "{\"voltage\":230,\"current\":16,\"powerFactor\":1.0,\"export\":false,\"capacitive\":false}";
    private static final String GOOD = load("50", PHASE_16A, PHASE_16A, PHASE_16A);

    private static String load(String frequency, String... phases) {
        return "{\"frequency\":" + frequency + ",\"phases\":[" + String.join(",", phases) + "]}";
    }

    /** A body with a replaced first phase and two good ones. */
    private static String firstPhase(String phase) {
        return load("50", phase, PHASE_16A, PHASE_16A);
    }

    @Test
    void putLoadChangesTheRegistersAndAnswersTheNewState() {
        HttpResponse<String> response = client.put("/api/load", GOOD);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answered = ApiClient.json(response);
        assertThat(answered.get("registers").get("current-l1").get("value").doubleValue())
                .isEqualTo(16.0);
        assertThat(answered.get("load").get("phases").get(2).get("current").doubleValue())
                .isEqualTo(16.0);
        assertThat(client.state()
                        .get("registers")
                        .get("current-l3")
                        .get("value")
                        .doubleValue())
                .isEqualTo(16.0);
        PhaseLoad phase = PhaseLoad.importing(230, 16, 1.0);
        assertThat(twin.load()).isEqualTo(new Load(50, List.of(phase, phase, phase)));
    }

    @Test
    void exportAndCapacitiveDefaultToFalse() {
        String bare = "{\"voltage\":230,\"current\":5,\"powerFactor\":0.9}";
        String exporting = "{\"voltage\":230,\"current\":5,\"powerFactor\":0.9,\"export\":true,\"capacitive\":true}";

        HttpResponse<String> response = client.put("/api/load", load("60", exporting, bare, bare));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(twin.load().phase(Phase.L1)).isEqualTo(new PhaseLoad(230, 5, 0.9, true, true));
        assertThat(twin.load().phase(Phase.L2)).isEqualTo(new PhaseLoad(230, 5, 0.9, false, false));
        JsonNode registers = ApiClient.json(response).get("registers");
        assertThat(registers.get("current-l1").get("value").doubleValue()).isEqualTo(-5.0);
        assertThat(registers.get("direction-l1").get("value").textValue()).isEqualTo("1R");
        assertThat(registers.get("frequency").get("value").doubleValue()).isEqualTo(60.0);
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("not JSON", "frequency=50", "not valid JSON"),
                Arguments.of("empty body", "", "empty"),
                Arguments.of("cut short", GOOD.substring(0, GOOD.length() - 2), "not valid JSON"),
                Arguments.of("trailing data", GOOD + " {}", "not valid JSON"),
                Arguments.of("an array", "[" + GOOD + "]", "JSON object"),
                Arguments.of("null", "null", "JSON object"),
                Arguments.of("duplicate field", "{\"frequency\":50," + GOOD.substring(1), "frequency"),
                Arguments.of("unknown field", "{\"volts\":230," + GOOD.substring(1), "unknown field \"volts\""),
                Arguments.of(
                        "unknown phase field",
                        firstPhase("{\"voltage\":230,\"current\":16,\"powerFactor\":1,\"phase\":1}"),
                        "unknown field \"phase\""),
                Arguments.of(
                        "missing frequency",
                        "{\"phases\":[" + PHASE_16A + "," + PHASE_16A + "," + PHASE_16A + "]}",
                        "missing field \"frequency\""),
                Arguments.of("missing phases", "{\"frequency\":50}", "missing field \"phases\""),
                Arguments.of(
                        "missing voltage",
                        firstPhase("{\"current\":16,\"powerFactor\":1}"),
                        "missing field \"phases[0].voltage\""),
                Arguments.of(
                        "missing current",
                        firstPhase("{\"voltage\":230,\"powerFactor\":1}"),
                        "missing field \"phases[0].current\""),
                Arguments.of(
                        "missing power factor",
                        firstPhase("{\"voltage\":230,\"current\":16}"),
                        "missing field \"phases[0].powerFactor\""),
                Arguments.of(
                        "frequency as string",
                        load("\"50\"", PHASE_16A, PHASE_16A, PHASE_16A),
                        "frequency must be a number"),
                Arguments.of(
                        "voltage as string",
                        firstPhase("{\"voltage\":\"230\",\"current\":16,\"powerFactor\":1}"),
                        "phases[0].voltage must be a number"),
                Arguments.of(
                        "current null",
                        firstPhase("{\"voltage\":230,\"current\":null,\"powerFactor\":1}"),
                        "phases[0].current must be a number, got null"),
                Arguments.of(
                        "export as string",
                        firstPhase("{\"voltage\":230,\"current\":16,\"powerFactor\":1,\"export\":\"true\"}"),
                        "phases[0].export must be true or false"),
                Arguments.of(
                        "capacitive as number",
                        firstPhase("{\"voltage\":230,\"current\":16,\"powerFactor\":1,\"capacitive\":1}"),
                        "phases[0].capacitive must be true or false"),
                Arguments.of(
                        "phases not an array",
                        "{\"frequency\":50,\"phases\":" + PHASE_16A + "}",
                        "phases must be an array"),
                Arguments.of(
                        "phase not an object",
                        load("50", "230", PHASE_16A, PHASE_16A),
                        "phases[0] must be a JSON object"),
                Arguments.of("two phases", load("50", PHASE_16A, PHASE_16A), "exactly 3 phases, got 2"),
                Arguments.of(
                        "four phases",
                        load("50", PHASE_16A, PHASE_16A, PHASE_16A, PHASE_16A),
                        "exactly 3 phases, got 4"),
                Arguments.of("no phases", load("50"), "exactly 3 phases, got 0"),
                Arguments.of(
                        "negative voltage",
                        firstPhase("{\"voltage\":-1,\"current\":16,\"powerFactor\":1}"),
                        "phases[0]: voltage must be >= 0"),
                Arguments.of(
                        "negative current",
                        firstPhase("{\"voltage\":230,\"current\":-0.5,\"powerFactor\":1}"),
                        "phases[0]: current must be >= 0"),
                Arguments.of(
                        "power factor above 1",
                        firstPhase("{\"voltage\":230,\"current\":16,\"powerFactor\":1.5}"),
                        "phases[0]: powerFactor must be 0..1"),
                Arguments.of(
                        "power factor below 0",
                        firstPhase("{\"voltage\":230,\"current\":16,\"powerFactor\":-0.1}"),
                        "phases[0]: powerFactor must be 0..1"),
                Arguments.of(
                        "voltage too large for a double",
                        firstPhase("{\"voltage\":1e999,\"current\":16,\"powerFactor\":1}"),
                        "voltage must be a number, got"),
                Arguments.of(
                        "frequency below 45 Hz",
                        load("44.9", PHASE_16A, PHASE_16A, PHASE_16A),
                        "frequency must be 45..65 Hz"),
                Arguments.of(
                        "frequency above 65 Hz",
                        load("66", PHASE_16A, PHASE_16A, PHASE_16A),
                        "frequency must be 45..65 Hz"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void malformedLoadIsRefusedAndChangesNothing(String what, String body, String expectedError) {
        Load before = twin.load();
        JsonNode registersBefore = client.state().get("registers");

        HttpResponse<String> response = client.put("/api/load", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(ApiClient.error(response)).contains(expectedError);
        assertThat(twin.load()).isEqualTo(before);
        assertThat(client.state().get("registers")).isEqualTo(registersBefore);
    }
}
