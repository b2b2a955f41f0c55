package org.pro380.client;

import java.util.Locale;
import java.util.stream.Collectors;
import org.pro380.protocol.Parity;
import org.pro380.registers.Code;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.registers.UnitId;

/**
 * One setting to write: a writable register and its raw value. {@link #parse} reads the
 * command line's {@code KEY=VALUE} forms; the value is checked against the register's write rule
 * only when applied, by {@link Pro380Client#apply}.
 */
public record Change(Register<Integer> register, int value) {

    /** The keys {@link #parse} accepts, for help texts. */
    public static final String KEYS = "id=" + UnitId.RANGE + ", baud=" + legal(Registers.BAUD_RATE) + ", parity="
            + Code.PARITY.words() + ", lcd-cycle="
            + Registers.LCD_CYCLE_TIME.writeRule().orElseThrow().description()
            + ", backlight=" + Code.BACKLIGHT.words() + ", tariff=" + legal(Registers.TARIFF) + ", reset-power-counter "
            + "(the register keys meter-id, baud-rate, lcd-cycle-time, power-counter=0 work too)";

    public Change {
        if (!register.writable()) {
            throw new IllegalArgumentException(register.key() + " is read-only");
        }
    }

    public static Change unitId(int id) {
        return new Change(Registers.UNIT_ID, id);
    }

    public static Change baud(int baud) {
        return new Change(Registers.BAUD_RATE, baud);
    }

    public static Change parity(Parity parity) {
        return new Change(Registers.PARITY, Code.PARITY.code(parity));
    }

    public static Change lcdCycle(int seconds) {
        return new Change(Registers.LCD_CYCLE_TIME, seconds);
    }

    public static Change backlight(boolean on) {
        return new Change(Registers.BACKLIGHT, Code.BACKLIGHT.code(on));
    }

    public static Change tariff(int tariff) {
        return new Change(Registers.TARIFF, tariff);
    }

    public static Change resetPowerCounter() {
        return new Change(Registers.POWER_COUNTER, 0);
    }

    /**
     * {@code id=5}, {@code baud=4800}, {@code parity=odd}, {@code lcd-cycle=25}, {@code backlight=off},
     * {@code tariff=2}, {@code reset-power-counter}; any writable register's key or alias
     * ({@code lcd-cycle-time=25}, {@code meter-id=5}, {@code power-counter=0}) works as well.
     *
     * @throws IllegalArgumentException for an unknown or read-only key or a value of the wrong form
     */
    public static Change parse(String text) {
        String[] kv = text.split("=", 2);
        String key = kv[0].trim().toLowerCase(Locale.ROOT);
        if (key.equals("reset-power-counter")) {
            if (kv.length == 2) {
                throw new IllegalArgumentException("reset-power-counter takes no value");
            }
            return resetPowerCounter();
        }
        if (kv.length != 2 || kv[1].isBlank()) {
            throw new IllegalArgumentException("expected KEY=VALUE, got '" + text + "'; keys: " + KEYS);
        }
        Register<?> named = Registers.MAP
                .byKeyOrAlias(key)
                .orElseThrow(() -> new IllegalArgumentException("unknown setting '" + key + "'; keys: " + KEYS));
        if (!named.writable()) {
            throw new IllegalArgumentException(named.key() + " is read-only; keys: " + KEYS);
        }
        @SuppressWarnings("unchecked") // the map admits only one-word integer registers as writable
        Register<Integer> register = (Register<Integer>) named;
        return new Change(register, valueOf(register, key, kv[1].trim().toLowerCase(Locale.ROOT)));
    }

    /** The value in the words people use for it: a code by its word (odd, off, T2), a number with or without its unit (25s). */
    private static int valueOf(Register<Integer> register, String key, String value) {
        if (register.code().isPresent()) {
            return register.code().get().parseCode(value);
        }
        String unit = register.unit().symbol().toLowerCase(Locale.ROOT);
        return number(
                key,
                !unit.isEmpty() && value.endsWith(unit) ? value.substring(0, value.length() - unit.length()) : value);
    }

    /** Whether the meter's line changes with this write, so the client must follow it. */
    public boolean movesTheMeter() {
        return register.equals(Registers.UNIT_ID)
                || register.equals(Registers.BAUD_RATE)
                || register.equals(Registers.PARITY);
    }

    @Override
    public String toString() {
        return register.key() + "=" + value;
    }

    private static int number(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + value + "'");
        }
    }

    /** The legal values of a register for the help: "300|600|1200|2400|4800|9600". */
    private static String legal(Register<Integer> register) {
        return register.writeRule().orElseThrow().values().stream()
                .map(String::valueOf)
                .collect(Collectors.joining("|"));
    }
}
