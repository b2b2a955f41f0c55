package org.pro380.app.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.client.ClientConfig;
import org.pro380.client.Endpoint;
import org.pro380.client.ExceptionReplyException;
import org.pro380.client.NoReplyException;
import org.pro380.client.Pro380Client;
import org.pro380.client.Snapshot;
import org.pro380.protocol.ExceptionCode;
import org.pro380.registers.Phase;

/** The client against pymodbus serving a register image built from the map, so it is not only tested by its sibling. */
class PymodbusTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void pymodbus() throws Exception {
        PymodbusServer.requirePymodbus();
    }

    @ParameterizedTest(name = "rtu={0}")
    @ValueSource(booleans = {false, true})
    void aSnapshotDecodesTheImageExactlyInThreeRequests(boolean rtu) throws Exception {
        RegisterImage image = new RegisterImage();
        try (PymodbusServer server = PymodbusServer.start(dir, image, 1, rtu);
                Pro380Client client = Pro380Client.connect(config(server, rtu, 1))) {
            Snapshot s = client.snapshot();

            assertThat(s.values()).isEqualTo(image.values);
            assertThat(s.traffic().requests()).isEqualTo(3);
            assertThat(s.identity().serialText()).isEqualTo("31415926");
            assertThat(s.phase(Phase.L3).current()).isEqualTo(-4.25);
            assertThat(s.phase(Phase.L3).exporting()).isTrue();
        }
    }

    @Test
    void theReadCommandPrintsTheImageAsJson() throws Exception {
        try (PymodbusServer server = PymodbusServer.start(dir, new RegisterImage(), 1, false)) {
            Cli.Result r = Cli.run("read", "--tcp", server.hostPort(), "-f", "json", "l3", "serial-number");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            JsonNode root = new ObjectMapper().readTree(r.out());
            assertThat(root.at("/registers/current-l3/value").asDouble()).isEqualTo(-4.25);
            assertThat(root.at("/registers/direction-l3/value").asText()).isEqualTo("3R");
            assertThat(root.at("/registers/serial-number/value").asText()).isEqualTo("31415926");
        }
    }

    @Test
    void theSetCommandWritesAndReadsBack() throws Exception {
        try (PymodbusServer server = PymodbusServer.start(dir, new RegisterImage(), 1, true)) {
            Cli.Result r = Cli.run("set", "--rtu-tcp", server.hostPort(), "lcd-cycle=20", "tariff=3");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("lcd-cycle-time = 20 (read back)", "tariff = T3 (read back)");
        }
    }

    @Test
    void anExceptionFromPymodbusKeepsItsCode() throws Exception {
        try (PymodbusServer server = PymodbusServer.start(dir, new RegisterImage(), 1, true);
                Pro380Client client = Pro380Client.connect(config(server, true, 1))) {
            assertThatThrownBy(() -> client.link().readRegisters(1, 0x3FFF, 2))
                    .isInstanceOf(ExceptionReplyException.class)
                    .satisfies(e -> assertThat(((ExceptionReplyException) e).code())
                            .isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS))
                    .hasMessageContaining(" answered exception 0x02 (illegal data address)");
        }
    }

    @Test
    void anotherUnitGetsNoReply() throws Exception {
        try (PymodbusServer server = PymodbusServer.start(dir, new RegisterImage(), 1, false);
                Pro380Client client = Pro380Client.connect(config(server, false, 2))) {
            assertThatThrownBy(client::snapshot).isInstanceOf(NoReplyException.class);
        }
    }

    private static ClientConfig config(PymodbusServer server, boolean rtu, int unit) {
        Endpoint e = rtu
                ? new Endpoint.RtuOverTcp("127.0.0.1", server.port)
                : new Endpoint.ModbusTcp("127.0.0.1", server.port);
        return new ClientConfig(e, unit, Duration.ofSeconds(1), unit == 1 ? 1 : 0);
    }
}
