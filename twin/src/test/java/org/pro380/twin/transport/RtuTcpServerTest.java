package org.pro380.twin.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pro380.twin.transport.Fixtures.CURRENTS_16A;
import static org.pro380.twin.transport.Fixtures.READ_CURRENTS;

import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pro380.protocol.Hex;
import org.pro380.twin.HostPort;

class RtuTcpServerTest {

    private static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = Fixtures.eventLoops();
    }

    @AfterAll
    static void stopLoops() {
        Fixtures.shutDown(group);
    }

    private static RtuTcpServer start(WireTiming timing) throws TransportException {
        return RtuTcpServer.start(HostPort.loopback(0), Fixtures.meterServer(), timing, group,
                ConnectionLimits.defaults());
    }

    @Test
    void answersTheSpecsWireCheck() throws Exception {
        try (RtuTcpServer server = start(WireTiming.off()); RawSocket client = RawSocket.connect(server.port())) {
            client.send(READ_CURRENTS);
            assertThat(client.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);
        }
    }

    @Test
    void aRequestSplitByteByByteIsAnswered() throws Exception {
        try (RtuTcpServer server = start(WireTiming.off()); RawSocket client = RawSocket.connect(server.port())) {
            client.sendByteByByte(READ_CURRENTS);
            assertThat(client.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);
        }
    }

    @Test
    void garbageThenAGoodFrameIsAnswered() throws Exception {
        try (RtuTcpServer server = start(WireTiming.off()); RawSocket client = RawSocket.connect(server.port())) {
            client.send(Hex.parse("ff 13 00 7e 01 03 50"));
            client.send(READ_CURRENTS);
            assertThat(client.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);
        }
    }

    @Test
    void aBadCrcOrAnotherUnitGetsNoReplyAndTheNextGoodFrameDoes() throws Exception {
        try (RtuTcpServer server = start(WireTiming.off()); RawSocket client = RawSocket.connect(server.port())) {
            client.send(Fixtures.rtu(2, Fixtures.READ_CURRENTS_PDU));
            client.send(Hex.parse("01 03 50 0c 00 06 14 cc"));
            client.assertSilentFor(Duration.ofMillis(300));
            client.send(READ_CURRENTS);
            assertThat(client.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);
        }
    }

    @Test
    void eachConnectionHasItsOwnFramer() throws Exception {
        try (RtuTcpServer server = start(WireTiming.off());
                RawSocket first = RawSocket.connect(server.port());
                RawSocket second = RawSocket.connect(server.port())) {
            first.send(Hex.parse("01 03 50 0c"));
            second.send(READ_CURRENTS);
            assertThat(second.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);
            first.send(Hex.parse("00 06 14 cb"));
            assertThat(first.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);
        }
    }

    @Test
    void withWireTimingAReplyTakesAtLeastAsLongAsOnA9600EvenLine() throws Exception {
        try (RtuTcpServer server = start(WireTiming.of(Duration.ofMillis(5)));
                RawSocket client = RawSocket.connect(server.port())) {
            client.send(READ_CURRENTS);
            client.read(CURRENTS_16A.length);

            long start = System.nanoTime();
            client.send(READ_CURRENTS);
            assertThat(client.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);
            long elapsed = System.nanoTime() - start;

            assertThat(elapsed).isGreaterThanOrEqualTo(lineNanos9600Even(8, 17, 5_000_000));
        }
    }

    @Test
    void withWireTimingASecondRequestWaitsForTheFirstReply() throws Exception {
        try (RtuTcpServer server = start(WireTiming.of(Duration.ofMillis(5)));
                RawSocket client = RawSocket.connect(server.port())) {
            byte[] twice = new byte[2 * READ_CURRENTS.length];
            System.arraycopy(READ_CURRENTS, 0, twice, 0, READ_CURRENTS.length);
            System.arraycopy(READ_CURRENTS, 0, twice, READ_CURRENTS.length, READ_CURRENTS.length);
            long start = System.nanoTime();
            client.send(twice);
            assertThat(client.read(2 * CURRENTS_16A.length)).startsWith(CURRENTS_16A).endsWith(CURRENTS_16A);
            long elapsed = System.nanoTime() - start;

            assertThat(elapsed).isGreaterThanOrEqualTo(2 * lineNanos9600Even(8, 17, 5_000_000));
        }
    }

    @Test
    void describesWhereItListens() throws Exception {
        try (RtuTcpServer server = start(WireTiming.off())) {
            assertThat(server.describe()).isEqualTo("RTU over TCP on 127.0.0.1:" + server.port());
        }
    }

    @Test
    void aPortInUseIsReportedInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HostPort bind = HostPort.loopback(taken.getLocalPort());
            assertThatThrownBy(() -> RtuTcpServer.start(bind, Fixtures.meterServer(), WireTiming.off(), group,
                    ConnectionLimits.defaults()))
                    .isInstanceOf(TransportException.class)
                    .hasMessage("port 127.0.0.1:" + taken.getLocalPort() + " is already in use");
        }
    }

    /** Request, 3.5-character gap, turnaround and reply at 9600 baud, 11 bits a character; less 1 us for rounding. */
    private static long lineNanos9600Even(int requestBytes, int replyBytes, long turnaroundNanos) {
        double characters = requestBytes + 3.5 + replyBytes;
        return (long) (characters * 11 * 1e9 / 9600) + turnaroundNanos - 1000;
    }
}
