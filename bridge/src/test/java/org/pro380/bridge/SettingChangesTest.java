package org.pro380.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.client.Applied;
import org.pro380.client.Change;
import org.pro380.client.Endpoint;
import org.pro380.client.NoReplyException;
import org.pro380.meter.Load;
import org.pro380.registers.Tariff;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;

/** Setting changes go out through the line's poller, between its reads. */
class SettingChangesTest {

    @TempDir
    Path dir;

    private Twin twin;
    private Bridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (twin != null) {
            twin.close();
        }
    }

    private Bridge bridge(Endpoint endpoint, SettingChanges changes) {
        BridgeLine line = new BridgeLine("site", endpoint,
                Duration.ofMillis(300), 0, List.of(new PolledMeter(new BridgeMeter("site", 2, ""), Duration.ofHours(1))));
        return Bridge.start(List.of(line), List.of(), Clock.systemUTC(), Poller.Opener.CLIENT, changes);
    }

    @Test
    void aChangeIsAppliedByTheLinesPollerWhileItWaitsForItsNextRead() throws Exception {
        twin = Twin.start(TwinConfig.forTests(dir.resolve("state")).meters(2).initialLoad(Load.idle(230, 50)).build());
        InetSocketAddress at = twin.tcpAddress().orElseThrow();
        SettingChanges changes = new SettingChanges();
        bridge = bridge(new Endpoint.ModbusTcp(at.getHostString(), at.getPort()), changes);

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
                .isInstanceOf(NoReplyException.class).hasMessageContaining("no connection to");
    }
}
