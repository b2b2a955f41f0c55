package org.pro380.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pro380.client.Endpoint;
import org.pro380.client.Traffic;
import org.pro380.protocol.LineSettings;

class RoundCostTest {

    @Test
    void aSnapshotIsThreeRequestsOf8BytesAndRepliesOf34_48_And88Registers() {
        // replies: 5 bytes + 2 per register: 73 + 101 + 181
        assertThat(RoundCost.snapshotTraffic()).isEqualTo(new Traffic(3, 24, 355));
    }

    @Test
    void at9600_8E1ASnapshotTakes458MsOfWireAnd60MetersTake27_5s() {
        // 379 characters of 11 bits at 9600 baud (1,145,833 ns each) and six 3.5-character silences (4,010,416 ns each)
        assertThat(RoundCost.snapshot(LineSettings.FACTORY))
                .isEqualTo(Duration.ofNanos(379L * 1_145_833 + 6L * 4_010_416));
        List<PolledMeter> meters = new ArrayList<>();
        for (int id = 1; id <= 60; id++) {
            meters.add(new PolledMeter(new BridgeMeter("bus", id, ""), PolledMeter.DEFAULT_INTERVAL));
        }
        BridgeLine line = new BridgeLine(
                "bus", new Endpoint.Serial("/dev/ttyUSB0", LineSettings.FACTORY), Duration.ofSeconds(1), 2, meters);
        assertThat(RoundCost.describe(line)).isEqualTo("bus: 60 meters at 9600 8E1: 27.5 s per round at best");
    }

    @Test
    void backoffDoublesFromOneSecondToAMinute() {
        assertThat(List.of(1, 2, 3, 6, 7, 100).stream()
                        .map(n -> Backoff.DEFAULT.after(n).toSeconds())
                        .toList())
                .containsExactly(1L, 2L, 4L, 32L, 60L, 60L);
    }
}
