package org.pro380.protocol;

import static org.pro380.protocol.ExceptionCode.ILLEGAL_DATA_ADDRESS;
import static org.pro380.protocol.ExceptionCode.ILLEGAL_DATA_VALUE;
import static org.pro380.protocol.ExceptionCode.ILLEGAL_FUNCTION;

import java.util.Arrays;

/**
 * Encodes and decodes PDUs (function code + data; no unit id, no CRC, no MBAP header).
 * <pre>
 * request  03 50 0c 00 06                            read 6 registers from 0x500c
 * response 03 0c 41 80 00 00 41 80 00 00 41 80 00 00  12 bytes = 6 registers
 * </pre>
 */
public final class PduCodec {
    private static final int REGISTER_SPACE = 0x10000;

    private PduCodec() {}

    /**
     * Decodes a request PDU on the server side, by the Modbus Application Protocol rules:
     * <ul>
     *   <li>03: PDU of 5 bytes and quantity 1..125, else 03; address + quantity past 0xFFFF: 02.
     *   <li>06: PDU of 5 bytes, else 03.
     *   <li>16: quantity 1..123, byte count = 2 * quantity and PDU of 6 + byte count bytes,
     *       else 03; address + quantity past 0xFFFF: 02.
     *   <li>Any other function code 1..127: {@code Ok(OtherFunction)}, which the server answers
     *       with 01 (a PDU over 253 bytes is rejected with 01 directly). This includes 04: the
     *       meter has no input registers and answers any 04, well-formed or not, with 01 (spec
     *       section 3); {@link ReadInputRegisters} is the client's.
     *   <li>An empty PDU, function code 0 or a code with the bit 0x80 (those are exception
     *       replies, never requests): rejected with 01, function code {@code fc & 0x7F}
     *       (0 for an empty PDU), which goes on the wire as {@code 80 01} or {@code fc 01}.
     * </ul>
     */
    public static DecodedRequest decodeRequest(byte[] pdu) {
        if (pdu.length == 0) {
            return reject(0, ILLEGAL_FUNCTION);
        }
        int fc = Wire.u8(pdu, 0);
        if (fc == 0 || fc >= ExceptionResponse.EXCEPTION_BIT) {
            return reject(fc & 0x7F, ILLEGAL_FUNCTION);
        }
        return switch (fc) {
            case ReadHoldingRegisters.FUNCTION_CODE -> decodeRead(pdu);
            case WriteSingleRegister.FUNCTION_CODE ->
                pdu.length != 5
                        ? reject(fc, ILLEGAL_DATA_VALUE)
                        : ok(new WriteSingleRegister(Wire.u16(pdu, 1), Wire.u16(pdu, 3)));
            case WriteMultipleRegisters.FUNCTION_CODE -> decodeWriteMultiple(pdu);
            default ->
                pdu.length > Wire.MAX_PDU
                        ? reject(fc, ILLEGAL_FUNCTION)
                        : ok(new OtherFunction(fc, Arrays.copyOfRange(pdu, 1, pdu.length)));
        };
    }

    private static DecodedRequest decodeRead(byte[] pdu) {
        int fc = ReadHoldingRegisters.FUNCTION_CODE;
        if (pdu.length != 5) {
            return reject(fc, ILLEGAL_DATA_VALUE);
        }
        int address = Wire.u16(pdu, 1);
        int quantity = Wire.u16(pdu, 3);
        if (quantity < 1 || quantity > ReadHoldingRegisters.MAX_QUANTITY) {
            return reject(fc, ILLEGAL_DATA_VALUE);
        }
        if (address + quantity > REGISTER_SPACE) {
            return reject(fc, ILLEGAL_DATA_ADDRESS);
        }
        return ok(new ReadHoldingRegisters(address, quantity));
    }

