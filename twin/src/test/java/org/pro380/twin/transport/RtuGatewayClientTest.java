package org.pro380.twin.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pro380.twin.transport.Fixtures.CURRENTS_16A;
import static org.pro380.twin.transport.Fixtures.READ_CURRENTS;
import static org.pro380.twin.transport.Fixtures.eventually;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pro380.twin.HostPort;

class RtuGatewayClientTest {

    private static final int ACCEPT_TIMEOUT_MILLIS = 5000;
    private static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = Fixtures.eventLoops();
    }

    @AfterAll
    static void stopLoops() {
        Fixtures.shutDown(group);
    }

    @Test
    void servesRequestsFromTheGatewayAndReconnectsAfterItComesBack() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int port;
        RtuGatewayClient client;
        try (ServerSocket gateway = new ServerSocket(0, 1, loopback)) {
            gateway.setSoTimeout(ACCEPT_TIMEOUT_MILLIS);
            port = gateway.getLocalPort();
            client = RtuGatewayClient.start(HostPort.loopback(port), Fixtures.meterServer(), WireTiming.off(), group);
            try (RawSocket bus = new RawSocket(gateway.accept())) {
                bus.send(READ_CURRENTS);
                assertThat(bus.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);
                assertThat(client.connected()).isTrue();
            }
        }
        try (client) {
            assertThat(eventually(2000, () -> !client.connected())).as("sees the gateway go").isTrue();
            // Long enough for at least one refused attempt (0.5 s after the loss).
            Thread.sleep(700);

            try (ServerSocket gateway = new ServerSocket()) {
                gateway.setReuseAddress(true);
                gateway.bind(new InetSocketAddress(loopback, port), 1);
                gateway.setSoTimeout(ACCEPT_TIMEOUT_MILLIS);
                try (RawSocket bus = new RawSocket(gateway.accept())) {
                    bus.send(READ_CURRENTS);
                    assertThat(bus.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);
                    assertThat(client.connected()).isTrue();
                }
            }
        }
    }

    @Test
    void anUnreachableGatewayIsRetriedNotThrown() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (RtuGatewayClient client = RtuGatewayClient.start(HostPort.loopback(closedPort), Fixtures.meterServer(),
                WireTiming.off(), group)) {
            Thread.sleep(100);
            assertThat(client.connected()).isFalse();
            assertThat(client.describe()).isEqualTo("RTU over TCP to gateway 127.0.0.1:" + closedPort);
        }
    }

    @Test
    void aRefusedConnectionIsLoggedAsOneLine() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ChannelFuture refused = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInboundHandlerAdapter())
                .connect(InetAddress.getLoopbackAddress(), closedPort).awaitUninterruptibly();

        assertThat(RtuGatewayClient.unreachable(HostPort.loopback(closedPort), refused.cause()))
                .isEqualTo("gateway 127.0.0.1:" + closedPort + " unreachable (Connection refused)");
        assertThat(RtuGatewayClient.seconds(Duration.ofSeconds(2))).isEqualTo("2.0 s");
    }

    @Test
    void backoffDoublesFromHalfASecondToThirtyAndResets() {
        Backoff backoff = new Backoff(RtuGatewayClient.FIRST_RETRY, RtuGatewayClient.MAX_RETRY);
        assertThat(Stream.generate(backoff::next).limit(8).map(Duration::toMillis))
                .containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L);
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
    }
}
