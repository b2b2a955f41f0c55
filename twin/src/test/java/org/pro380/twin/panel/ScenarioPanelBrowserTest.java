package org.pro380.twin.panel;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.scenario.ScenarioJson;

/** The panel shows the scenario playing, its step and next step, and that it stopped. */
@Timeout(60)
class ScenarioPanelBrowserTest extends BrowserTestBase {

    @TempDir
    Path state;

    @Test
    void thePanelShowsTheScenariosProgressThenThatItStopped() throws Exception {
        var scenario = ScenarioJson.parse("cut", "test", """
                {"steps": [{"at": "0s", "tariffInput": "T2"},
                           {"at": "10m", "note": "the power fails", "power": "off"}]}""");
        open(TwinConfig.forTests(state).scenario(scenario).build(), "/");
        await("the event stream is live", () -> text("link"), "live");

        await("the scenario is named", () -> text("scenario-name"), "cut");
        await("it plays", () -> text("scenario-state"), "playing");
        await("step 1 is done", () -> text("scenario-step").replaceAll(" · .*", ""), "step 1 of 2");
        await("the next step is said", () -> text("scenario-next"), "next: step 2 at 600 s, power (the power fails)");

        twin.scenarios().orElseThrow().stop();

        await("it stopped", () -> text("scenario-state"), "stopped");
        await("no next step", () -> text("scenario-next"), "");
    }
}
