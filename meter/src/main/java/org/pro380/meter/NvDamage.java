package org.pro380.meter;

import java.nio.ByteBuffer;

/**
 * Damage done to one meter's two copies (spec section 8) so that the power-on check finds a
 * given error: a storage fault as the EEPROM would suffer it. From the newest intact state S at
 * sequence q, main and backup become:
 *
 * <pre>
 * 0F  both copies fail their checksum                       nothing intact: factory state
 * 0d  main fails its checksum, its kWh 1 kWh off S's;       going on from backup (S)
 *     backup S at q
 * 0C  main S at q + 2, backup intact at q with 1 kWh less   going on from main (S)
 *     (more where S holds less than 1 kWh)
 * 1d  as 0C with 0.01 kWh off, the integer kWh the same     going on from main (S)
 * </pre>
 *
 * ERR 80 (the store cannot be created) is not in the copies: {@link #damages} says which are.
 * Once the meter has gone on, its next save writes both copies whole again.
 */
public final class NvDamage {

    private static final long ONE_KWH = 1_000_000;
    private static final long ONE_HUNDREDTH = 10_000;
    private static final int TOTAL_OFFSET = 14;

    private NvDamage() {}

    /** Whether {@code error} comes from the copies' content (all but ERR 80). */
    public static boolean damages(StorageError error) {
        return error != StorageError.ERR_80;
    }

    /** The two damaged records: main and backup, {@link NvCodec#LENGTH} bytes each. */
    public record Records(byte[] main, byte[] backup) {}

    /** The records that make the power-on check find {@code error}, from state {@code s} saved at {@code sequence}. */
    public static Records of(StorageError error, long sequence, StoredState s) {
        return switch (error) {
            case ERR_0F ->
                new Records(brokenChecksum(NvCodec.encode(sequence, s)), brokenChecksum(NvCodec.encode(sequence, s)));
            case ERR_0D -> new Records(otherTotal(NvCodec.encode(sequence, s), s), NvCodec.encode(sequence, s));
            case ERR_0C -> olderBackup(sequence, s, integerShift(s));
            case ERR_1D -> olderBackup(sequence, s, hundredthShift(s));
            case ERR_80 ->
                throw new IllegalArgumentException("ERR 80 is not in the copies: the store cannot be created");
        };
    }

    private static Records olderBackup(long sequence, StoredState s, long shift) {
        return new Records(NvCodec.encode(sequence + 2, s), NvCodec.encode(sequence, shifted(s, shift)));
    }

    private static byte[] brokenChecksum(byte[] record) {
        record[NvCodec.LENGTH - 1] ^= (byte) 0xFF;
        return record;
    }

    /** The total field written 1 kWh off: the checksum no longer matches, the total still reads. */
    private static byte[] otherTotal(byte[] record, StoredState s) {
        ByteBuffer.wrap(record).putLong(TOTAL_OFFSET, s.counters().totalActiveMilli() + integerShift(s));
        return record;
    }

    private static long integerShift(StoredState s) {
        return s.counters().totalActiveMilli() >= ONE_KWH ? -ONE_KWH : ONE_KWH;
    }

    private static long hundredthShift(StoredState s) {
        return s.counters().totalActiveMilli() % ONE_KWH >= ONE_HUNDREDTH ? -ONE_HUNDREDTH : ONE_HUNDREDTH;
    }

    /** {@code s} with {@code milli} mWh more (or less) active energy, taken from the active counters in order. */
    static StoredState shifted(StoredState s, long milli) {
        long[] counters = s.counters().toArray();
        long left = milli;
        for (int place = 0; place < EnergyCounters.ACTIVE_COUNTERS && left != 0; place++) {
            int index = EnergyCounters.activeIndex(place);
            long step = left > 0 ? left : Math.max(left, -counters[index]);
            counters[index] += step;
            left -= step;
        }
        return new StoredState(EnergyCounters.of(counters), s.settings(), s.powerCounter());
    }
}
