package org.pro380.twin.panel;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.profile.Profiles;
import org.pro380.twin.TwinConfig;

/** The panel shows which profile a meter plays and where in it the meter is, or that its load is fixed. */
@Timeout(60)
class ProfilePanelBrowserTest extends BrowserTestBase {

    @TempDir
    Path state;

    @Test
    void thePanelShowsTheProfileAndItsPositionThenTheFixedLoad() throws Exception {
        open(TwinConfig.forTests(state).profile(Profiles.resolve("pv")).build(), "/");
        await("the event stream is live", () -> text("link"), "live");

        await("the profile is named", () -> text("profile").replaceAll(" at .*", ""), "profile pv");
        awaitSame(
                "the position is the twin's",
                () -> text("profile").matches("profile pv at \\d\\d:\\d\\d:\\d\\d"),
                () -> true);

        twin.meter(1).setProfile(Optional.empty());

        await("the load is fixed again", () -> text("profile"), "fixed");
    }
}
