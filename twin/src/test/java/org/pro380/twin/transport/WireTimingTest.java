package org.pro380.twin.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.Parity;

class WireTimingTest {

    private static final LineSettings LINE_9600_8E1 = new LineSettings(9600, Parity.EVEN);

    @Test
    void offReleasesRepliesAtOnce() {
        assertThat(WireTiming.off().replyDelay(LINE_9600_8E1, 8, 17)).isZero();
        assertThat(WireTiming.off().enabled()).isFalse();
    }

    @Test
    void delayIsRequestPlusGapPlusTurnaroundPlusReplyAt9600Even() {
        // 11 bits per character: 8 x 1,145,833 + 4,010,416 (3.5 chars) + 5 ms + 17 x 1,145,833 ns
        assertThat(WireTiming.of(Duration.ofMillis(5)).replyDelay(LINE_9600_8E1, 8, 17))
                .isEqualTo(Duration.ofNanos(9_166_664 + 4_010_416 + 5_000_000 + 19_479_161));
    }

    @Test
    void delayFollowsBaudAndParity() {
        // 10 bits per character at 8N1: 2,083,333 ns at 4800; gap 3.5 chars = 7,291,666 ns
        assertThat(WireTiming.of(Duration.ZERO).replyDelay(new LineSettings(4800, Parity.NONE), 8, 8))
                .isEqualTo(Duration.ofNanos(16 * 2_083_333 + 7_291_666));
    }

    @Test
    void onAPhysicalLineOnlyGapAndTurnaroundAreAdded() {
        assertThat(WireTiming.of(Duration.ofMillis(5)).onPhysicalLine().replyDelay(LINE_9600_8E1, 8, 17))
                .isEqualTo(Duration.ofNanos(4_010_416 + 5_000_000));
        assertThat(WireTiming.off().onPhysicalLine().replyDelay(LINE_9600_8E1, 8, 17))
                .isZero();
    }

    @Test
    void negativeTurnaroundIsRefused() {
        assertThatThrownBy(() -> WireTiming.of(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
