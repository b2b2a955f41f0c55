package org.pro380.twin.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pro380.client.HostPort;
import org.pro380.protocol.Hex;
import org.pro380.twin.bus.Gateway;

/** A meter's faults as Modbus TCP frames them, byte for byte on a loopback socket. */
class ModbusTcpServerFaultsTest {

    private static final byte[] READ_ID_TX_2A = Hex.parse("00 2a 00 00 00 06 01 03 40 03 00 01");

    private static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = Fixtures.eventLoops();
    }

    @AfterAll
    static void stopLoops() {
        Fixtures.shutDown(group);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{}|00 2a 00 00 00 05 01 03 02 00 01",
                "{\"wrongUnit\":{}}|00 2a 00 00 00 05 02 03 02 00 01",
                "{\"wrongFunction\":{}}|00 2a 00 00 00 05 01 04 02 00 01",
                "{\"exception\":{\"code\":4}}|00 2a 00 00 00 03 01 83 04",
                "{\"corruptLength\":{}}|00 2a 00 00 00 08 01 03 02 00 01",
                "{\"truncate\":{}}|00 2a 00 00 00",
                "{\"corruptCrc\":{},\"garbage\":{}}|00 2a 00 00 00 05 01 03 02 00 01",
                "{\"wrongTransaction\":{}}|00 2b 00 00 00 05 01 03 02 00 01",
                "{\"split\":{\"gap\":\"50ms\"}}|00 2a 00 00 00 05 01 03 02 00 01"
            })
    void framesTheFault(String faults, String expected) throws Exception {
        ModbusTcpServer server = ModbusTcpServer.start(
                HostPort.loopback(0),
                new Gateway(Fixtures.bus(Fixtures.faults(faults)), Duration.ZERO),
                group,
                ConnectionLimits.defaults());
        try (RawSocket client = RawSocket.connect(server.port())) {
            client.send(READ_ID_TX_2A);
            byte[] want = Hex.parse(expected);
            assertThat(Hex.format(client.read(want.length))).isEqualTo(expected);
            client.assertSilentFor(Duration.ofMillis(100));
        } finally {
            server.close();
        }
    }

    @Test
    void aDisconnectClosesTheConnectionInsteadOfReplying() throws Exception {
        ModbusTcpServer server = ModbusTcpServer.start(
                HostPort.loopback(0),
                new Gateway(Fixtures.bus(Fixtures.faults("{\"disconnect\":{\"count\":1}}")), Duration.ZERO),
                group,
                ConnectionLimits.defaults());
        try (RawSocket client = RawSocket.connect(server.port())) {
            client.send(READ_ID_TX_2A);
            client.assertClosedByPeer();
        } finally {
            server.close();
        }
    }
}
