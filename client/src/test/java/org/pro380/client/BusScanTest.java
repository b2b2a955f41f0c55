package org.pro380.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pro380.protocol.LineSettings;

class BusScanTest {

    @Test
    void aLoneMeterIsFoundWithOneRequestAtUnitZero() throws Exception {
        try (FakeMeter meter = new FakeMeter(true)) {
            List<Integer> steps = new ArrayList<>();
            List<BusScan.Found> found = BusScan.scan(
                    meter.endpoint(), BusScan.Options.defaults(), (done, total, unitId, trying) -> steps.add(done));

            assertThat(found)
                    .containsExactly(new BusScan.Found(1, 22091039, 0x0102, LineSettings.FACTORY, 10, List.of()));
            assertThat(meter.requests.get()).isEqualTo(1);
            assertThat(steps).startsWith(0).endsWith(248);
        }
    }

    @Test
    void everyIdAsksEachUnitOfTheRange() throws Exception {
        try (FakeMeter meter = new FakeMeter(false)) {
            meter.unitId = 3;
            meter.memory[org.pro380.registers.Registers.UNIT_ID.address()] = 3;
            BusScan.Options options = new BusScan.Options(UnitIds.parse("1..4"), false, true, Duration.ofMillis(100));

            List<BusScan.Found> found = BusScan.scan(meter.endpoint(), options, BusScan.Progress.NONE);

            assertThat(found).extracting(BusScan.Found::unitId).containsExactly(3);
            assertThat(meter.requestsOnceAtLeast(1 + 4)).isEqualTo(1 + 4);
        }
    }
}
