package org.pro380.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.protocol.Parity;
import org.pro380.registers.Settings;
import org.pro380.registers.Tariff;

class NvCodecTest {

    /** Where the layout in NvCodec's javadoc puts each field. */
    private static final int SEQUENCE = 6;

    private static final int TOTAL = 14;
    private static final int COUNTERS = 22;
    private static final int UNIT_ID = 310;
    private static final int BAUD = 311;
    private static final int PARITY = 313;
    private static final int LCD = 314;
    private static final int BACKLIGHT = 315;
    private static final int TARIFF = 316;
    private static final int POWER_COUNTER = 317;
    private static final int CRC = 319;

    /** Every counter different, so a swapped or shifted counter cannot decode equal. */
    static long[] distinctCounters() {
        long[] c = new long[EnergyCounters.SIZE];
        for (int i = 0; i < c.length; i++) {
            c[i] = 1_000_000L * (i + 1) + 1_000L * (37 - i) + i; // i+1 kWh, 37-i Wh, i mWh
        }
        return c;
    }

    /** No setting at its factory value; power counter above 0x7FFF so a signed read would show. */
    static StoredState distinctState() {
        Settings settings = new Settings(247, 2400, Parity.ODD, 27, false, Tariff.T3);
        return new StoredState(EnergyCounters.of(distinctCounters()), settings, 0xBEEF);
    }

    @Test
    void roundTrip() {
        StoredState state = distinctState();

        NvCopy copy = NvCodec.decode(NvCodec.encode(0x0102030405060708L, state));

        assertThat(copy).isEqualTo(new NvCopy.Intact(0x0102030405060708L, state));
        NvCopy.Intact intact = (NvCopy.Intact) copy;
        assertThat(intact.state().counters().toArray()).containsExactly(distinctCounters());
        assertThat(intact.state().settings()).isEqualTo(state.settings());
        assertThat(intact.state().powerCounter()).isEqualTo(0xBEEF);
    }

    @Test
    void roundTripOfFactoryState() {
        StoredState state = StoredState.factoryNew(Settings.factory());

        assertThat(NvCodec.decode(NvCodec.encode(1, state))).isEqualTo(new NvCopy.Intact(1, state));
    }

    @Test
    void layoutIsTheDocumentedOne() {
        StoredState state = distinctState();
        byte[] bytes = NvCodec.encode(0x0102030405060708L, state);
        ByteBuffer b = ByteBuffer.wrap(bytes);

        assertThat(bytes).hasSize(NvCodec.LENGTH).hasSize(323);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("P380");
        assertThat(b.getShort(4)).isEqualTo((short) 1);
        assertThat(b.getLong(SEQUENCE)).isEqualTo(0x0102030405060708L);
        assertThat(b.getLong(TOTAL)).isEqualTo(state.counters().totalActiveMilli());
        long[] counters = distinctCounters();
        for (int i = 0; i < counters.length; i++) {
            assertThat(b.getLong(COUNTERS + 8 * i)).as("counter %d", i).isEqualTo(counters[i]);
        }
        assertThat(bytes[UNIT_ID] & 0xFF).isEqualTo(247);
        assertThat(b.getShort(BAUD)).isEqualTo((short) 2400);
        assertThat(bytes[PARITY]).isEqualTo((byte) Parity.ODD.ordinal());
        assertThat(bytes[LCD]).isEqualTo((byte) 27);
        assertThat(bytes[BACKLIGHT]).isEqualTo((byte) 0);
        assertThat(bytes[TARIFF]).isEqualTo((byte) 3);
        assertThat(b.getShort(POWER_COUNTER) & 0xFFFF).isEqualTo(0xBEEF);
        assertThat(b.getInt(CRC)).isEqualTo((int) crc(bytes));
    }

