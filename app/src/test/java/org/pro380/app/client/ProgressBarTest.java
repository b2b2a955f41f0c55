package org.pro380.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static final long MS = 1_000_000L;

    private long now;

    @Test
    void showsTheShareDoneAndTheTimeLeft() {
        // 186 ids to go at 200 ms each = 37.2 s
        assertThat(ProgressBar.render(62, 248, "unit 61", OptionalLong.of(200 * MS)))
                .isEqualTo("[#######.......................]  62/248  ETA 0:38  unit 61");
        assertThat(ProgressBar.render(0, 248, "unit 0 (broadcast)", OptionalLong.empty()))
                .contains("ETA --:--");
    }

    @Test
    void theEtaIsTheTimePerIdAskedNotPerStepDone() {
        ProgressBar bar = new ProgressBar(new PrintWriter(new StringWriter()), false, () -> now);
        // --all-settings: at 9600 8E1 a lone meter answers unit 0 in 20 ms and 247 ids are skipped
        bar.step(0, 3 * 248, 0, "unit 0 (broadcast) at 9600 8E1");
        now += 20 * MS;
        bar.step(248, 3 * 248, 0, "unit 0 (broadcast) at 9600 8N1");
        now += 200 * MS;
        bar.step(249, 3 * 248, 1, "unit 1 at 9600 8N1");
        assertThat(bar.nanosPerId())
                .as("unit 0 and the skipped ids are no ids asked")
                .isEmpty();

        now += 200 * MS;
        bar.step(250, 3 * 248, 2, "unit 2 at 9600 8N1");
        now += 100 * MS;
        bar.step(251, 3 * 248, 3, "unit 3 at 9600 8N1");

        assertThat(bar.nanosPerId()).hasValue(150 * MS);
    }

    @Test
    void isSilentWhenNotOnATerminal() {
        StringWriter err = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(err), false);
        bar.step(1, 2, 1, "unit 1");
        bar.finish();

        assertThat(err.toString()).isEmpty();
    }
}
