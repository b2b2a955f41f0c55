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
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pro380.client.HostPort;

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
        try (SocketChannel held = Ports.refusing();
                CapturedLog log = CapturedLog.start()) {
            int port = Ports.port(held);
            RtuGatewayClient client;
            try (ServerSocket gateway = Ports.listenOn(held)) {
                gateway.setSoTimeout(ACCEPT_TIMEOUT_MILLIS);
                client = RtuGatewayClient.start(HostPort.loopback(port), Fixtures.bus(), WireTiming.off(), group);
                try (RawSocket bus = new RawSocket(gateway.accept())) {
                    bus.send(READ_CURRENTS);
                    assertThat(bus.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);
                    assertThat(client.connected()).isTrue();
                }
            }
            try (client) {
                assertThat(eventually(2000, () -> !client.connected()))
                        .as("sees the gateway go")
                        .isTrue();
                assertThat(eventually(5000, () -> log.text().contains("unreachable (Connection refused)")))
                        .as("an attempt was refused while the gateway was away")
                        .isTrue();

                try (ServerSocket gateway = Ports.listenOn(held)) {
                    gateway.setSoTimeout(ACCEPT_TIMEOUT_MILLIS);
                    try (RawSocket bus = new RawSocket(gateway.accept())) {
                        bus.send(READ_CURRENTS);
                        assertThat(bus.read(CURRENTS_16A.length)).isEqualTo(CURRENTS_16A);
                        assertThat(client.connected()).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void anUnreachableGatewayIsRetriedNotThrown() throws Exception {
        try (SocketChannel held = Ports.refusing();
                CapturedLog log = CapturedLog.start()) {
            int port = Ports.port(held);
            try (RtuGatewayClient client =
                    RtuGatewayClient.start(HostPort.loopback(port), Fixtures.bus(), WireTiming.off(), group)) {
                String refused = "gateway 127.0.0.1:" + port + " unreachable (Connection refused), retrying in ";
                assertThat(eventually(5000, () -> log.text().contains(refused + "1.0 s")))
                        .as("a second attempt, refused again: %s", log.text())
                        .isTrue();
                assertThat(log.text()).contains(refused + "0.5 s");
                assertThat(client.connected()).isFalse();
                assertThat(client.describe()).isEqualTo("RTU over TCP to gateway 127.0.0.1:" + port);
            }
        }
    }

    @Test
    void aRefusedConnectionIsLoggedAsOneLine() throws Exception {
        try (SocketChannel held = Ports.refusing()) {
            int port = Ports.port(held);
            ChannelFuture refused = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(InetAddress.getLoopbackAddress(), port)
                    .awaitUninterruptibly();

            assertThat(RtuGatewayClient.unreachable(HostPort.loopback(port), refused.cause()))
                    .isEqualTo("gateway 127.0.0.1:" + port + " unreachable (Connection refused)");
            assertThat(RtuGatewayClient.seconds(Duration.ofSeconds(2))).isEqualTo("2.0 s");
        }
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
