package org.pro380.app.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.pro380.registers.Block;
import org.pro380.registers.DataType;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

/**
 * A PRO380 register image built from the map: a value for every register, encoded by its data
 * type, and 0 at every reserved address of the three blocks. Written as JSON for a Modbus server
 * that knows nothing of the meter ({"unit": 1, "registers": {"16384": 8713, ...}}).
 */
final class RegisterImage {
    final Map<Register<?>, Object> values = new LinkedHashMap<>();

    RegisterImage() {
        for (Register<?> r : Registers.MAP.all()) {
            values.put(r, sample(r));
        }
        values.put(Registers.SERIAL_NUMBER, 31415926);
        values.put(Registers.METER_CODE, 0x0102);
        values.put(Registers.UNIT_ID, 1);
        values.put(Registers.BAUD_RATE, 9600);
        values.put(Registers.LCD_CYCLE_TIME, 10);
        values.put(Registers.PARITY, 1);
        values.put(Registers.POWER_COUNTER, 12);
        values.put(Registers.BACKLIGHT, 1);
        values.put(Registers.TARIFF, 2);
        values.put(Registers.DIRECTION_L3, "3R");
        values.put(Registers.CURRENT_L3, -4.25);
    }

    /** Every address of every block, in order: register words, or 0 where reserved. */
    Map<Integer, Integer> words() {
        Map<Integer, Integer> words = new TreeMap<>();
        for (Block b : Block.values()) {
            for (int a = b.first(); a <= b.last(); a++) {
                words.put(a, 0);
            }
        }
        values.forEach((r, v) -> {
            int[] w = r.type().encodeObject(v);
            for (int i = 0; i < w.length; i++) {
                words.put(r.address() + i, w[i]);
            }
        });
        return words;
    }

    void write(Path file, int unitId) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("unit", unitId);
        ObjectNode registers = root.putObject("registers");
        words().forEach((a, w) -> registers.put(Integer.toString(a), w));
        json.writeValue(file.toFile(), root);
    }

    private static Object sample(Register<?> r) {
        DataType<?> t = r.type();
        if (t == DataType.F32) {
            return (double) (float) (100 + (r.address() & 0xFF) * 0.75);
        } else if (t == DataType.ASCII2) {
            return r.key().substring(r.key().length() - 1) + "F";
        } else if (t == DataType.HEX32) {
            return 0x0607E329L + r.address();
        } else if (t == DataType.S32) {
            return 45;
        }
        return 1;
    }
}
