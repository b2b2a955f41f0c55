package org.pro380.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.client.CommissionPlan;
import org.pro380.client.Endpoint;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.Parity;

/** A commissioning plan written as the bridge's config file reads back in the bridge's own parser. */
class BridgeConfigTest {
    private static final Duration INTERVAL = Duration.ofSeconds(7);

    @TempDir
    Path dir;

    private final CommissionPlan plan = new CommissionPlan(List.of(
            new CommissionPlan.Entry(22091039, 2, "cabinet A1"),
            new CommissionPlan.Entry(22091040, 3, ""),
            new CommissionPlan.Entry(22091041, 5, "heat pump")));

    private List<BridgeLine> roundTrip(String name, Endpoint endpoint) throws Exception {
        Path file = dir.resolve("bridge.json");
        BridgeConfig.write(file, BridgeConfig.of(name, endpoint, plan));
        return BridgeConfig.read(file, INTERVAL);
    }

    @Test
    void aSerialLineKeepsItsBaudParityIdsAndLabels() throws Exception {
        Endpoint serial = new Endpoint.Serial("/dev/ttyUSB0", new LineSettings(4800, Parity.ODD));

        List<BridgeLine> lines = roundTrip("cabinet", serial);

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).name()).isEqualTo("cabinet");
        assertThat(lines.get(0).endpoint()).isEqualTo(serial);
        assertThat(lines.get(0).meters())
                .containsExactly(
                        new PolledMeter(new BridgeMeter("cabinet", 2, "cabinet A1"), INTERVAL),
                        new PolledMeter(new BridgeMeter("cabinet", 3, ""), INTERVAL),
                        new PolledMeter(new BridgeMeter("cabinet", 5, "heat pump"), INTERVAL));
        assertThat(Files.readString(dir.resolve("bridge.json"))).contains("\"parity\" : \"odd\"");
    }

    @Test
    void aGatewayAndAModbusTcpServerKeepTheirAddress() throws Exception {
        Endpoint gateway = new Endpoint.RtuOverTcp("192.168.1.50", 502);
        assertThat(roundTrip(null, gateway).get(0).endpoint()).isEqualTo(gateway);
        assertThat(roundTrip(null, gateway).get(0).name()).isEqualTo(gateway.toString());
        Endpoint tcp = new Endpoint.ModbusTcp("::1", 5020);
        assertThat(roundTrip("x", tcp).get(0).endpoint()).isEqualTo(tcp);
    }

    @Test
    void anEmptyPlanIsRefused() {
        assertThatThrownBy(() -> BridgeConfig.of("x", new Endpoint.ModbusTcp("127.0.0.1", 502), CommissionPlan.EMPTY))
                .hasMessage("the plan has no meters yet");
    }
}