    @Test
    void everyFlippedByteMakesTheCopyDamaged() {
        byte[] good = NvCodec.encode(42, distinctState());
        for (int offset = 0; offset < good.length; offset++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                byte[] bad = good.clone();
                bad[offset] ^= (byte) mask;

                assertThat(NvCodec.decode(bad))
                        .as("offset %d mask %02x", offset, mask)
                        .isInstanceOf(NvCopy.Damaged.class);
            }
        }
    }

    @Test
    void totalIsStillReadFromADamagedCopy() {
        StoredState state = distinctState();
        byte[] good = NvCodec.encode(42, state);
        for (int offset = 0; offset < good.length; offset++) {
            if (offset >= TOTAL && offset < TOTAL + 8) {
                continue;
            }
            byte[] bad = good.clone();
            bad[offset] ^= 0x5A;

            NvCopy.Damaged damaged = (NvCopy.Damaged) NvCodec.decode(bad);
            assertThat(damaged.totalActiveMilli())
                    .as("offset %d", offset)
                    .isEqualTo(OptionalLong.of(state.counters().totalActiveMilli()));
            assertThat(damaged.why()).isEqualTo("checksum mismatch");
        }
    }

    @Test
    void aDamagedTotalIsReadAsItStands() {
        byte[] bad = NvCodec.encode(42, distinctState());
        ByteBuffer.wrap(bad).putLong(TOTAL, 123_456_789L);

        assertThat(NvCodec.decode(bad))
                .isEqualTo(new NvCopy.Damaged(OptionalLong.of(123_456_789L), "checksum mismatch"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 13, 21})
    void copyTruncatedBeforeTheEndOfItsTotal(int length) {
        byte[] cut = Arrays.copyOf(NvCodec.encode(42, distinctState()), length);

        assertThat(NvCodec.decode(cut))
                .isEqualTo(new NvCopy.Damaged(OptionalLong.empty(), "length " + length + ", expected 323"));
    }

    @ParameterizedTest
    @ValueSource(ints = {22, 100, 322, 324, 4096})
    void copyOfTheWrongLengthThatHoldsItsTotal(int length) {
        StoredState state = distinctState();
        byte[] cut = Arrays.copyOf(NvCodec.encode(42, state), length);

        assertThat(NvCodec.decode(cut))
                .isEqualTo(new NvCopy.Damaged(
                        OptionalLong.of(state.counters().totalActiveMilli()), "length " + length + ", expected 323"));
    }

    @Test
    void wrongMagicIsDamagedEvenWithAMatchingChecksum() {
        byte[] alien = NvCodec.encode(42, distinctState());
        alien[0] = 'X';

        assertThat(NvCodec.decode(alien)).isInstanceOf(NvCopy.Damaged.class);
        assertThat(NvCodec.decode(withCrc(alien)))
                .isInstanceOfSatisfying(
                        NvCopy.Damaged.class, d -> assertThat(d.why()).contains("not a PRO380 memory image"));
    }

    @Test
    void otherLayoutVersionIsDamaged() {
        byte[] v2 = NvCodec.encode(42, distinctState());
        ByteBuffer.wrap(v2).putShort(4, (short) 2);

        assertThat(NvCodec.decode(withCrc(v2)))
                .isInstanceOfSatisfying(
                        NvCopy.Damaged.class, d -> assertThat(d.why()).contains("layout 1"));
    }

    @Test
    void aZeroFilledCopyIsDamaged() {
        assertThat(NvCodec.decode(new byte[NvCodec.LENGTH])).isInstanceOf(NvCopy.Damaged.class);
    }

    /**
     * Content no encoder writes, under a checksum that matches: each is a damaged copy, and
     * decoding never throws.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "parity 3",
                "parity 255",
                "tariff 0",
                "tariff 4",
                "unit id 0",
                "unit id 248",
                "baud 1234",
                "lcd 0",
                "lcd 31",
                "backlight 2",
                "negative counter",
                "total not the counters' sum"
            })
    void invalidContentUnderAMatchingChecksumIsDamaged(String what) {
        byte[] bytes = NvCodec.encode(42, distinctState());
        ByteBuffer b = ByteBuffer.wrap(bytes);
        Consumer<ByteBuffer> spoil = switch (what) {
            case "parity 3" -> x -> x.put(PARITY, (byte) 3);
            case "parity 255" -> x -> x.put(PARITY, (byte) 255);
            case "tariff 0" -> x -> x.put(TARIFF, (byte) 0);
            case "tariff 4" -> x -> x.put(TARIFF, (byte) 4);
            case "unit id 0" -> x -> x.put(UNIT_ID, (byte) 0);
            case "unit id 248" -> x -> x.put(UNIT_ID, (byte) 248);
            case "baud 1234" -> x -> x.putShort(BAUD, (short) 1234);
            case "lcd 0" -> x -> x.put(LCD, (byte) 0);
            case "lcd 31" -> x -> x.put(LCD, (byte) 31);
            case "backlight 2" -> x -> x.put(BACKLIGHT, (byte) 2);
            case "negative counter" -> x -> x.putLong(COUNTERS + 8 * 6, -1);
            case "total not the counters' sum" -> x -> x.putLong(TOTAL, x.getLong(TOTAL) + 1);
            default -> throw new IllegalArgumentException(what);
        };
        spoil.accept(b);

        assertThat(NvCodec.decode(withCrc(bytes)))
                .isInstanceOfSatisfying(
                        NvCopy.Damaged.class,
                        d -> assertThat(d.why()).startsWith("checksum passes but content is invalid"));
    }

    @Test
    void encodeAtAnOffsetWritesTheSameBytesThereAndNothingElse() {
        byte[] buffer = new byte[3 * NvCodec.LENGTH];
        Arrays.fill(buffer, (byte) 0x5A);

        NvCodec.encode(42, distinctState(), buffer, NvCodec.LENGTH);

        assertThat(Arrays.copyOfRange(buffer, NvCodec.LENGTH, 2 * NvCodec.LENGTH))
                .isEqualTo(NvCodec.encode(42, distinctState()));
        for (int i : new int[] {0, NvCodec.LENGTH - 1, 2 * NvCodec.LENGTH, buffer.length - 1}) {
            assertThat(buffer[i]).as("byte %d", i).isEqualTo((byte) 0x5A);
        }
    }

    @Test
    void decodeAtAnOffsetReadsOnlyThatCopy() {
        byte[] buffer = new byte[3 * NvCodec.LENGTH];
        NvCodec.encode(41, distinctState(), buffer, 0);
        NvCodec.encode(42, distinctState(), buffer, NvCodec.LENGTH);
        buffer[2 * NvCodec.LENGTH + 5] = 1; // the copy after it is garbage

        assertThat(NvCodec.decode(buffer, NvCodec.LENGTH, NvCodec.LENGTH))
                .isEqualTo(new NvCopy.Intact(42, distinctState()));
        assertThat(NvCodec.decode(buffer, 2 * NvCodec.LENGTH, NvCodec.LENGTH)).isInstanceOf(NvCopy.Damaged.class);
        assertThat(NvCodec.decode(buffer, NvCodec.LENGTH, 100))
                .isEqualTo(new NvCopy.Damaged(
                        OptionalLong.of(distinctState().counters().totalActiveMilli()), "length 100, expected 323"));
    }

    private static byte[] withCrc(byte[] bytes) {
        ByteBuffer.wrap(bytes).putInt(CRC, (int) crc(bytes));
        return bytes;
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, CRC);
        return crc.getValue();
    }
}
