package org.pro380.twin.interop;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ExternalToolsTest {

    @Test
    void aMissingToolFailsTheTestOnCi() {
        assertThatThrownBy(() -> ExternalTools.missing("mbpoll is not installed", "mbpoll", true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CI=true")
                .hasMessageContaining("apt-get install mbpoll");
    }

    @Test
    void aMissingToolSkipsTheTestElsewhere() {
        assertThatThrownBy(() -> ExternalTools.missing("mbpoll is not installed", "mbpoll", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("apt-get install mbpoll");
    }
}
