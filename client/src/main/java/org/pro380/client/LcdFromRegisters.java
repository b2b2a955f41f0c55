package org.pro380.client;

import static org.pro380.client.Meanings.measured;
import static org.pro380.client.Meanings.setting;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.pro380.client.format.ValueText;
import org.pro380.registers.Code;
import org.pro380.registers.LcdPage;
import org.pro380.registers.LcdPhase;
import org.pro380.registers.LcdText;
import org.pro380.registers.Meaning.EnergyKind;
import org.pro380.registers.Meaning.EnergyScope;
import org.pro380.registers.Meaning.Field;
import org.pro380.registers.Meaning.Flow;
import org.pro380.registers.Meaning.PhaseScope;
import org.pro380.registers.Meaning.Quantity;
import org.pro380.registers.Phase;

/**
 * A meter's LCD as its registers tell it (spec section 7): Modbus cannot read the display, but its
 * pages follow from the error code, the active energy counters and the checksum, its cycle time
 * and backlight are settings, and its phase marks follow from the phase voltages and powers. The
 * words are {@link LcdText}'s, the same the twin's LCD shows; the energy is the f32 the register
 * holds, as its shortest decimal, cut to two decimals as the display cuts its counter.
 *
 * @param pages one cycle, in the order the LCD shows them
 * @param cycleSeconds how long each page shows (0x4010)
 * @param backlight on (0x4021)
 * @param phases L1, L2, L3
 */
public record LcdFromRegisters(List<LcdPage> pages, int cycleSeconds, boolean backlight, List<LcdPhase> phases) {

    public LcdFromRegisters {
        pages = List.copyOf(pages);
        phases = List.copyOf(phases);
    }

    /** The LCD of the meter a snapshot read; the energy pages of counters not read are left out. */
    public static LcdFromRegisters of(Snapshot snapshot) {
        Map<EnergyScope, BigDecimal> kWh = new EnumMap<>(EnergyScope.class);
        for (EnergyScope scope : LcdText.ENERGY_PAGES) {
            snapshot.find(Meanings.energy(EnergyKind.ACTIVE, Flow.TOTAL, scope))
                    .ifPresent(f32 -> kWh.put(scope, ValueText.decimal(f32)));
        }
        List<LcdPage> pages =
                LcdText.cycle(snapshot.errorCode(), kWh, snapshot.get(setting(Field.CHECKSUM, Long.class)));
        int backlight = snapshot.get(setting(Field.BACKLIGHT, Integer.class));
        List<LcdPhase> phases = Stream.of(Phase.values())
                .map(p -> LcdPhase.of(
                        p, number(snapshot, Quantity.VOLTAGE, p), number(snapshot, Quantity.ACTIVE_POWER, p)))
                .toList();
        return new LcdFromRegisters(
                pages,
                snapshot.get(setting(Field.LCD_CYCLE_TIME, Integer.class)),
                backlight == Code.BACKLIGHT.code(true),
                phases);
    }

    private static double number(Snapshot snapshot, Quantity quantity, Phase phase) {
        return snapshot.get(measured(quantity, PhaseScope.of(phase), Double.class));
    }
}
