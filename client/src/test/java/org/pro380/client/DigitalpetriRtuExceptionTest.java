package org.pro380.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.digitalpetri.modbus.client.ModbusRtuClient;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.tcp.client.NettyClientTransportConfig;
import com.digitalpetri.modbus.tcp.client.NettyRtuClientTransport;
import org.junit.jupiter.api.Test;
import org.pro380.protocol.ExceptionCode;

/**
 * Why the client frames RTU itself: digitalpetri modbus 2.1.4's RTU client reads the exception
 * code from the position of the function code, so "83 02" (illegal data address) is reported as
 * exception code 0x83 read as a signed byte, -125. Its TCP client gets it right.
 */
class DigitalpetriRtuExceptionTest {

    @Test
    void digitalpetriReportsTheFunctionCodeAsTheExceptionCodeOurClientDoesNot() throws Exception {
        try (FakeMeter meter = new FakeMeter(true)) {
            meter.refuseWith = ExceptionCode.ILLEGAL_DATA_ADDRESS;
            NettyRtuClientTransport transport = new NettyRtuClientTransport(NettyClientTransportConfig.create(c -> {
                c.hostname = "127.0.0.1";
                c.port = meter.port();
            }));
            ModbusRtuClient digitalpetri = ModbusRtuClient.create(transport);
            digitalpetri.connect();
            try {
                assertThatThrownBy(
                                () -> digitalpetri.readHoldingRegisters(1, new ReadHoldingRegistersRequest(0x4000, 34)))
                        .isInstanceOfSatisfying(
                                ModbusResponseException.class,
                                e -> assertThat(e.getExceptionCode()).isEqualTo((int) (byte) 0x83));
            } finally {
                digitalpetri.disconnect();
            }
            try (Pro380Client ours = Pro380Client.connect(ClientConfig.of(meter.endpoint()))) {
                assertThatThrownBy(ours::snapshot)
                        .isInstanceOfSatisfying(
                                ExceptionReplyException.class,
                                e -> assertThat(e.code()).isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS));
            }
        }
    }
}
