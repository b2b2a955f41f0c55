package org.pro380.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.client.Applied;
import org.pro380.client.Change;
import org.pro380.client.Endpoint;
import org.pro380.client.NoReplyException;
import org.pro380.registers.Tariff;
import org.pro380.twin.Twin;
import org.pro380.twin.testing.RunningTwin;

/** Setting changes go out through the line's poller, between its reads. */
class SettingChangesTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final RunningTwin running = new RunningTwin();

    private Bridge bridge;

    @AfterEach
    void stopTheBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private Bridge bridge(Endpoint endpoint, SettingChanges changes) {
        BridgeLine line = new BridgeLine(
                "site",
                endpoint,
                Duration.ofMillis(300),
                0,
                List.of(new PolledMeter(new BridgeMeter("site", 2, ""), Duration.ofHours(1))));
        return Bridge.start(List.of(line), List.of(), Clock.systemUTC(), Poller.Opener.CLIENT, changes);
    }

    @Test
    void aChangeIsAppliedByTheLinesPollerWhileItWaitsForItsNextRead() throws Exception {
        Twin twin = running.start(2);
        SettingChanges changes = new SettingChanges();
        bridge = bridge(running.tcp(), changes);

        Applied applied = changes.apply(new BridgeMeter("site", 2, ""), Change.tariff(2));

        assertThat(applied.change()).isEqualTo(Change.tariff(2));
        assertThat(twin.meter(2).meter().settings().modbusTariff()).isEqualTo(Tariff.T2);
        assertThat(twin.meter(1).meter().settings().modbusTariff()).isEqualTo(Tariff.T1);
        assertThatThrownBy(() -> changes.apply(new BridgeMeter("other", 2, ""), Change.tariff(3)))
                .hasMessageContaining("no line other is polled");
    }

    @Test
    void aChangeForALineWithoutConnectionFailsWithoutWaitingForTheTimeout() throws Exception {
        SettingChanges changes = new SettingChanges();
        bridge = bridge(new Endpoint.ModbusTcp("127.0.0.1", 1), changes);

        assertThatThrownBy(() -> changes.apply(new BridgeMeter("site", 2, ""), Change.tariff(2)))
                .isInstanceOf(NoReplyException.class)
                .hasMessageContaining("no connection to");
    }
}
