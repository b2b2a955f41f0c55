package org.pro380.twin.fuzz;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * What the spec (PRO380-COMPACT.md sections 2, 3 and 5, and the Modbus application protocol it
 * follows) requires of the meter for one request PDU addressed to one unit id, restated here
 * without the project's code: silence or the exact reply, and the writable registers after it.
 * Only the data of a valid read comes from the meter itself (a direct read at that instant).
 *
 * <p>The oracle keeps its own copy of the writable registers (unit id among them): it is told
 * their values once, at the start, and then applies the writes the spec says take effect.
 */
final class SpecOracle {

    /** The words a direct read of the meter gives. */
    interface DirectRead {
        int[] read(int address, int quantity);
    }

    /** A reply PDU and the unit id it goes out with. */
    record Reply(int unit, byte[] pdu) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Reply r && r.unit == unit && Arrays.equals(r.pdu, pdu);
        }

        @Override
        public int hashCode() {
            return 31 * unit + Arrays.hashCode(pdu);
        }

        @Override
        public String toString() {
            return "unit " + unit + ": " + Bytes.hex(pdu);
        }
    }

    static final int READ = 0x03;
    static final int WRITE_SINGLE = 0x06;
    static final int WRITE_MULTIPLE = 0x10;
    static final int ILLEGAL_FUNCTION = 0x01;
    static final int ILLEGAL_ADDRESS = 0x02;
    static final int ILLEGAL_VALUE = 0x03;

    static final int UNIT_ID = 0x4003;
    /** Section 3: the three blocks a read must lie wholly inside. */
    private static final int[][] BLOCKS = {{0x4000, 0x4021}, {0x5000, 0x5031}, {0x6000, 0x6057}};

    /** Section 5: the writable registers (all one word) and the values each accepts. */
    static final Map<Integer, IntPredicate> WRITABLE = writable();

    private static Map<Integer, IntPredicate> writable() {
        Map<Integer, IntPredicate> w = new LinkedHashMap<>();
        w.put(UNIT_ID, v -> v >= 1 && v <= 247);
        w.put(0x4004, v -> v == 300 || v == 600 || v == 1200 || v == 2400 || v == 4800 || v == 9600);
        w.put(0x4010, SpecOracle::bcdSeconds);
        w.put(0x4011, v -> v >= 1 && v <= 3); // 1 even, 2 none, 3 odd
        w.put(0x4016, v -> v == 0); // the power-on counter may only be reset
        w.put(0x4021, v -> v == 1 || v == 2); // backlight on, off
        w.put(0x6048, v -> v >= 1 && v <= 3); // tariff
        return Map.copyOf(w);
    }

    /** Section 4: the LCD cycle time is BCD, 01..30 s ({@code 0x0025} is 25 s). */
    private static boolean bcdSeconds(int word) {
        int tens = word >> 4;
        int ones = word & 0xF;
        return tens <= 9 && ones <= 9 && tens * 10 + ones >= 1 && tens * 10 + ones <= 30;
    }

    private final Map<Integer, Integer> registers;
    private final DirectRead meter;

    /** @param registers the writable registers' values now, by address */
    SpecOracle(Map<Integer, Integer> registers, DirectRead meter) {
        if (!registers.keySet().equals(WRITABLE.keySet())) {
            throw new IllegalArgumentException("need exactly the writable registers, not " + registers.keySet());
        }
        this.registers = new LinkedHashMap<>(registers);
        this.meter = meter;
    }

    int ownUnit() {
        return registers.get(UNIT_ID);
    }

    /** The writable registers as the spec says they now are. */
    Map<Integer, Integer> registers() {
        return Map.copyOf(registers);
    }

    /** The reply the spec requires to {@code pdu} sent to {@code unit} (empty: silence); applies its writes. */
    Optional<Reply> expect(int unit, byte[] pdu) {
        int own = ownUnit();
        boolean broadcast = unit == 0;
        if (!broadcast && unit != own) {
            return Optional.empty(); // another meter's request: no reply, nothing changes
        }
        int fc = pdu[0] & 0xFF;
        byte[] reply = switch (fc) {
            case READ -> read(pdu);
            case WRITE_SINGLE -> writeSingle(pdu);
            case WRITE_MULTIPLE -> writeMultiple(pdu);
            default -> exception(fc, ILLEGAL_FUNCTION);
        };
        if (broadcast && fc != READ) {
            return Optional.empty(); // a broadcast is executed and not answered, but a read is (decision of section 3)
        }
        return Optional.of(new Reply(broadcast ? own : unit, reply));
    }

    private byte[] read(byte[] pdu) {
        if (pdu.length != 5) {
            return exception(READ, ILLEGAL_VALUE);
        }
        int address = u16(pdu, 1);
        int quantity = u16(pdu, 3);
        if (quantity < 1 || quantity > 125) {
            return exception(READ, ILLEGAL_VALUE); // quantity first ...
        }
        if (!insideOneBlock(address, quantity)) {
            return exception(READ, ILLEGAL_ADDRESS); // ... then address
        }
        int[] words = meter.read(address, quantity);
        byte[] reply = new byte[2 + 2 * quantity];
        reply[0] = READ;
        reply[1] = (byte) (2 * quantity);
        for (int i = 0; i < quantity; i++) {
            reply[2 + 2 * i] = (byte) (words[i] >> 8);
            reply[3 + 2 * i] = (byte) words[i];
        }
        return reply;
    }

    private static boolean insideOneBlock(int address, int quantity) {
        for (int[] block : BLOCKS) {
            if (address >= block[0] && address + quantity - 1 <= block[1]) {
                return true;
            }
        }
        return false;
    }

    private byte[] writeSingle(byte[] pdu) {
        if (pdu.length != 5) {
            return exception(WRITE_SINGLE, ILLEGAL_VALUE);
        }
        int address = u16(pdu, 1);
        int value = u16(pdu, 3);
        if (!WRITABLE.containsKey(address)) {
            return exception(WRITE_SINGLE, ILLEGAL_ADDRESS);
        }
        if (!WRITABLE.get(address).test(value)) {
            return exception(WRITE_SINGLE, ILLEGAL_VALUE);
        }
        registers.put(address, value);
        return pdu.clone(); // the echo
    }

    private byte[] writeMultiple(byte[] pdu) {
        if (pdu.length < 6) {
            return exception(WRITE_MULTIPLE, ILLEGAL_VALUE);
        }
        int address = u16(pdu, 1);
        int quantity = u16(pdu, 3);
        int byteCount = pdu[5] & 0xFF;
        if (quantity < 1 || quantity > 123 || byteCount != 2 * quantity || pdu.length != 6 + byteCount) {
            return exception(WRITE_MULTIPLE, ILLEGAL_VALUE);
        }
        for (int i = 0; i < quantity; i++) {
            if (!WRITABLE.containsKey(address + i)) {
                return exception(WRITE_MULTIPLE, ILLEGAL_ADDRESS);
            }
        }
        for (int i = 0; i < quantity; i++) {
            if (!WRITABLE.get(address + i).test(u16(pdu, 6 + 2 * i))) {
                return exception(WRITE_MULTIPLE, ILLEGAL_VALUE); // all or nothing
            }
        }
        for (int i = 0; i < quantity; i++) {
            registers.put(address + i, u16(pdu, 6 + 2 * i));
        }
        return Arrays.copyOf(pdu, 5);
    }

    private static byte[] exception(int fc, int code) {
        return new byte[] {(byte) (fc | 0x80), (byte) code};
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }
}
