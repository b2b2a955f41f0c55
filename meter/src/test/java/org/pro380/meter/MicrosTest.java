package org.pro380.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Meter time in whole microseconds: floored, saturated far away, and back. */
class MicrosTest {

    @Test
    void anInstantIsFlooredToTheMicrosecond() {
        assertThat(Micros.of(Instant.ofEpochSecond(2, 1_999))).isEqualTo(2_000_001);
        assertThat(Micros.of(Instant.ofEpochSecond(-1, 999_999_999)))
                .as("1 ns before the epoch")
                .isEqualTo(-1);
        assertThat(Micros.instant(-1)).isEqualTo(Instant.ofEpochSecond(-1, 999_999_000));
        assertThat(Micros.instant(2_000_001)).isEqualTo(Instant.ofEpochSecond(2, 1_000));
    }

    @Test
    void theFarFutureAndPastAreAsFarAsALongGoes() {
        assertThat(Micros.of(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
        assertThat(Micros.of(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void anExactTimeRefusesWhatIsShortOfAMicrosecond() {
        assertThat(Micros.exact(3, 5_000, "step")).isEqualTo(3_000_005);
        assertThatThrownBy(() -> Micros.exact(3, 5_001, "step"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole microseconds");
    }
}
