package org.pro380.twin.fault;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pro380.meter.MeterReading;
import org.pro380.protocol.ExceptionResponse;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.UnitPdu;
import org.pro380.registers.UnitId;

/**
 * The faults decided for one reply, travelling with it from the bus to the transport that frames
 * it. The bus applies what every transport shares ({@link #exception}, {@link #reshape},
 * {@link #frozen}); each transport frames the rest its own way: RTU with {@link #rtu}, Modbus TCP
 * with {@link #mbap} (corruptCrc and garbage do not apply to an MBAP frame, corruptLength and
 * wrongTransaction not to an RTU frame), and each sends a {@link #split} reply in two parts and
 * closes the connection for a {@link #disconnect} where it is a TCP connection. A bus's line
 * faults (noise, swappedAB) are decided the same way and change the line's bytes ({@link #onLine}).
 * {@code noise}: the bytes garbage, extraBytes and a line's random noise add, drawn when the
 * faults were decided; {@code frozen}: a stuck meter's registers.
 */
public record ReplyFaults(List<Fault> faults, Duration delay, byte[] noise, Optional<MeterReading> frozen) {

    /** A reply as the meter gave it. */
    public static final ReplyFaults NONE = new ReplyFaults(List.of(), Duration.ZERO, new byte[0]);

    public ReplyFaults {
        faults = List.copyOf(faults);
        noise = noise.clone();
        Objects.requireNonNull(frozen, "frozen");
    }

    /** Faults that freeze no registers. */
    public ReplyFaults(List<Fault> faults, Duration delay, byte[] noise) {
        this(faults, delay, noise, Optional.empty());
    }

    public boolean none() {
        return faults.isEmpty();
    }

    /** No reply at all. */
    public boolean drop() {
        return has(Fault.Drop.class);
    }

    /** The TCP connection closed instead of the reply (a serial line has none to close: the reply goes out). */
    public boolean disconnect() {
        return has(Fault.Disconnect.class);
    }

    /** Whether the reply goes out in two parts. */
    public boolean split() {
        return has(Fault.Split.class);
    }

    /** The pause between a split reply's parts: the fault's gap, or 3.5 characters at {@code line}'s baud. */
    public Duration splitGap(LineSettings line) {
        return faults.stream()
                .filter(Fault.Split.class::isInstance)
                .map(f -> ((Fault.Split) f).gap())
                .flatMap(Optional::stream)
                .findFirst()
                .orElseGet(() -> Duration.ofNanos(line.interFrameGapNanos()));
    }

    /** A split reply's two parts: the first half of {@code frame} and the rest. */
    public static byte[][] halves(byte[] frame) {
        int cut = Math.max(1, frame.length / 2);
        return new byte[][] {Arrays.copyOf(frame, cut), Arrays.copyOfRange(frame, cut, frame.length)};
    }

    /**
     * The bytes a faulty line carries instead of {@code bytes}: with A and B swapped every bit
     * inverted, with noise the noise bytes (random or zero) injected in the middle.
     */
    public byte[] onLine(byte[] bytes) {
        byte[] out = bytes;
        for (Fault f : faults) {
            if (f instanceof Fault.Noise n) {
                byte[] injected = n.bytes() == Fault.NoiseBytes.ZERO ? new byte[noise.length] : noise;
                int at = out.length / 2;
                out = concat(concat(Arrays.copyOf(out, at), injected), Arrays.copyOfRange(out, at, out.length));
            }
        }
        if (has(Fault.SwappedAB.class)) {
            out = out.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) ~out[i];
            }
        }
        return out;
    }

    /** The exception code to answer instead of the meter, if any. */
    public Optional<Integer> exception() {
        for (int i = 0; i < faults.size(); i++) { // no stream: the bus asks for every reply
            if (faults.get(i) instanceof Fault.Exception e) {
                return Optional.of(e.code());
            }
        }
        return Optional.empty();
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
        byte[] pdu = reply.pdu();
        if (has(Fault.WrongFunction.class) && pdu.length > 0) {
            int function = pdu[0] & 0x7F;
            pdu[0] = (byte) (pdu[0] & 0x80 | (function == 0x04 ? 0x03 : 0x04));
        }
        return UnitPdu.taking(unit, pdu);
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
        if (has(Fault.WrongTransaction.class) && out.length >= 2) {
            out = out.clone();
            out[1] ^= 0x01; // another transaction: the id's low bit flipped
        }
        return has(Fault.ExtraBytes.class) ? concat(cut(out), noise) : cut(out);
    }

    private byte[] cut(byte[] frame) {
        return has(Fault.Truncate.class) ? halves(frame)[0] : frame;
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
        for (int i = 0; i < faults.size(); i++) {
            if (kind.isInstance(faults.get(i))) {
                return true;
            }
        }
        return false;
    }
}
