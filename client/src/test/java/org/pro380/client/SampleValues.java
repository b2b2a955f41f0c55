package org.pro380.client;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pro380.registers.DataType;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

/** A plausible value for every register of the map, and the words they encode to. */
final class SampleValues {

    private SampleValues() {}

    static Map<Register<?>, Object> values() {
        Map<Register<?>, Object> values = new LinkedHashMap<>();
        for (Register<?> r : Registers.MAP.all()) {
            values.put(r, byType(r));
        }
        values.put(Registers.SERIAL_NUMBER, 22091039);
        values.put(Registers.METER_CODE, 0x0102);
        values.put(Registers.UNIT_ID, 1);
        values.put(Registers.BAUD_RATE, 9600);
        values.put(Registers.METER_AMPS, 45);
        values.put(Registers.LCD_CYCLE_TIME, 10);
        values.put(Registers.PARITY, 1);
        values.put(Registers.DIRECTION_L2, "2R");
        values.put(Registers.DIRECTION_L3, "3F");
        values.put(Registers.ERROR_CODE, 0);
        values.put(Registers.POWER_COUNTER, 7);
        values.put(Registers.CHECKSUM, 0x0607E329L);
        values.put(Registers.STATUS_WORD, 0x00110111L);
        values.put(Registers.BACKLIGHT, 1);
        values.put(Registers.TARIFF, 1);
        return values;
    }

    /** The 64 K register space with every register encoded; reserved addresses 0. */
    static int[] memory(Map<Register<?>, Object> values) {
        int[] memory = new int[0x10000];
        values.forEach((r, v) -> {
            int[] words = r.type().encodeObject(v);
            System.arraycopy(words, 0, memory, r.address(), words.length);
        });
        return memory;
    }

    private static Object byType(Register<?> r) {
        DataType<?> t = r.type();
        if (t == DataType.F32) {
            return (double) (float) ((r.address() & 0xFF) * 1.25 + 0.5);
        } else if (t == DataType.ASCII2) {
            return "1F";
        } else if (t == DataType.HEX32) {
            return 0L;
        }
        return 1;
    }
}
