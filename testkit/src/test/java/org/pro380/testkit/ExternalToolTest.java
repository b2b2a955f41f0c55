package org.pro380.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ExternalToolTest {

    @Test
    void aMissingToolFailsTheTestOnCi() {
        assertThatThrownBy(() -> ExternalTool.missing("mbpoll is not installed", "mbpoll", true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CI=true")
                .hasMessageContaining("apt-get install mbpoll");
    }

    @Test
    void aMissingToolSkipsTheTestElsewhere() {
        assertThatThrownBy(() -> ExternalTool.missing("mbpoll is not installed", "mbpoll", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("apt-get install mbpoll");
    }

    @Test
    void aPresentToolIsFound() {
        org.assertj.core.api.Assertions.assertThat(ExternalTool.require("sh", "dash")).isExecutable();
    }

    @Test
    void anAbsentToolIsReported() {
        assertThatThrownBy(() -> ExternalTool.require("no-such-tool-380", "no-such-package"))
                .hasMessageContaining("no-such-tool-380 is not installed")
                .hasMessageContaining("apt-get install no-such-package");
    }
}
