package org.pro380.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pro380.protocol.ExceptionCode.ILLEGAL_DATA_ADDRESS;
import static org.pro380.protocol.ExceptionCode.ILLEGAL_FUNCTION;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PduCodecTest {

    @Test
    void encodesRequests() {
        assertThat(Hex.format(PduCodec.encode(new ReadHoldingRegisters(0x500c, 6))))
                .isEqualTo("03 50 0c 00 06");
        assertThat(Hex.format(PduCodec.encode(new WriteSingleRegister(0x4010, 0x0025))))
                .isEqualTo("06 40 10 00 25");
        assertThat(Hex.format(PduCodec.encode(new WriteMultipleRegisters(0x4010, new int[] {0x0025, 0xABCD}))))
                .isEqualTo("10 40 10 00 02 04 00 25 ab cd");
        assertThat(Hex.format(PduCodec.encode(new OtherFunction(0x2b, Hex.parse("0e 01 00")))))
                .isEqualTo("2b 0e 01 00");
    }

    @Test
    void requestsRoundTrip() {
        Request[] requests = {
            new ReadHoldingRegisters(0x500c, 6),
            new ReadHoldingRegisters(0, 1),
            new ReadHoldingRegisters(0xFFFF, 1),
            new ReadHoldingRegisters(0x10000 - 125, 125),
            new WriteSingleRegister(0x4003, 0xFFFF),
            new WriteSingleRegister(0, 0),
            new WriteMultipleRegisters(0x4010, new int[] {0x1234, 0xABCD}),
            new WriteMultipleRegisters(
                    0x10000 - 123, IntStream.range(0, 123).map(i -> i * 513).toArray()),
            new OtherFunction(0x2b, Hex.parse("0e 01 00")),
            new OtherFunction(0x11, new byte[0]),
            new OtherFunction(0x7f, new byte[252])
        };
        for (Request request : requests) {
            assertThat(PduCodec.decodeRequest(PduCodec.encode(request))).isEqualTo(new DecodedRequest.Ok(request));
        }
    }

    @ParameterizedTest(name = "{0} -> fc {1} exception {2}")
    @CsvSource({
        "'',                            0,  ILLEGAL_FUNCTION", // empty PDU
        "00 00 00,                      0,  ILLEGAL_FUNCTION", // function code 0
        "83 00 00 00 01,                3,  ILLEGAL_FUNCTION", // exception bit set
        "03 00 00 00 00,                3,  ILLEGAL_DATA_VALUE", // quantity 0
        "03 00 00 00 7e,                3,  ILLEGAL_DATA_VALUE", // quantity 126
        "03 ff ff 00 00,                3,  ILLEGAL_DATA_VALUE", // quantity 0 is checked before the address
        "03 ff 84 00 7d,                3,  ILLEGAL_DATA_ADDRESS", // 0xff84 + 125 > 0x10000
        "03 ff ff 00 02,                3,  ILLEGAL_DATA_ADDRESS", // 0xffff + 2
        "03 00 00 00,                   3,  ILLEGAL_DATA_VALUE", // PDU too short
        "03 00 00 00 01 00,             3,  ILLEGAL_DATA_VALUE", // PDU too long
        "06 40 10 00,                   6,  ILLEGAL_DATA_VALUE",
        "06 40 10 00 25 00,             6,  ILLEGAL_DATA_VALUE",
        "10 40 10 00 00 00,             16, ILLEGAL_DATA_VALUE", // quantity 0
        "10 40 10 00 7c f8,             16, ILLEGAL_DATA_VALUE", // quantity 124 (data omitted)
        "10 40 10 00 02 03 00 25 00,    16, ILLEGAL_DATA_VALUE", // byte count 3 for 2 registers
        "10 40 10 00 02 04 00 25 00,    16, ILLEGAL_DATA_VALUE", // byte count right, data short
        "10 40 10 00 02 04 00 25 00 01 00, 16, ILLEGAL_DATA_VALUE", // data long
        "10 40 10 00 01,                16, ILLEGAL_DATA_VALUE", // no byte count
        "10 ff ff 00 02 04 00 25 00 01, 16, ILLEGAL_DATA_ADDRESS"
    }) // 0xffff + 2
    void rejectsMalformedRequests(String pdu, int functionCode, ExceptionCode expected) {
        assertThat(PduCodec.decodeRequest(Hex.parse(pdu)))
                .isEqualTo(new DecodedRequest.Rejected(new ExceptionResponse(functionCode, expected)));
    }

    @Test
    void unknownFunctionIsDeliveredForTheServerToAnswer() {
        assertThat(PduCodec.decodeRequest(Hex.parse("2b 0e 01 00")))
                .isEqualTo(new DecodedRequest.Ok(new OtherFunction(0x2b, Hex.parse("0e 01 00"))));
        assertThat(PduCodec.decodeRequest(Hex.parse("01 00 00 00 08")))
                .isEqualTo(new DecodedRequest.Ok(new OtherFunction(1, Hex.parse("00 00 00 08"))));
    }

    @Test
    void oversizedPduOfUnknownFunctionIsRejectedAsIllegalFunction() {
        byte[] pdu = new byte[254];
        pdu[0] = 0x2b;
        assertThat(PduCodec.decodeRequest(pdu))
                .isEqualTo(new DecodedRequest.Rejected(new ExceptionResponse(0x2b, ILLEGAL_FUNCTION)));
    }

    @Test
    void encodesResponses() {
        assertThat(Hex.format(
                        PduCodec.encode(new ReadHoldingRegistersResponse(new int[] {0x4180, 0, 0x4180, 0, 0x4180, 0}))))
                .isEqualTo("03 0c 41 80 00 00 41 80 00 00 41 80 00 00");
        assertThat(Hex.format(PduCodec.encode(new WriteSingleRegisterResponse(0x4010, 0x25))))
                .isEqualTo("06 40 10 00 25");
        assertThat(Hex.format(PduCodec.encode(new WriteMultipleRegistersResponse(0x4010, 2))))
                .isEqualTo("10 40 10 00 02");
        assertThat(Hex.format(PduCodec.encode(new ExceptionResponse(3, ILLEGAL_DATA_ADDRESS))))
                .isEqualTo("83 02");
        assertThat(Hex.format(PduCodec.encode(new ExceptionResponse(0, ILLEGAL_FUNCTION))))
                .isEqualTo("80 01");
    }

    @Test
    void responsesRoundTrip() throws MalformedPduException {
        Response[] responses = {
            new ReadHoldingRegistersResponse(new int[] {0x1234, 0xABCD}),
            new ReadHoldingRegistersResponse(
                    IntStream.range(0, 64).map(i -> 0xFFFF - i).toArray()), // byte count 0x80
            new ReadHoldingRegistersResponse(
                    IntStream.range(0, 125).map(i -> i * 257).toArray()), // byte count 0xfa
            new WriteSingleRegisterResponse(0x4003, 0xFFFF),
            new WriteMultipleRegistersResponse(0x4010, 123),
            new ExceptionResponse(3, ILLEGAL_DATA_ADDRESS),
            new ExceptionResponse(6, ExceptionCode.SERVER_DEVICE_FAILURE),
            new ExceptionResponse(0x2b, ILLEGAL_FUNCTION)
        };
        for (Response response : responses) {
            assertThat(PduCodec.decodeResponse(PduCodec.encode(response))).isEqualTo(response);
        }
    }

    @Test
    void byteCountIsReadUnsigned() throws MalformedPduException {
        byte[] pdu = new byte[2 + 250];
        pdu[0] = 3;
        pdu[1] = (byte) 0xfa;
        pdu[250] = 0x12;
        pdu[251] = 0x34;

        int[] values = ((ReadHoldingRegistersResponse) PduCodec.decodeResponse(pdu)).values();

        assertThat(values).hasSize(125);
        assertThat(values[124]).isEqualTo(0x1234);
    }

    @Test
    void decodesTheSpecsWireCheck() throws MalformedPduException {
        assertThat(PduCodec.decodeResponse(Hex.parse("03 0c 41 80 00 00 41 80 00 00 41 80 00 00")))
                .isEqualTo(new ReadHoldingRegistersResponse(new int[] {0x4180, 0, 0x4180, 0, 0x4180, 0}));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "'',                  response PDU of 0 bytes (expected 2..253)",
        "03,                  response PDU of 1 bytes (expected 2..253)",
        "03 04 00 01 00,      read response with byte count 4 and 3 data bytes",
        "03 04 00 01 00 02 00, read response with byte count 4 and 5 data bytes",
        "03 03 00 01 00,      read response with byte count 3 and 3 data bytes",
        "06 40 10 00,         write single register response of 4 bytes (expected 5)",
        "10 40 10 00 02 00,   write multiple registers response of 6 bytes (expected 5)",
        "83 02 00,            exception response of 3 bytes (expected 2)",
        "83 05,               exception code 5 (expected 1..4, 0x0A or 0x0B)",
        "2b 0e 01 00,         'response function code 0x2b (expected 0x03, 0x04, 0x06, 0x10 or an exception)'",
        "05 00 10 ff 00,      response function code 0x05"
    })
    void rejectsMalformedResponses(String pdu, String message) {
        assertThatThrownBy(() -> PduCodec.decodeResponse(Hex.parse(pdu)))
                .isInstanceOf(MalformedPduException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsOversizedResponse() {
        byte[] pdu = new byte[254];
        pdu[0] = 3;
        assertThatThrownBy(() -> PduCodec.decodeResponse(pdu))
                .isInstanceOf(MalformedPduException.class)
                .hasMessageContaining("254 bytes (expected 2..253)");
    }
}
