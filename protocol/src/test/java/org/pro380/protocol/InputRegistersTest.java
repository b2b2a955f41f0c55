package org.pro380.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Function 04, read input registers: the client's request, any server's response. */
class InputRegistersTest {

    @Test
    void encodesARequest() {
        assertThat(Hex.format(PduCodec.encode(new ReadInputRegisters(0x0000, 2))))
                .isEqualTo("04 00 00 00 02");
        assertThat(Hex.format(PduCodec.encode(new ReadInputRegisters(0x0046, 0x7d))))
                .isEqualTo("04 00 46 00 7d");
        assertThat(Hex.format(PduCodec.encode(new ReadInputRegisters(0xFFFF, 1))))
                .isEqualTo("04 ff ff 00 01");
    }

    @Test
    void decodesAResponse() throws MalformedPduException {
        // 230.2 V and 0.5 A as IEEE floats, ABCD
        assertThat(PduCodec.decodeResponse(Hex.parse("04 08 43 66 33 33 3f 00 00 00")))
                .isEqualTo(new ReadInputRegistersResponse(List.of(0x4366, 0x3333, 0x3f00, 0x0000)));
    }

    @Test
    void encodesAResponse() {
        assertThat(Hex.format(PduCodec.encode(new ReadInputRegistersResponse(List.of(0x4366, 0x3333)))))
                .isEqualTo("04 04 43 66 33 33");
        assertThat(Hex.format(PduCodec.encode(new ReadInputRegistersResponse(List.of()))))
                .isEqualTo("04 00");
    }

    @Test
    void decodesTheLargestResponse() throws MalformedPduException {
        byte[] pdu = new byte[2 + 250];
        pdu[0] = 4;
        pdu[1] = (byte) 0xfa;
        pdu[250] = (byte) 0xab;
        pdu[251] = (byte) 0xcd;

        Response response = PduCodec.decodeResponse(pdu);

        assertThat(response).isInstanceOf(ReadInputRegistersResponse.class);
        assertThat(((ReadInputRegistersResponse) response).words()).hasSize(125).endsWith(0xabcd);
        assertThat(response.functionCode()).isEqualTo(4);
    }

    @Test
    void decodesAnExceptionTo04() throws MalformedPduException {
        assertThat(PduCodec.decodeResponse(Hex.parse("84 02")))
                .isEqualTo(new ExceptionResponse(4, ExceptionCode.ILLEGAL_DATA_ADDRESS));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "04,                  response PDU of 1 bytes",
        "04 04 43 66 33,      read response with byte count 4 and 3 data bytes",
        "04 03 43 66 33,      read response with byte count 3 and 3 data bytes",
        "04 02 43 66 33 33,   read response with byte count 2 and 4 data bytes"
    })
    void refusesAMalformedResponse(String pdu, String message) {
        assertThatThrownBy(() -> PduCodec.decodeResponse(Hex.parse(pdu)))
                .isInstanceOf(MalformedPduException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aServerStillSees04AsAnotherFunction() {
        assertThat(PduCodec.decodeRequest(Hex.parse("04 00 00 00 02")))
                .isEqualTo(new DecodedRequest.Ok(new OtherFunction(4, Hex.parse("00 00 00 02"))));
        assertThat(PduCodec.decodeRequest(Hex.parse("04 00 00 00 00")))
                .isEqualTo(new DecodedRequest.Ok(new OtherFunction(4, Hex.parse("00 00 00 00"))));
    }

    @Test
    void recordsCheckTheirRanges() {
        assertThatThrownBy(() -> new ReadInputRegisters(0x10000, 1)).hasMessage("address 65536 (expected 0..65535)");
        assertThatThrownBy(() -> new ReadInputRegisters(0, -1)).hasMessage("quantity -1 (expected 0..65535)");
        assertThatThrownBy(() -> new ReadInputRegistersResponse(List.of(0x10000)))
                .hasMessage("value 65536 (expected 0..65535)");
        assertThatThrownBy(() -> new ReadInputRegistersResponse(Collections.nCopies(126, 0)))
                .hasMessage("quantity 126 (expected 0..125)");
    }

    @Test
    void aResponseKeepsItsValues() {
        List<Integer> values = new java.util.ArrayList<>(List.of(1, 2));
        ReadInputRegistersResponse response = new ReadInputRegistersResponse(values);
        values.set(0, 9);
        assertThat(response.words()).containsExactly(1, 2);
    }
}
