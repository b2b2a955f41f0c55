package org.pro380.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pro380.meter.StorageError;
import org.pro380.meter.TariffInput;
import org.pro380.meter.WiringFault;
import org.pro380.registers.Phase;
import org.pro380.twin.fault.Fault;

/** The scenario file: every step kind, and a bad one is one line that names its step. */
class ScenarioJsonTest {

    static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyStepKindReadsAsTheControlApiTakesIt() {
        Scenario scenario = ScenarioJson.parse("file-name", "test.json", """
                {"description": "all of it", "length": "5m", "steps": [
                  {"at": "0s", "load": {"frequency": 50, "phases": [
                      {"voltage": 230, "current": 10, "powerFactor": 1},
                      {"voltage": 230, "current": 10, "powerFactor": 1},
                      {"voltage": 230, "current": 10, "powerFactor": 1}]}},
                  {"at": "500ms", "meter": 2, "profile": "pv"},
                  {"at": 1500, "meter": [1, 3], "tariffInput": "t2", "note": "12 V on pin 2"},
                  {"at": "10s", "faults": {"drop": {"probability": 0.5}, "reversedCt": {"phases": ["L2"]}}},
                  {"at": "1m", "storageFault": "0d", "faults": {}, "power": "off"},
                  {"at": "2m", "power": "on", "profile": null, "storageFault": null}]}""");

        assertThat(scenario.name()).isEqualTo("file-name");
        assertThat(scenario.description()).isEqualTo("all of it");
        assertThat(scenario.loop()).isFalse();
        assertThat(scenario.length()).isEqualTo(Duration.ofMinutes(5));
        List<Step> steps = scenario.steps();
        assertThat(steps)
                .extracting(Step::at)
                .containsExactly(
                        Duration.ZERO,
                        Duration.ofMillis(500),
                        Duration.ofMillis(1500),
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(2));
        assertThat(((Action.SetLoad) steps.get(0).actions().get(0))
                        .load()
                        .phases()
                        .get(0)
                        .current())
                .isEqualTo(10);
        assertThat(steps.get(1).meters()).containsExactly(2);
        assertThat(((Action.PlayProfile) steps.get(1).actions().get(0)).profile())
                .isPresent();
        assertThat(steps.get(2).meters()).containsExactly(1, 3);
        assertThat(steps.get(2).actions()).containsExactly(new Action.SetTariffInput(TariffInput.T2));
        assertThat(steps.get(2).note()).isEqualTo("12 V on pin 2");
        List<Fault> faults = ((Action.ReplaceFaults) steps.get(3).actions().get(0))
                .faults().stream().map(r -> r.fault()).toList();
        assertThat(faults)
                .containsExactly(new Fault.Drop(), new Fault.Wiring(new WiringFault.ReversedCt(Set.of(Phase.L2))));
        assertThat(steps.get(4).does()).isEqualTo("storageFault, faults, power");
        assertThat(steps.get(4).actions())
                .containsExactly(
                        new Action.SetStorageFault(Optional.of(StorageError.ERR_0D)),
                        new Action.ReplaceFaults(List.of()),
                        new Action.SetPower(false));
        assertThat(steps.get(5).actions())
                .containsExactly(
                        new Action.SetStorageFault(Optional.empty()),
                        new Action.PlayProfile(Optional.empty()),
                        new Action.SetPower(true));
    }

    @Test
    void aScenarioNamesItselfAndItsLengthIsItsLastStepUnlessGiven() {
        Scenario scenario = ScenarioJson.read("posted", json("""
                {"name": "mine", "loop": true, "steps": [{"at": "2m", "power": "off"}]}"""));

        assertThat(scenario.name()).isEqualTo("mine");
        assertThat(scenario.loop()).isTrue();
        assertThat(scenario.length()).isEqualTo(Duration.ofMinutes(2));
        assertThat(scenario.withLoop(false).loop()).isFalse();
    }

    @Test
    void stepsOfALongScenarioAreGivenInHours() {
        Scenario scenario = ScenarioJson.read("night", json("{\"steps\": [{\"at\": \"8h\", \"power\": \"off\"}]}"));

        assertThat(scenario.steps().get(0).at()).isEqualTo(Duration.ofHours(8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"steps": [{"at": "0s", "power": "on"}, {"at": "1s", "power": "sideways"}]}        | step 2: power: must be "on" or "off", got "sideways"
            {"steps": [{"at": "0s", "power": "on"}, {"at": "1s", "faults": {"dorp": {}}}]}     | step 2: faults: no fault "dorp"
            {"steps": [{"at": "0s", "faults": {"drop": {"probability": "x"}}}]}                | step 1: faults: drop: probability must be a number
            {"steps": [{"at": "soon", "power": "on"}]}                                         | step 1: at must be a duration like 300ms, 2s or 1m, got "soon"
            {"steps": [{"power": "on"}]}                                                       | step 1: missing "at"
            {"steps": [{"at": "1s"}]}                                                          | step 1: does nothing
            {"steps": [{"at": "1s", "colour": "red"}]}                                         | step 1: unknown field "colour"
            {"steps": [{"at": "1s", "meter": 0, "power": "on"}]}                               | step 1: meter must be a meter's number
            {"steps": [{"at": "1s", "tariffInput": "T4"}]}                                     | step 1: tariffInput: must be "none", "T2"
            {"steps": [{"at": "1s", "storageFault": "99"}]}                                    | step 1: storageFault: must be one of "80"
            {"steps": [{"at": "1s", "profile": "sunny"}]}                                      | step 1: profile: no built-in profile "sunny"
            {"steps": [{"at": "1s", "load": {"frequency": 50}}]}                               | step 1: load:
            {"steps": [{"at": "5s", "power": "off"}, {"at": "2s", "power": "on"}]}             | step 2: at 2s comes before step 1's 5s
            {"steps": []}                                                                      | "steps" must be a list of at least one step
            {"steps": [{"at": "0s", "power": "on"}], "loop": true}                             | a looping scenario needs a length above 0
            {"steps": [{"at": "2m", "power": "on"}], "length": "1m"}                           | length 60s ends before the last step, at 120s
            {"steps": [{"at": "0s", "power": "on"}], "loop": "yes"}                            | loop must be true or false
            {"steps": [{"at": "999999h", "power": "on"}]}                                      | a scenario lasts at most 3650 days
            {"steps": [{"at": "0s", "power": "on"}], "speed": 2}                               | unknown field "speed"
            """)
    void aBadScenarioIsOneLineThatNamesTheStep(String text, String message) {
        assertThatThrownBy(() -> ScenarioJson.parse("x", "x.json", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("x.json: " + message)
                .hasMessageNotContaining("\n");
    }

    @Test
    void textThatIsNotJsonNamesItsLine() {
        assertThatThrownBy(() -> ScenarioJson.parse("x", "x.json", "{\"steps\":\n[{\"at\": }]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("x.json:2: not valid JSON");
    }
}
