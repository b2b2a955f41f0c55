package org.pro380.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.protocol.Hex;
import org.pro380.protocol.RtuCodec;

/** Function 04 through the link: raw words from any unit, the errors as for 03. */
class InputRegistersReadTest {

    @ParameterizedTest(name = "rtu {0}")
    @CsvSource({
        "false, 00 00 00 06 05 04 00 06 00 04", // MBAP: protocol 0, length 6, unit 5, PDU
        "true,  05 04 00 06 00 04 10 4c"
    }) // RTU: unit 5, PDU, CRC
    void readsInputRegistersAsWords(boolean rtu, String requestEnd) throws Exception {
        // unit 5 asks for 4 input registers at 0x0006; the meter answers 0.5 A and 230.2 V as floats
        try (CannedMeter meter = new CannedMeter("05 04 08 3f 00 00 00 43 66 33 33", rtu);
                ModbusLink link = ModbusLink.open(meter.endpoint(), Duration.ofSeconds(2), 0)) {
            int[] words = link.readInputRegisters(5, 0x0006, 4);

            assertThat(words).containsExactly(0x3f00, 0x0000, 0x4366, 0x3333);
            assertThat(meter.request()).endsWith(requestEnd);
        }
    }

    @Test
    void aReplyOfTheWrongSizeIsMalformed() throws Exception {
        try (CannedMeter meter = new CannedMeter("05 04 04 3f 00 00 00");
                ModbusLink link = ModbusLink.open(meter.endpoint(), Duration.ofSeconds(2), 0)) {
            assertThatThrownBy(() -> link.readInputRegisters(5, 0x0006, 4))
                    .isInstanceOf(MalformedReplyException.class)
                    .hasMessage("malformed reply: 2 input registers for a read of 4");
        }
    }

    @ParameterizedTest(name = "rtu {0}")
    @ValueSource(booleans = {false, true})
    void aPro380RefusesFunction04(boolean rtu) throws Exception {
        try (FakeMeter meter = new FakeMeter(rtu);
                ModbusLink link = ModbusLink.open(meter.endpoint(), Duration.ofMillis(500), 0)) {
            assertThatThrownBy(() -> link.readInputRegisters(1, 0, 2))
                    .isInstanceOf(ExceptionReplyException.class)
                    .hasMessageStartingWith("unit 1 at ")
                    .hasMessageEndingWith(
                            " answered exception 0x01 (illegal function) to a read of 2 input register(s) at 0x0000");
        }
    }

    /** A server on loopback (Modbus TCP, or RTU over TCP) that takes one request of 03/04 and answers it with a fixed unit and PDU. */
    private static final class CannedMeter implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final CompletableFuture<String> request = new CompletableFuture<>();
        private final boolean rtu;

        CannedMeter(String unitAndPdu) throws Exception {
            this(unitAndPdu, false);
        }

        CannedMeter(String unitAndPdu, boolean rtu) throws Exception {
            this.rtu = rtu;
            byte[] reply = Hex.parse(unitAndPdu);
            Thread t = new Thread(() -> answerOnce(reply), "canned-meter");
            t.setDaemon(true);
            t.start();
        }

        private void answerOnce(byte[] reply) {
            try (Socket s = server.accept();
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream()) {
                byte[] adu = in.readNBytes(rtu ? 8 : 12);
                request.complete(Hex.format(adu));
                if (rtu) {
                    out.write(RtuCodec.encode(reply[0] & 0xFF, java.util.Arrays.copyOfRange(reply, 1, reply.length)));
                } else {
                    out.write(new byte[] {adu[0], adu[1], 0, 0, 0, (byte) reply.length});
                    out.write(reply);
                }
                out.flush();
                in.read();
            } catch (Exception e) {
                request.completeExceptionally(e);
            }
        }

        Endpoint endpoint() {
            return rtu
                    ? new Endpoint.RtuOverTcp("127.0.0.1", server.getLocalPort())
                    : new Endpoint.ModbusTcp("127.0.0.1", server.getLocalPort());
        }

        String request() throws Exception {
            return request.get(5, java.util.concurrent.TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
