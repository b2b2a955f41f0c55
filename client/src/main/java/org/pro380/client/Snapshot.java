package org.pro380.client;

import static org.pro380.client.Meanings.measured;
import static org.pro380.client.Meanings.setting;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pro380.registers.Code;
import org.pro380.registers.Identity;
import org.pro380.registers.Meaning.EnergyKind;
import org.pro380.registers.Meaning.EnergyScope;
import org.pro380.registers.Meaning.Field;
import org.pro380.registers.Meaning.Flow;
import org.pro380.registers.Meaning.PhaseScope;
import org.pro380.registers.Meaning.Quantity;
import org.pro380.registers.Phase;
import org.pro380.registers.Register;
import org.pro380.registers.Settings;

/**
 * The registers read from a meter at one moment, decoded by the map's data types, and the cost
 * of reading them. Typed views ({@link #identity()}, {@link #settings()}, {@link #phase},
 * {@link #totals()}, {@link #energy}) need their registers to have been read.
 *
 * @param time when the first request was sent
 * @param unitId the unit addressed (0 for a lone meter of unknown id)
 * @param values decoded values in address order: Integer, Long, Double or String per data type
 * @param traffic requests and bytes on the wire for this snapshot
 */
public record Snapshot(Instant time, int unitId, Map<Register<?>, Object> values, Traffic traffic) {

    public Snapshot {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public List<Register<?>> registers() {
        return List.copyOf(values.keySet());
    }

    public boolean has(Register<?> register) {
        return values.containsKey(register);
    }

    public <T> Optional<T> find(Register<T> register) {
        return Optional.ofNullable(values.get(register))
                .map(v -> register.type().javaType().cast(v));
    }

    /** The value of a register that was read; IllegalStateException if it was not. */
    public <T> T get(Register<T> register) {
        return find(register).orElseThrow(() -> new IllegalStateException(register.key() + " was not read"));
    }

    /** Who the meter is, as the twin is configured with it. */
    public Identity identity() {
        return new Identity(
                get(setting(Field.SERIAL_NUMBER, Integer.class)),
                get(setting(Field.METER_CODE, Integer.class)),
                get(setting(Field.PROTOCOL_VERSION, Double.class)),
                get(setting(Field.SOFTWARE_VERSION, Double.class)),
                get(setting(Field.HARDWARE_VERSION, Double.class)),
                get(setting(Field.METER_AMPS, Integer.class)),
                get(setting(Field.CHECKSUM, Long.class)));
    }

    /** The active status word (0x401D). */
    public long statusWord() {
        return get(setting(Field.STATUS_WORD, Long.class));
    }

    /** The settings as the twin holds them; the tariff is the active one, as 0x6048 reads. */
    public Settings settings() {
        return new Settings(
                get(setting(Field.UNIT_ID, Integer.class)),
                get(setting(Field.BAUD_RATE, Integer.class)),
                Code.PARITY.value(get(setting(Field.PARITY, Integer.class))),
                get(setting(Field.LCD_CYCLE_TIME, Integer.class)),
                Code.BACKLIGHT.value(get(setting(Field.BACKLIGHT, Integer.class))),
                Code.TARIFF.value(get(setting(Field.TARIFF, Integer.class))));
    }

    /** Power-ons since the counter was last reset (0x4016). */
    public int powerCounter() {
        return get(setting(Field.POWER_COUNTER, Integer.class));
    }

    /** The storage error code the meter's LCD shows (0x4015): 0x80, 0x0F, 0x0D, 0x0C, 0x1D; 0 when none. */
    public int errorCode() {
        return get(setting(Field.ERROR_CODE, Integer.class));
    }

    public PhaseValues phase(Phase phase) {
        PhaseScope s = PhaseScope.of(phase);
        return new PhaseValues(
                phase,
                number(Quantity.VOLTAGE, s),
                number(Quantity.CURRENT, s),
                number(Quantity.ACTIVE_POWER, s),
                number(Quantity.REACTIVE_POWER, s),
                number(Quantity.APPARENT_POWER, s),
                number(Quantity.POWER_FACTOR, s),
                get(measured(Quantity.DIRECTION, s, String.class)),
                get(measured(Quantity.QUADRANT, s, Integer.class)));
    }

    public Totals totals() {
        PhaseScope s = PhaseScope.TOTAL;
        return new Totals(
                number(Quantity.FREQUENCY, s),
                number(Quantity.ACTIVE_POWER, s),
                number(Quantity.REACTIVE_POWER, s),
                number(Quantity.APPARENT_POWER, s),
                number(Quantity.POWER_FACTOR, s),
                get(measured(Quantity.QUADRANT, s, Integer.class)));
    }

    /** An energy counter in kWh or kvarh: kind, flow (total, forward, reverse) and scope (all, a tariff, a phase). */
    public double energy(EnergyKind kind, Flow flow, EnergyScope scope) {
        return get(Meanings.energy(kind, flow, scope));
    }

    private double number(Quantity quantity, PhaseScope scope) {
        return get(measured(quantity, scope, Double.class));
    }
}
