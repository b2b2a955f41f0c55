package org.pro380.client.format;

import java.math.BigDecimal;
import java.util.Locale;
import org.pro380.registers.DataType;
import org.pro380.registers.Meaning;
import org.pro380.registers.Meaning.Field;
import org.pro380.registers.Register;
import org.pro380.registers.Unit;

/** A register value as text: exact for machines (CSV, JSON), rounded and named for people (tables). */
public final class ValueText {

    private ValueText() {}

    /** f32 in its shortest exact decimal ("230.1"), serial numbers with 8 digits, hex codes as 8 hex digits. */
    public static String exact(Register<?> r, Object value) {
        if (value instanceof Double d) {
            return decimal(d).toPlainString();
        } else if (r.type() == DataType.HEX32) {
            return String.format("%08X", (Long) value);
        } else if (r.type() == DataType.BCD32) {
            return String.format("%08d", (Integer) value);
        }
        return String.valueOf(value);
    }

    /** The shortest decimal that reads back as the same f32: 230.1, not 230.10000610351562. */
    public static BigDecimal decimal(double f32) {
        return new BigDecimal(Float.toString((float) f32));
    }

    /** For people: codes by their words (parity "even", backlight "on", tariff "T2"), error codes in hex, rounded measurements. */
    public static String human(Register<?> r, Object value) {
        if (r.meaning() instanceof Meaning.Setting s) {
            String named = named(r, s.field(), value);
            if (named != null) {
                return named;
            }
            return exact(r, value);
        }
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%." + decimals(r) + "f", d);
        }
        return exact(r, value);
    }

    private static String named(Register<?> r, Field field, Object value) {
        if (r.code().isPresent()) {
            return r.code().get().text((Integer) value);
        }
        return switch (field) {
            case METER_CODE -> String.format("0x%04X", (Integer) value);
            case ERROR_CODE -> String.format("0x%02X", (Integer) value);
            default -> null;
        };
    }

    private static int decimals(Register<?> r) {
        Unit u = r.unit();
        return switch (u) {
            case VOLT -> 1;
            case HERTZ, KILOWATT_HOUR, KILOVAR_HOUR -> 2;
            default -> 3;
        };
    }
}
