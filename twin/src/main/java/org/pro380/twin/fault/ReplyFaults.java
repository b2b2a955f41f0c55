package org.pro380.twin.fault;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.pro380.protocol.ExceptionResponse;
import org.pro380.protocol.UnitPdu;
import org.pro380.registers.UnitId;

/**
 * The faults decided for one reply, travelling with it from the bus to the transport that frames
 * it. The bus applies what every transport shares ({@link #exception}, {@link #reshape}); each
 * transport frames the rest its own way: RTU with {@link #rtu}, Modbus TCP with {@link #mbap}
 * (corruptCrc and garbage do not apply to an MBAP frame, corruptLength not to an RTU frame).
 * {@code noise}: the bytes garbage and extraBytes add, drawn when the faults were decided.
 */
public record ReplyFaults(List<Fault> faults, Duration delay, byte[] noise) {

    /** A reply as the meter gave it. */
    public static final ReplyFaults NONE = new ReplyFaults(List.of(), Duration.ZERO, new byte[0]);

    public ReplyFaults {
        faults = List.copyOf(faults);
        noise = noise.clone();
    }

    public boolean none() {
        return faults.isEmpty();
    }

    /** No reply at all. */
    public boolean drop() {
        return has(Fault.Drop.class);
    }

    /** The exception code to answer instead of the meter, if any. */
    public Optional<Integer> exception() {
        return faults.stream()
                .filter(Fault.Exception.class::isInstance)
                .map(f -> ((Fault.Exception) f).code())
                .findFirst();
    }

    /** The exception reply PDU to {@code request} with the code of {@link #exception}. */
    public static byte[] exceptionPdu(byte[] request, int code) {
        int function = request.length > 0 ? request[0] & 0x7F : 0;
        return new byte[] {(byte) (function | ExceptionResponse.EXCEPTION_BIT), (byte) code};
    }

    /** The reply with another unit id or function code, where those faults were decided; still well-formed. */
    public UnitPdu reshape(UnitPdu reply) {
        if (!has(Fault.WrongUnit.class) && !has(Fault.WrongFunction.class)) {
            return reply;
        }
        int unit = has(Fault.WrongUnit.class) ? reply.unitId() % UnitId.LAST + 1 : reply.unitId();
        byte[] pdu = reply.pdu().clone();
        if (has(Fault.WrongFunction.class) && pdu.length > 0) {
            int function = pdu[0] & 0x7F;
            pdu[0] = (byte) (pdu[0] & 0x80 | (function == 0x04 ? 0x03 : 0x04));
        }
        return new UnitPdu(unit, pdu);
    }

    /** An RTU frame (unit, PDU, CRC) as the faults put it on the line. */
    public byte[] rtu(byte[] frame) {
        byte[] out = frame;
        if (has(Fault.CorruptCrc.class)) {
            out = out.clone();
            out[out.length - 1] ^= (byte) 0xFF;
        }
        return surround(cut(out));
    }

    /** A Modbus TCP frame (MBAP header, PDU) as the faults send it. */
    public byte[] mbap(byte[] frame) {
        byte[] out = frame;
        if (has(Fault.CorruptLength.class) && out.length >= 6) {
            out = out.clone();
            int length = ((out[4] & 0xFF) << 8 | out[5] & 0xFF) + 3;
            out[4] = (byte) (length >> 8);
            out[5] = (byte) length;
        }
        return has(Fault.ExtraBytes.class) ? concat(cut(out), noise) : cut(out);
    }

    private byte[] cut(byte[] frame) {
        return has(Fault.Truncate.class) ? Arrays.copyOf(frame, Math.max(1, frame.length / 2)) : frame;
    }

    private byte[] surround(byte[] frame) {
        byte[] out = has(Fault.Garbage.class) ? concat(noise, frame) : frame;
        return has(Fault.ExtraBytes.class) ? concat(out, noise) : out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private boolean has(Class<? extends Fault> kind) {
        for (Fault f : faults) {
            if (kind.isInstance(f)) {
                return true;
            }
        }
        return false;
    }
}
