package org.pro380.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pro380.protocol.ExceptionCode;

class ClientExceptionKindTest {

    @Test
    void aGatewaysTargetFailedToRespondIsTheUnitsSilence() {
        ExceptionReplyException e = new ExceptionReplyException(
                ExceptionCode.GATEWAY_TARGET_FAILED_TO_RESPOND,
                "a read of 1 register(s) at 0x6048",
                9,
                "127.0.0.1:5020");

        assertThat(e.kind()).isEqualTo(ClientException.Kind.NO_REPLY);
        assertThat(e)
                .hasMessage("no reply from unit 9: the gateway at 127.0.0.1:5020 answered exception 0x0B "
                        + "(gateway target device failed to respond) to a read of 1 register(s) at 0x6048");
    }

    @Test
    void anExceptionOfTheMeterNamesTheUnitAndTheCodeInHex() {
        ExceptionReplyException e = new ExceptionReplyException(
                ExceptionCode.ILLEGAL_DATA_VALUE, "a write of 31 to 0x4010", 1, "/dev/ttyUSB0 at 9600 8E1");

        assertThat(e.kind()).isEqualTo(ClientException.Kind.EXCEPTION_REPLY);
        assertThat(e)
                .hasMessage("unit 1 at /dev/ttyUSB0 at 9600 8E1 answered exception 0x03 (illegal data value) "
                        + "to a write of 31 to 0x4010");
    }
}
