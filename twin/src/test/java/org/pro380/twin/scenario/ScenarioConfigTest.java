package org.pro380.twin.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.twin.ConfigFile;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.TwinOption;
import org.pro380.twin.TwinOptions;
import org.pro380.twin.TwinStartException;
import org.pro380.twin.source.SourceSpec;

/** A scenario from the config file (a shipped one, a file beside it, one inline) and from the flags. */
class ScenarioConfigTest {

    @TempDir
    Path dir;

    private TwinConfig fromConfig(String json) throws Exception {
        Path file = Files.writeString(dir.resolve("twin.json"), json);
        TwinConfig.Builder builder = TwinConfig.builder(dir.resolve("state"));
        ConfigFile.apply(file, builder);
        return builder.build();
    }

    private TwinConfig fromFlags(Map<TwinOption<?>, Object> flags) {
        TwinConfig.Builder builder = TwinConfig.builder(dir.resolve("state"));
        TwinOptions.applyFlags(builder, flags);
        return builder.build();
    }

    @Test
    void theConfigFileNamesAShippedOneAndLoopsIt() throws Exception {
        TwinConfig config = fromConfig("{\"scenario\": \"grid-meter-lost\", \"scenarioLoop\": true}");

        assertThat(config.scenario()).map(Scenario::name).contains("grid-meter-lost");
        assertThat(config.scenario()).map(Scenario::loop).contains(true);
    }

    @Test
    void aFileIsReadBesideTheConfigAndOneInlineTakesTheConfigsWord() throws Exception {
        Files.writeString(dir.resolve("cut.json"), "{\"steps\": [{\"at\": \"1m\", \"power\": \"off\"}]}");

        assertThat(fromConfig("{\"scenario\": \"cut.json\"}").scenario())
                .map(Scenario::name)
                .contains("cut");
        assertThat(fromConfig("{\"scenario\": {\"steps\": [{\"at\": \"1s\", \"power\": \"off\"}]}}")
                        .scenario())
                .map(Scenario::name)
                .contains("inline");
    }

    @Test
    void theFlagsPlayOneAndLoopItWhateverItsFileSays() {
        TwinConfig config = fromFlags(Map.of(TwinOptions.SCENARIO, "ct-reversed-l2", TwinOptions.SCENARIO_LOOP, true));

        assertThat(config.scenario()).map(Scenario::loop).contains(true);
        assertThat(fromFlags(Map.of()).scenario()).isEmpty();
    }

    @Test
    void aBadOneIsOneLineNamingTheFileAndStep() throws Exception {
        Path bad = Files.writeString(
                dir.resolve("bad.json"), "{\"steps\": [{\"at\": \"1s\", \"power\": \"off\"}, {\"at\": \"2s\"}]}");

        assertThatThrownBy(() -> fromFlags(Map.of(TwinOptions.SCENARIO, bad.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(bad + ": step 2: does nothing: give one of storageFault, faults, load, profile, "
                        + "tariffInput, power");
        assertThatThrownBy(() -> fromFlags(Map.of(TwinOptions.SCENARIO, "grid-lost")))
                .hasMessageStartingWith("no scenario 'grid-lost': the shipped ones are grid-meter-lost");
        assertThatThrownBy(() -> fromConfig("{\"scenario\": 3}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scenario: a scenario is a JSON object with \"steps\"")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aScenarioForAMeterTheSiteHasNotIsAConfigErrorInOneLine() {
        Scenario scenario = ScenarioJson.read(
                "far", ScenarioJsonTest.json("{\"steps\": [{\"at\": \"1s\", \"meter\": 5, \"power\": \"off\"}]}"));

        assertThatThrownBy(() -> TwinConfig.forTests(dir.resolve("state"))
                        .meters(4)
                        .scenario(scenario)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scenario far: step 1: no meter 5: the meters of this site are 1 to 4");
    }

    @Test
    void aProfileForAMeterThatMirrorsASourceStopsTheTwinsStartInOneLine() {
        Scenario scenario =
                ScenarioJson.read("pv", ScenarioJsonTest.json("{\"steps\": [{\"at\": \"1s\", \"profile\": \"pv\"}]}"));
        TwinConfig config = TwinConfig.forTests(dir.resolve("state"))
                .http(null)
                .source(SourceSpec.of("mqtt://127.0.0.1:1/grid"))
                .scenario(scenario)
                .build();

        assertThatThrownBy(() -> Twin.start(config).close())
                .isInstanceOf(TwinStartException.class)
                .hasMessageStartingWith("scenario pv: step 1: meter 1 mirrors ")
                .hasMessageEndingWith(": its load comes from there, not from a profile");
    }
}
