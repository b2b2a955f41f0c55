package org.pro380.twin.panel;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.source.SourceSpec;
import org.pro380.twin.transport.CapturedLog;

/** The panel of a mirrored meter shows its source's state (docs/mirror.md). */
@Timeout(60)
class MirrorPanelBrowserTest extends BrowserTestBase {

    @TempDir
    Path state;

    @Test
    void theSourceLineSaysWhatTheSourceIsAndThatItIsStale() throws Exception {
        // nothing listens on port 1: the source stays unreachable, and the meter silent
        try (CapturedLog log = CapturedLog.start()) {
            open(
                    TwinConfig.forTests(state)
                            .source(SourceSpec.of("mqtt://127.0.0.1:1/site/meter"))
                            .build(),
                    "/");
        }
        await("the event stream is live", () -> text("link"), "live");
        await(
                "the source line",
                () -> text("source-state"),
                "Mirrors mqtt://127.0.0.1:1/site/meter (not connected, "
                        + "no value yet, stale: not answering Modbus)");
    }
}
