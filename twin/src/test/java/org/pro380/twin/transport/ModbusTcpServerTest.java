package org.pro380.twin.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pro380.client.HostPort;
import org.pro380.protocol.Hex;
import org.pro380.twin.bus.Gateway;

class ModbusTcpServerTest {

    /** The wire check's request as Modbus TCP, transaction 0x002a. */
    private static final byte[] READ_CURRENTS_TX_2A = Hex.parse("00 2a 00 00 00 06 01 03 50 0c 00 06");

    private static final byte[] CURRENTS_16A_TX_2A =
            Hex.parse("00 2a 00 00 00 0f 01 03 0c 41 80 00 00 41 80 00 00 41 80 00 00");

    private static final Duration FLOOD_TRYING = Duration.ofSeconds(2);

    private static EventLoopGroup group;
    private ModbusTcpServer server;

    @BeforeAll
    static void startLoops() {
        group = Fixtures.eventLoops();
    }

    @AfterAll
    static void stopLoops() {
        Fixtures.shutDown(group);
    }

    @BeforeEach
    void start() throws TransportException {
        server = ModbusTcpServer.start(
                HostPort.loopback(0), new Gateway(Fixtures.bus(), Duration.ZERO), group, ConnectionLimits.defaults());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersTheWireCheckWithTheRequestsTransactionId() throws Exception {
        try (RawSocket client = RawSocket.connect(server.port())) {
            client.send(READ_CURRENTS_TX_2A);
            assertThat(client.read(CURRENTS_16A_TX_2A.length)).isEqualTo(CURRENTS_16A_TX_2A);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderEachWithItsTransactionId() throws Exception {
        try (RawSocket client = RawSocket.connect(server.port())) {
            client.send(Hex.parse("12 34 00 00 00 06 01 03 40 04 00 01" + "ab cd 00 00 00 06 01 03 40 11 00 01"));
            assertThat(client.read(11)).isEqualTo(Hex.parse("12 34 00 00 00 05 01 03 02 25 80"));
            assertThat(client.read(11)).isEqualTo(Hex.parse("ab cd 00 00 00 05 01 03 02 00 01"));
        }
    }

    @Test
    void aRequestSplitByteByByteIsAnswered() throws Exception {
        try (RawSocket client = RawSocket.connect(server.port())) {
            client.sendByteByByte(READ_CURRENTS_TX_2A);
            assertThat(client.read(CURRENTS_16A_TX_2A.length)).isEqualTo(CURRENTS_16A_TX_2A);
        }
    }

    @Test
    void aBroadcastReadIsAnsweredWithTheMetersOwnUnitId() throws Exception {
        try (RawSocket client = RawSocket.connect(server.port())) {
            client.send(Hex.parse("00 07 00 00 00 06 00 03 40 03 00 01"));
            assertThat(client.read(11)).isEqualTo(Hex.parse("00 07 00 00 00 05 01 03 02 00 01"));
        }
    }

    @Test
    void unit255AddressesTheMeterDirectlyAndIsEchoed() throws Exception {
        try (RawSocket client = RawSocket.connect(server.port())) {
            client.send(Hex.parse("00 08 00 00 00 06 ff 03 40 03 00 01"));
            assertThat(client.read(11)).isEqualTo(Hex.parse("00 08 00 00 00 05 ff 03 02 00 01"));
        }
    }

    @Test
    void anotherUnitGetsTheGatewaysException0BAndTheNextRequestIsAnswered() throws Exception {
        try (RawSocket client = RawSocket.connect(server.port())) {
            client.send(Hex.parse("00 01 00 00 00 06 02 03 50 0c 00 06"));
            assertThat(client.read(9)).isEqualTo(Hex.parse("00 01 00 00 00 03 02 83 0b"));
            client.send(READ_CURRENTS_TX_2A);
            assertThat(client.read(CURRENTS_16A_TX_2A.length)).isEqualTo(CURRENTS_16A_TX_2A);
        }
    }

    @Test
    void aWrongProtocolIdClosesTheConnection() throws Exception {
        try (RawSocket client = RawSocket.connect(server.port())) {
            client.send(Hex.parse("00 01 00 01 00 06 01 03 50 0c 00 06"));
            client.assertClosedByPeer();
        }
    }

    @Test
    void aRequestBeforeABadHeaderInTheSameSegmentIsAnsweredBeforeTheConnectionCloses() throws Exception {
        try (RawSocket client = RawSocket.connect(server.port())) {
            client.send(Hex.parse("00 2a 00 00 00 06 01 03 50 0c 00 06" + "00 2b 00 01 00 06 01 03 50 0c 00 06"));
            assertThat(client.read(CURRENTS_16A_TX_2A.length)).isEqualTo(CURRENTS_16A_TX_2A);
            client.assertClosedByPeer();
        }
    }

    @Test
    void aLengthFieldBeyondTheAduLimitClosesTheConnectionButNotTheServer() throws Exception {
        try (RawSocket client = RawSocket.connect(server.port())) {
            client.send(Hex.parse("00 01 00 00 01 00 01 03"));
            client.assertClosedByPeer();
        }
        try (RawSocket client = RawSocket.connect(server.port())) {
            client.send(READ_CURRENTS_TX_2A);
            assertThat(client.read(CURRENTS_16A_TX_2A.length)).isEqualTo(CURRENTS_16A_TX_2A);
        }
    }

    @Test
    void describesWhereItListens() throws Exception {
        assertThat(server.describe()).isEqualTo("Modbus TCP on 127.0.0.1:" + server.port());
        assertThat(answers(server.port())).as("served on the port it names").isTrue();
    }

    @Test
    void aPortInUseIsReportedInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HostPort bind = HostPort.loopback(taken.getLocalPort());
            assertThatThrownBy(() -> ModbusTcpServer.start(
                            bind, new Gateway(Fixtures.bus(), Duration.ZERO), group, ConnectionLimits.defaults()))
                    .isInstanceOf(TransportException.class)
                    .hasMessage("port 127.0.0.1:" + taken.getLocalPort() + " is already in use");
        }
    }

    @Test
    void closeReleasesThePort() throws Exception {
        int port = server.port();
        server.close();
        Ports.assertReleased(port, ModbusTcpServerTest::answers);
        server.close();
    }

    @Test
    void aClientThatNeverReadsIsNoLongerReadOnceItsRepliesBackUp() throws Exception {
        try (NonReadingClient flood = NonReadingClient.connect(server.port())) {
            long taken = flood.flood(READ_CURRENTS_TX_2A, FLOOD_TRYING);

            assertThat(taken).as("bytes sent").isPositive();
            // At most one reply (and Netty's 96 bytes of bookkeeping for it) waits in the twin; without
            // back-pressure megabytes of them do.
            assertThat(server.listener().pendingReplyBytes()).isLessThan(1024);
            assertThat(answers(server.port()))
                    .as("another client is still served")
                    .isTrue();
        }
    }

    @Test
    void aConnectionPastTheCapIsClosedAndOneClosingMakesRoom() throws Exception {
        server.close();
        server = ModbusTcpServer.start(
                HostPort.loopback(0),
                new Gateway(Fixtures.bus(), Duration.ZERO),
                group,
                new ConnectionLimits(2, Duration.ofSeconds(60)));
        try (RawSocket first = RawSocket.connect(server.port());
                RawSocket second = RawSocket.connect(server.port())) {
            assertThat(exchange(first)).isTrue();
            assertThat(exchange(second)).isTrue();
            try (RawSocket third = RawSocket.connect(server.port())) {
                third.assertClosedByPeer();
            }
        }
        assertThat(Fixtures.eventually(5000, () -> server.connections() == 0)).isTrue();
        assertThat(answers(server.port())).isTrue();
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        server.close();
        server = ModbusTcpServer.start(
                HostPort.loopback(0),
                new Gateway(Fixtures.bus(), Duration.ZERO),
                group,
                new ConnectionLimits(64, Duration.ofMillis(200)));
        try (RawSocket silent = RawSocket.connect(server.port())) {
            silent.assertClosedByPeer();
        }
    }

    @Test
    void aFailedAcceptIsLoggedInOneLineAndAcceptingGoesOn() throws Exception {
        io.netty.channel.Channel listening = server.listener().serverChannel();
        try (CapturedLog log = CapturedLog.start()) {
            listening
                    .eventLoop()
                    .submit(() ->
                            listening.pipeline().fireExceptionCaught(new java.io.IOException("Too many open files")))
                    .sync();

            assertThat(answers(server.port())).as("served after the pause").isTrue();
            assertThat(log.text().strip())
                    .contains("127.0.0.1:" + server.port() + ": cannot accept a connection (Too many open files)")
                    .doesNotContain("\n", "\tat ");
        }
    }

    /** Whether a new connection on {@code port} gets the wire check answered. */
    static boolean answers(int port) throws java.io.IOException {
        try (RawSocket client = RawSocket.connect(port)) {
            return exchange(client);
        } catch (java.net.ConnectException e) {
            return false;
        }
    }

    private static boolean exchange(RawSocket client) throws java.io.IOException {
        client.send(READ_CURRENTS_TX_2A);
        return java.util.Arrays.equals(client.read(CURRENTS_16A_TX_2A.length), CURRENTS_16A_TX_2A);
    }
}
