package org.pro380.meter;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import java.util.zip.CRC32;
import org.pro380.protocol.Parity;
import org.pro380.registers.Settings;
import org.pro380.registers.Tariff;

/**
 * The byte layout of one copy of the non-volatile memory (big-endian, fixed length):
 *
 * <pre>
 * offset  size
 *      0     4  magic "P380"
 *      4     2  layout version (1)
 *      6     8  sequence number, +1 at every save
 *     14     8  total active energy in mWh (read even from a damaged copy, to classify the error)
 *     22   288  36 energy counters in milli-units (phase x kind x direction x tariff)
 *    310     1  unit id
 *    311     2  baud
 *    313     1  parity (ordinal of even, none, odd)
 *    314     1  LCD cycle time, s
 *    315     1  backlight (1 on, 0 off)
 *    316     1  Modbus tariff 1..3
 *    317     2  power on/off counter
 *    319     4  CRC-32 of bytes 0..318
 * </pre>
 */
public final class NvCodec {

    public static final int LENGTH = 323;
    private static final int MAGIC = 0x50333830; // "P380"
    private static final short VERSION = 1;
    private static final int TOTAL_OFFSET = 14;
    private static final int CRC_OFFSET = LENGTH - 4;

    private NvCodec() {}

    public static byte[] encode(long sequence, StoredState state) {
        byte[] bytes = new byte[LENGTH];
        encode(sequence, state, bytes, 0);
        return bytes;
    }

    /**
     * Writes one copy into {@code target} at {@code offset} ({@link #LENGTH} bytes), the same
     * bytes as {@link #encode(long, StoredState)}: for a store that holds many copies in one buffer.
     */
    public static void encode(long sequence, StoredState state, byte[] target, int offset) {
        ByteBuffer b = ByteBuffer.wrap(target, offset, LENGTH).slice();
        EnergyCounters counters = state.heldCounters();
        b.putInt(MAGIC).putShort(VERSION).putLong(sequence).putLong(counters.totalActiveMilli());
        for (int i = 0; i < EnergyCounters.SIZE; i++) {
            b.putLong(counters.raw(i));
        }
        Settings s = state.settings();
        b.put((byte) s.unitId())
                .putShort((short) s.baud())
                .put((byte) s.parity().ordinal())
                .put((byte) s.lcdCycleSeconds())
                .put((byte) (s.backlight() ? 1 : 0))
                .put((byte) s.modbusTariff().number())
                .putShort((short) state.powerCounter());
        b.putInt((int) crc(target, offset));
    }

    /**
     * What the bytes of one copy hold. Never {@link NvCopy.Missing}: whether a copy exists at all
     * is for the store to say; bytes that exist but are empty are a damaged copy (a truncated file),
     * not a copy that was never written.
     */
    public static NvCopy decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * What the {@code length} bytes of one copy at {@code offset} hold, as {@link #decode(byte[])}
     * would say of those bytes alone.
     */
    public static NvCopy decode(byte[] bytes, int offset, int length) {
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, length).slice();
        OptionalLong total =
                length >= TOTAL_OFFSET + 8 ? OptionalLong.of(b.getLong(TOTAL_OFFSET)) : OptionalLong.empty();
        if (length != LENGTH) {
            return new NvCopy.Damaged(total, "length " + length + ", expected " + LENGTH);
        }
        if (b.getInt(CRC_OFFSET) != (int) crc(bytes, offset)) {
            return new NvCopy.Damaged(total, "checksum mismatch");
        }
        try {
            return parse(b);
        } catch (IllegalArgumentException | BufferUnderflowException e) {
            return new NvCopy.Damaged(total, "checksum passes but content is invalid: " + e.getMessage());
        }
    }

    private static NvCopy parse(ByteBuffer b) {
        if (b.getInt() != MAGIC || b.getShort() != VERSION) {
            throw new IllegalArgumentException("not a PRO380 memory image of layout " + VERSION);
        }
        long sequence = b.getLong();
        long total = b.getLong();
        long[] counters = new long[EnergyCounters.SIZE];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = b.getLong();
        }
        int unitId = b.get() & 0xFF;
        int baud = b.getShort() & 0xFFFF;
        int parityOrdinal = b.get() & 0xFF;
        if (parityOrdinal >= Parity.values().length) {
            throw new IllegalArgumentException("parity " + parityOrdinal + " is not 0..2");
        }
        Parity parity = Parity.values()[parityOrdinal];
        int lcd = b.get() & 0xFF;
        int backlightByte = b.get();
        if (backlightByte != 0 && backlightByte != 1) {
            throw new IllegalArgumentException("backlight " + backlightByte + " is not 0 or 1");
        }
        boolean backlight = backlightByte == 1;
        Tariff tariff = Tariff.ofNumber(b.get());
        int powerCounter = b.getShort() & 0xFFFF;
        Settings settings = new Settings(unitId, baud, parity, lcd, backlight, tariff);
        EnergyCounters energy = EnergyCounters.of(counters);
        if (energy.totalActiveMilli() != total) {
            throw new IllegalArgumentException(
                    "total " + total + " mWh is not the counters' sum " + energy.totalActiveMilli() + " mWh");
        }
        return new NvCopy.Intact(sequence, new StoredState(energy, settings, powerCounter));
    }

    private static long crc(byte[] bytes, int offset) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, CRC_OFFSET);
        return crc.getValue();
    }
}
