package org.pro380.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void showsTheShareDoneAndTheTimeLeft() {
        // 62 of 248 in 10 s: 186 to go at 10/62 s each = 30 s
        assertThat(ProgressBar.render(62, 248, "unit 61", 10_000_000_000L))
                .isEqualTo("[#######.......................]  62/248  ETA 0:30  unit 61");
        assertThat(ProgressBar.render(0, 248, "unit 0 (broadcast)", 0)).contains("ETA --:--");
    }

    @Test
    void isSilentWhenNotOnATerminal() {
        StringWriter err = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(err), false);
        bar.step(1, 2, "unit 1");
        bar.finish();

        assertThat(err.toString()).isEmpty();
    }
}
