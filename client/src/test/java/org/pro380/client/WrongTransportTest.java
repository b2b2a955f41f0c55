package org.pro380.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.registers.Registers;

/** Modbus TCP at an RTU port, RTU at a Modbus TCP port, either at an HTTP server: each recognised, the right one named. */
class WrongTransportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void modbusTcpAtAnRtuPortIsToldToTryRtuOverTcp() throws Exception {
        try (FakeMeter rtu = new FakeMeter(true);
                Pro380Client client = Pro380Client.connect(
                        new ClientConfig(new Endpoint.ModbusTcp("127.0.0.1", rtu.port()), 1, TIMEOUT, 1))) {

            assertThatThrownBy(() -> client.read(Registers.TARIFF))
                    .isInstanceOf(WrongTransportException.class)
                    .hasMessage("timeout: no reply from unit 1 at 127.0.0.1:" + rtu.port()
                            + " within 1000 ms (2 attempts), "
                            + "but it answers RTU frames: this looks like an RTU-over-TCP port; try --rtu-tcp");
        }
    }

    @Test
    void rtuAtAModbusTcpPortIsToldToTryModbusTcpAndTheWriteIsNotCarriedOutByTheQuestion() throws Exception {
        try (FakeMeter mbap = new FakeMeter(false);
                Pro380Client client = Pro380Client.connect(
                        new ClientConfig(new Endpoint.RtuOverTcp("127.0.0.1", mbap.port()), 1, TIMEOUT, 2))) {
            int lcdCycle = mbap.memory[Registers.LCD_CYCLE_TIME.address()];

            assertThatThrownBy(() -> client.apply(Change.lcdCycle(25)))
                    .isInstanceOf(WrongTransportException.class)
                    .hasMessage("connection closed by 127.0.0.1:" + mbap.port()
                            + ", but it answers Modbus TCP: this looks like a Modbus TCP port; try --tcp");
            assertThat(mbap.requestsOnceAtLeast(1)).as("the read that asked").isEqualTo(1);
            assertThat(mbap.memory[Registers.LCD_CYCLE_TIME.address()]).isEqualTo(lcdCycle);
        }
    }

    @Test
    void aSilentPeerStaysATimeout() throws Exception {
        try (FakeMeter rtu = new FakeMeter(true)) {
            rtu.misbehaviour = FakeMeter.Misbehaviour.SILENT;
            try (Pro380Client client = Pro380Client.connect(
                    new ClientConfig(new Endpoint.ModbusTcp("127.0.0.1", rtu.port()), 1, TIMEOUT, 0))) {

                assertThatThrownBy(() -> client.read(Registers.TARIFF))
                        .isInstanceOf(NoReplyException.class)
                        .hasMessageEndingWith("within 1000 ms (1 attempt)");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anHttpServerIsRecognisedAsSuch(boolean rtu) throws Exception {
        try (ServerSocket http = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerHttp(http), "http-stub");
            server.setDaemon(true);
            server.start();
            Endpoint endpoint = rtu
                    ? new Endpoint.RtuOverTcp("127.0.0.1", http.getLocalPort())
                    : new Endpoint.ModbusTcp("127.0.0.1", http.getLocalPort());
            try (Pro380Client client = Pro380Client.connect(new ClientConfig(endpoint, 1, TIMEOUT, 0))) {

                assertThatThrownBy(() -> client.read(Registers.TARIFF))
                        .isInstanceOf(WrongTransportException.class)
                        .hasMessage("127.0.0.1:" + http.getLocalPort() + " answered \"HTTP/1.1 400 Bad Request\": "
                                + "this looks like an HTTP server, not a Modbus port");
            }
        }
    }

    private static void answerHttp(ServerSocket server) {
        try (Socket s = server.accept();
                OutputStream out = s.getOutputStream()) {
            s.getInputStream().read(new byte[64]);
            out.write("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // the test has ended
        }
    }
}
