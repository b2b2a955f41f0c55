package org.pro380.twin.traffic;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.pro380.protocol.Crc16;
import org.pro380.protocol.DecodedRequest;
import org.pro380.protocol.MbapCodec;
import org.pro380.protocol.PduCodec;
import org.pro380.protocol.ReadHoldingRegisters;
import org.pro380.protocol.WriteMultipleRegisters;
import org.pro380.protocol.WriteSingleRegister;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.twin.capture.Direction;
import org.pro380.twin.traffic.TransportKind.Framing;

/**
 * Reads a captured frame as a person would in a protocol analyser: unit, function, registers by
 * the register map's keys, exception code, CRC. Pure; takes any bytes, a broken frame included,
 * and says what it can.
 */
public final class FrameDecoder {

    private static final int RTU_MIN = 4;
    private static final int CRC = 2;

    private FrameDecoder() {}

    /**
     * Decodes {@code bytes} framed as {@code framing}; {@code request} is, for a reply, the PDU of
     * the request it answers (empty if unknown), from which a read's reply takes its addresses.
     */
    public static DecodedFrame decode(Framing framing, Direction direction, byte[] bytes, byte[] request) {
        return framing == Framing.RTU ? rtu(direction, bytes, request) : mbap(direction, bytes, request);
    }

    private static DecodedFrame rtu(Direction direction, byte[] bytes, byte[] request) {
        if (bytes.length < RTU_MIN) {
            return broken(
                            bytes.length == 0 ? OptionalInt.empty() : OptionalInt.of(bytes[0] & 0xFF),
                            OptionalInt.empty())
                    .problem("an RTU frame of " + bytes.length + " bytes is too short (4 at least)");
        }
        DecodedFrame.Crc crc =
                Crc16.endsWithValidCrc(bytes, 0, bytes.length) ? DecodedFrame.Crc.OK : DecodedFrame.Crc.BAD;
        byte[] pdu = Arrays.copyOfRange(bytes, 1, bytes.length - CRC);
        return pdu(direction, pdu, request, new Builder(OptionalInt.of(bytes[0] & 0xFF), OptionalInt.empty()))
                .crc(crc)
                .build();
    }

    private static DecodedFrame mbap(Direction direction, byte[] bytes, byte[] request) {
        if (bytes.length < MbapCodec.HEADER + 1) {
            return broken(OptionalInt.empty(), OptionalInt.empty())
                    .problem("a Modbus TCP frame of " + bytes.length + " bytes is too short (8 at least)");
        }
        OptionalInt transaction = OptionalInt.of(u16(bytes, 0));
        Builder b = new Builder(OptionalInt.of(bytes[6] & 0xFF), transaction);
        int length = u16(bytes, 4);
        int follow = bytes.length - 6;
        if (length != follow) {
            b.problem = Optional.of("the MBAP length says " + length + " bytes, " + follow + " follow");
        }
        int end = Math.min(bytes.length, 6 + Math.max(length, 1));
        byte[] pdu = Arrays.copyOfRange(bytes, MbapCodec.HEADER, Math.max(end, MbapCodec.HEADER + 1));
        return pdu(direction, pdu, request, b).build();
    }

    private static Builder pdu(Direction direction, byte[] pdu, byte[] request, Builder b) {
        int code = pdu[0] & 0xFF;
        b.function = OptionalInt.of(code & 0x7F);
        if ((code & 0x80) != 0) {
            if (pdu.length > 1) {
                b.exception = OptionalInt.of(pdu[1] & 0xFF);
            }
            return b;
        }
        return direction == Direction.IN ? request(pdu, b) : reply(pdu, request, b);
    }

    private static Builder request(byte[] pdu, Builder b) {
        if (!(PduCodec.decodeRequest(pdu) instanceof DecodedRequest.Ok ok)) {
            return b;
        }
        if (ok.request() instanceof ReadHoldingRegisters r) {
            b.registers(r.address(), r.quantity());
        } else if (ok.request() instanceof WriteSingleRegister w) {
            b.registers(w.address(), 1).values(w.address(), new int[] {w.value()});
        } else if (ok.request() instanceof WriteMultipleRegisters w) {
            b.registers(w.address(), w.quantity()).values(w.address(), w.values());
        }
        return b;
    }

    private static Builder reply(byte[] pdu, byte[] request, Builder b) {
        int function = pdu[0] & 0xFF;
        if (function == ReadHoldingRegisters.FUNCTION_CODE) {
            int[] words = words(pdu);
            b.quantity = OptionalInt.of(words.length);
            if (PduCodec.decodeRequest(request) instanceof DecodedRequest.Ok ok
                    && ok.request() instanceof ReadHoldingRegisters read) {
                b.address = OptionalInt.of(read.address());
                b.values(read.address(), words);
            }
        } else if ((function == WriteSingleRegister.FUNCTION_CODE || function == WriteMultipleRegisters.FUNCTION_CODE)
                && pdu.length >= 5) {
            b.registers(u16(pdu, 1), function == WriteSingleRegister.FUNCTION_CODE ? 1 : u16(pdu, 3));
        }
        return b;
    }

    /** The words a read's reply carries (as many whole words as there are, whatever its byte count says). */
    private static int[] words(byte[] pdu) {
        int n = Math.max(0, pdu.length - 2) / 2;
        int[] words = new int[n];
        for (int i = 0; i < n; i++) {
            words[i] = u16(pdu, 2 + 2 * i);
        }
        return words;
    }

    /** The registers wholly within {@code words} read from {@code first}, by key, decoded by the map. */
    static Map<String, Object> named(int first, int[] words) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int a = first; a < first + words.length && a <= 0xFFFF; a++) {
            Optional<Register<?>> r = Registers.MAP.startingAt(a);
            if (r.isPresent() && r.get().lastAddress() < first + words.length) {
                values.put(r.get().key(), r.get().decodeFrom(words, first));
            }
        }
        return values;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    private static Builder broken(OptionalInt unit, OptionalInt transaction) {
        return new Builder(unit, transaction);
    }

    private static final class Builder {
        final OptionalInt unit;
        final OptionalInt transaction;
        OptionalInt function = OptionalInt.empty();
        OptionalInt address = OptionalInt.empty();
        OptionalInt quantity = OptionalInt.empty();
        Map<String, Object> values = Map.of();
        OptionalInt exception = OptionalInt.empty();
        Optional<DecodedFrame.Crc> crc = Optional.empty();
        Optional<String> problem = Optional.empty();

        Builder(OptionalInt unit, OptionalInt transaction) {
            this.unit = unit;
            this.transaction = transaction;
        }

        Builder registers(int first, int count) {
            address = OptionalInt.of(first);
            quantity = OptionalInt.of(count);
            return this;
        }

        Builder values(int first, int[] words) {
            values = named(first, words);
            return this;
        }

        Builder crc(DecodedFrame.Crc checked) {
            crc = Optional.of(checked);
            return this;
        }

        DecodedFrame problem(String why) {
            problem = Optional.of(why);
            return build();
        }

        DecodedFrame build() {
            return new DecodedFrame(unit, transaction, function, address, quantity, values, exception, crc, problem);
        }
    }
}