    private static DecodedRequest decodeWriteMultiple(byte[] pdu) {
        int fc = WriteMultipleRegisters.FUNCTION_CODE;
        if (pdu.length < 6) {
            return reject(fc, ILLEGAL_DATA_VALUE);
        }
        int address = Wire.u16(pdu, 1);
        int quantity = Wire.u16(pdu, 3);
        int byteCount = Wire.u8(pdu, 5);
        if (quantity < 1
                || quantity > WriteMultipleRegisters.MAX_QUANTITY
                || byteCount != 2 * quantity
                || pdu.length != 6 + byteCount) {
            return reject(fc, ILLEGAL_DATA_VALUE);
        }
        if (address + quantity > REGISTER_SPACE) {
            return reject(fc, ILLEGAL_DATA_ADDRESS);
        }
        return ok(new WriteMultipleRegisters(address, registers(pdu, 6, quantity)));
    }

    /** Encodes a request on the client side. */
    public static byte[] encode(Request request) {
        if (request instanceof ReadHoldingRegisters r) {
            return fcAnd2Words(r.functionCode(), r.address(), r.quantity());
        } else if (request instanceof ReadInputRegisters r) {
            return fcAnd2Words(r.functionCode(), r.address(), r.quantity());
        } else if (request instanceof WriteSingleRegister w) {
            return fcAnd2Words(w.functionCode(), w.address(), w.value());
        } else if (request instanceof WriteMultipleRegisters w) {
            int[] values = w.values();
            byte[] pdu = new byte[6 + 2 * values.length];
            pdu[0] = (byte) w.functionCode();
            Wire.putU16(pdu, 1, w.address());
            Wire.putU16(pdu, 3, values.length);
            pdu[5] = (byte) (2 * values.length);
            putRegisters(pdu, 6, values);
            return pdu;
        } else {
            OtherFunction o = (OtherFunction) request;
            byte[] data = o.data();
            byte[] pdu = new byte[1 + data.length];
            pdu[0] = (byte) o.functionCode();
            System.arraycopy(data, 0, pdu, 1, data.length);
            return pdu;
        }
    }

    /** Where the words of a read response start in its PDU, after the function code and the byte count. */
    public static final int READ_RESPONSE_WORDS = 2;

    /**
     * The PDU of a response to function 03 of {@code quantity} registers (1..125) with its words
     * still 0, for the server to write them from {@link #READ_RESPONSE_WORDS}, high byte first:
     * {@code encode(new ReadHoldingRegistersResponse(values))} once they are written, without
     * the words made first. A server answers every read with this.
     */
    public static byte[] readResponse(int quantity) {
        Wire.range("quantity", quantity, 1, ReadHoldingRegisters.MAX_QUANTITY);
        return readResponseOf(ReadHoldingRegisters.FUNCTION_CODE, quantity);
    }

    private static byte[] readResponse(int fc, int[] values) {
        Wire.range("quantity", values.length, 0, ReadHoldingRegisters.MAX_QUANTITY);
        byte[] pdu = readResponseOf(fc, values.length);
        putRegisters(pdu, READ_RESPONSE_WORDS, values);
        return pdu;
    }

    private static byte[] readResponseOf(int fc, int quantity) {
        byte[] pdu = new byte[READ_RESPONSE_WORDS + 2 * quantity];
        pdu[0] = (byte) fc;
        pdu[1] = (byte) (2 * quantity);
        return pdu;
    }

    /** Encodes a response on the server side. */
    public static byte[] encode(Response response) {
        if (response instanceof ReadHoldingRegistersResponse r) {
            return readResponse(r.functionCode(), r.values());
        } else if (response instanceof ReadInputRegistersResponse r) {
            return readResponse(r.functionCode(), r.words());
        } else if (response instanceof WriteSingleRegisterResponse w) {
            return fcAnd2Words(w.functionCode(), w.address(), w.value());
        } else if (response instanceof WriteMultipleRegistersResponse w) {
            return fcAnd2Words(w.functionCode(), w.address(), w.quantity());
        } else {
            ExceptionResponse e = (ExceptionResponse) response;
            return new byte[] {
                (byte) (e.functionCode() | ExceptionResponse.EXCEPTION_BIT),
                (byte) e.exceptionCode().code()
            };
        }
    }

