package org.pro380.twin.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pro380.twin.transport.Fixtures.CURRENTS_16A;
import static org.pro380.twin.transport.Fixtures.READ_CURRENTS;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pro380.client.HostPort;
import org.pro380.protocol.Hex;

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
        return RtuTcpServer.start(HostPort.loopback(0), Fixtures.bus(), timing, group, ConnectionLimits.defaults());
    }

    @Test
    void answersTheSpecsWireCheck() throws Exception {
        try (RtuTcpServer server = start(WireTiming.off());
                RawSocket client = RawSocket.connect(server.port())) {
            client.send(READ_CURRENTS);
            assertThat(client.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);
        }
    }

    @Test
    void aRequestSplitByteByByteIsAnswered() throws Exception {
        try (RtuTcpServer server = start(WireTiming.off());
                RawSocket client = RawSocket.connect(server.port())) {
            client.sendByteByByte(READ_CURRENTS);
            assertThat(client.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);
        }
    }

    @Test
    void garbageThenAGoodFrameIsAnswered() throws Exception {
        try (RtuTcpServer server = start(WireTiming.off());
                RawSocket client = RawSocket.connect(server.port())) {
            client.send(Hex.parse("ff 13 00 7e 01 03 50"));
            client.send(READ_CURRENTS);
            assertThat(client.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);
        }
    }

    @Test
    void aBadCrcOrAnotherUnitGetsNoReplyAndTheNextGoodFrameDoes() throws Exception {
        try (RtuTcpServer server = start(WireTiming.off());
                RawSocket client = RawSocket.connect(server.port())) {
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
            assertThat(client.read(2 * CURRENTS_16A.length))
                    .startsWith(CURRENTS_16A)
                    .endsWith(CURRENTS_16A);
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
            assertThatThrownBy(() -> RtuTcpServer.start(
                            bind, Fixtures.bus(), WireTiming.off(), group, ConnectionLimits.defaults()))
                    .isInstanceOf(TransportException.class)
                    .hasMessage("port 127.0.0.1:" + taken.getLocalPort() + " is already in use");
        }
    }

    @Test
    void aValidRequestAfterASilenceIsAnsweredThoughAFragmentCameBefore() {
        // The start of a write of 120 registers: without the silence the framer waits for 248 more bytes.
        byte[] fragment = Hex.parse("01 10 00 00 00 78 f0");

        assertThat(replyTo(fragment, Duration.ofMillis(500), READ_CURRENTS)).isEqualTo(CURRENTS_16A);
    }

    @Test
    void bytesLessThan50MillisecondsApartAreOneFrame() {
        byte[] head = Arrays.copyOfRange(READ_CURRENTS, 0, 4);
        byte[] tail = Arrays.copyOfRange(READ_CURRENTS, 4, READ_CURRENTS.length);

        assertThat(replyTo(head, Duration.ofMillis(49), tail)).isEqualTo(CURRENTS_16A);
    }

    /** The reply to {@code first} then {@code second} read {@code gap} later, on a clock moved by hand; null if none. */
    private static byte[] replyTo(byte[] first, Duration gap, byte[] second) {
        AtomicLong now = new AtomicLong();
        EmbeddedChannel channel = new EmbeddedChannel(
                new RtuChannelHandler(Fixtures.bus(), WireTiming.off(), LineWatch.silent(), now::get));
        channel.writeInbound(Unpooled.wrappedBuffer(first));
        now.addAndGet(gap.toNanos());
        channel.writeInbound(Unpooled.wrappedBuffer(second));
        ByteBuf reply = channel.readOutbound();
        byte[] bytes = reply == null ? null : ByteBufUtil.getBytes(reply);
        if (reply != null) {
            reply.release();
        }
        channel.finishAndReleaseAll();
        return bytes;
    }

    @Test
    void moreThan32RequestsInOneWriteAreAllAnsweredInOrder() throws Exception {
        int requests = 3 * RtuSession.QUEUE_BOUND;
        byte[] all = new byte[requests * READ_CURRENTS.length];
        for (int i = 0; i < requests; i++) {
            System.arraycopy(READ_CURRENTS, 0, all, i * READ_CURRENTS.length, READ_CURRENTS.length);
        }
        try (RtuTcpServer server = start(WireTiming.off());
                RawSocket client = RawSocket.connect(server.port())) {
            client.send(all);
            for (int i = 0; i < requests; i++) {
                assertThat(client.read(CURRENTS_16A.length)).as("reply %d", i).isEqualTo(CURRENTS_16A);
            }
            client.assertSilentFor(Duration.ofMillis(100));
        }
    }

    @Test
    void aClientThatNeverReadsIsNoLongerRead() throws Exception {
        try (RtuTcpServer server = start(WireTiming.off());
                NonReadingClient flood = NonReadingClient.connect(server.port())) {
            assertThat(flood.flood(READ_CURRENTS, Duration.ofSeconds(2)))
                    .as("bytes sent")
                    .isPositive();

            // At most one reply (and Netty's bookkeeping for it) waits in the twin.
            assertThat(server.listener().pendingReplyBytes()).isLessThan(1024);
            try (RawSocket other = RawSocket.connect(server.port())) {
                other.send(READ_CURRENTS);
                assertThat(other.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);
            }
        }
    }

    @Test
    void withWireTimingEachLineSettingsChangeIsLoggedOnce() throws Exception {
        byte[] writeBaud4800 = Fixtures.rtu(1, "06 40 04 12 c0");
        byte[] writeParityOdd = Fixtures.rtu(1, "06 40 11 00 03");
        try (CapturedLog log = CapturedLog.start();
                RtuTcpServer server = start(WireTiming.of(Duration.ZERO));
                RawSocket client = RawSocket.connect(server.port())) {
            client.send(writeBaud4800);
            assertThat(client.read(writeBaud4800.length)).isEqualTo(writeBaud4800);
            client.send(writeParityOdd);
            assertThat(client.read(writeParityOdd.length)).isEqualTo(writeParityOdd);
            client.send(READ_CURRENTS);
            assertThat(client.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);

            String where = "RTU over TCP on 127.0.0.1:" + server.port() + ": line settings now ";
            assertThat(log.text())
                    .contains(where + "4800 8E1 (written over Modbus)", where + "4800 8O1 (written over Modbus)");
            assertThat(log.text().split("line settings now", -1)).hasSize(3);
        }
    }

    /** Request, 3.5-character gap, turnaround and reply at 9600 baud, 11 bits a character; less 1 us for rounding. */
    private static long lineNanos9600Even(int requestBytes, int replyBytes, long turnaroundNanos) {
        double characters = requestBytes + 3.5 + replyBytes;
        return (long) (characters * 11 * 1e9 / 9600) + turnaroundNanos - 1000;
    }

    @Test
    void aDisconnectClosesTheConnectionInsteadOfReplying() throws Exception {
        try (RtuTcpServer server = RtuTcpServer.start(
                        HostPort.loopback(0),
                        Fixtures.bus(Fixtures.faults("{\"disconnect\":{}}")),
                        WireTiming.off(),
                        group,
                        ConnectionLimits.defaults());
                RawSocket client = RawSocket.connect(server.port())) {
            client.send(Fixtures.READ_CURRENTS);
            client.assertClosedByPeer();
        }
    }

    @Test
    void aSplitReplyComesInTwoWritesThatMakeTheFrame() throws Exception {
        try (RtuTcpServer server = RtuTcpServer.start(
                        HostPort.loopback(0),
                        Fixtures.bus(Fixtures.faults("{\"split\":{\"gap\":\"100ms\"}}")),
                        WireTiming.off(),
                        group,
                        ConnectionLimits.defaults());
                RawSocket client = RawSocket.connect(server.port())) {
            client.send(Fixtures.READ_CURRENTS);
            assertThat(client.read(Fixtures.CURRENTS_16A.length)).isEqualTo(Fixtures.CURRENTS_16A);
        }
    }

    @Test
    void aLineWithSwappedWiresAnswersNothing() throws Exception {
        try (RtuTcpServer server = RtuTcpServer.start(
                        HostPort.loopback(0),
                        Fixtures.bus(null, Fixtures.lineFaults("{\"swappedAB\":{}}")),
                        WireTiming.off(),
                        group,
                        ConnectionLimits.defaults());
                RawSocket client = RawSocket.connect(server.port())) {
            client.send(Fixtures.READ_CURRENTS);
            client.assertSilentFor(Duration.ofMillis(200));
        }
    }
}
