package org.pro380.twin.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {

    @Test
    void defaultsAreThoseOfACommonGateway() {
        assertThat(ConnectionLimits.defaults()).isEqualTo(new ConnectionLimits(64, Duration.ofSeconds(60)));
    }

    @Test
    void eachLimitCanBeChangedAlone() {
        assertThat(ConnectionLimits.defaults().withMaxConnections(5).withIdleTimeout(Duration.ofSeconds(2)))
                .isEqualTo(new ConnectionLimits(5, Duration.ofSeconds(2)));
    }

    @Test
    void limitsThatWouldServeNobodyAreRefusedInOneLine() {
        assertThatThrownBy(() -> new ConnectionLimits(0, Duration.ofSeconds(1)))
                .hasMessage("max connections must be >= 1, got 0");
        assertThatThrownBy(() -> new ConnectionLimits(1, Duration.ZERO))
                .hasMessage("idle timeout must be > 0, got 0 ms");
    }
}