    /**
     * Decodes a response PDU on the client side: 03 and 04 (byte count read unsigned, even, and equal
     * to the bytes that follow), 06 and 16 (5 bytes), or an exception reply (2 bytes, code 1..4, 0x0A or 0x0B).
     *
     * @throws MalformedPduException for any other function code, a wrong length or byte count
     */
    public static Response decodeResponse(byte[] pdu) throws MalformedPduException {
        if (pdu.length < 2 || pdu.length > Wire.MAX_PDU) {
            throw new MalformedPduException(
                    "response PDU of " + pdu.length + " bytes (expected 2.." + Wire.MAX_PDU + ")");
        }
        int fc = Wire.u8(pdu, 0);
        if ((fc & ExceptionResponse.EXCEPTION_BIT) != 0) {
            expectLength(pdu, 2, "exception");
            int code = Wire.u8(pdu, 1);
            ExceptionCode exception = ExceptionCode.of(code)
                    .orElseThrow(() ->
                            new MalformedPduException("exception code " + code + " (expected 1..4, 0x0A or 0x0B)"));
            return new ExceptionResponse(fc & 0x7F, exception);
        }
        switch (fc) {
            case ReadHoldingRegisters.FUNCTION_CODE:
                return new ReadHoldingRegistersResponse(readValues(pdu));
            case ReadInputRegisters.FUNCTION_CODE:
                return new ReadInputRegistersResponse(
                        Arrays.stream(readValues(pdu)).boxed().toList());
            case WriteSingleRegister.FUNCTION_CODE:
                expectLength(pdu, 5, "write single register");
                return new WriteSingleRegisterResponse(Wire.u16(pdu, 1), Wire.u16(pdu, 3));
            case WriteMultipleRegisters.FUNCTION_CODE:
                expectLength(pdu, 5, "write multiple registers");
                return new WriteMultipleRegistersResponse(Wire.u16(pdu, 1), Wire.u16(pdu, 3));
            default:
                throw new MalformedPduException(String.format(
                        "response function code 0x%02x (expected 0x03, 0x04, 0x06, 0x10 or an exception)", fc));
        }
    }

    /** The values of a 03 or 04 response. */
    private static int[] readValues(byte[] pdu) throws MalformedPduException {
        int byteCount = Wire.u8(pdu, 1);
        if (byteCount % 2 != 0 || pdu.length != 2 + byteCount) {
            throw new MalformedPduException("read response with byte count " + byteCount + " and " + (pdu.length - 2)
                    + " data bytes (expected an even byte count equal to the data bytes)");
        }
        return registers(pdu, 2, byteCount / 2);
    }

    private static void expectLength(byte[] pdu, int expected, String what) throws MalformedPduException {
        if (pdu.length != expected) {
            throw new MalformedPduException(what + " response of " + pdu.length + " bytes (expected " + expected + ")");
        }
    }

    private static DecodedRequest ok(Request request) {
        return new DecodedRequest.Ok(request);
    }

    private static DecodedRequest reject(int fc, ExceptionCode code) {
        return new DecodedRequest.Rejected(new ExceptionResponse(fc, code));
    }

    private static byte[] fcAnd2Words(int fc, int first, int second) {
        byte[] pdu = new byte[5];
        pdu[0] = (byte) fc;
        Wire.putU16(pdu, 1, first);
        Wire.putU16(pdu, 3, second);
        return pdu;
    }

    private static int[] registers(byte[] pdu, int from, int count) {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = Wire.u16(pdu, from + 2 * i);
        }
        return values;
    }

    private static void putRegisters(byte[] pdu, int from, int[] values) {
        for (int i = 0; i < values.length; i++) {
            Wire.putU16(pdu, from + 2 * i, values[i]);
        }
    }
}
