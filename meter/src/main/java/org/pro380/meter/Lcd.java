package org.pro380.meter;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pro380.registers.LcdPage;
import org.pro380.registers.LcdPhase;
import org.pro380.registers.LcdText;
import org.pro380.registers.Meaning.EnergyKind;
import org.pro380.registers.Meaning.EnergyScope;
import org.pro380.registers.Meaning.Flow;

/**
 * The LCD at one moment (spec section 7): the page cycle, the page showing now, the
 * backlight and each phase's mark with its direction. Pages scroll every LCD cycle time; an ERR page leads the cycle while a storage
 * error is present. The words are {@link LcdText}'s, which the PC software rebuilds from the registers too.
 */
public record Lcd(List<LcdPage> cycle, int pageIndex, boolean backlight, List<LcdPhase> phases) {

    public Lcd {
        cycle = List.copyOf(cycle);
        phases = List.copyOf(phases);
    }

    public LcdPage page() {
        return cycle.get(pageIndex);
    }

    static Lcd of(
            EnergyCounters counters,
            Optional<StorageError> error,
            long checksum,
            long millisSinceAnchor,
            int cycleSeconds,
            boolean backlight,
            Measurements measurements) {
        List<LcdPage> pages = LcdText.cycle(StorageError.codeOf(error), activeKWh(counters), checksum);
        long step = Math.max(0, millisSinceAnchor) / (cycleSeconds * 1000L);
        List<LcdPhase> phases = measurements.phases().stream()
                .map(m -> LcdPhase.of(m.phase(), m.voltage(), m.activePower()))
                .toList();
        return new Lcd(pages, (int) (step % pages.size()), backlight, phases);
    }

    /** The exact counters of the energy pages: milli-kWh as kWh with six decimals. */
    private static Map<EnergyScope, BigDecimal> activeKWh(EnergyCounters counters) {
        Map<EnergyScope, BigDecimal> kWh = new EnumMap<>(EnergyScope.class);
        for (EnergyScope scope : LcdText.ENERGY_PAGES) {
            kWh.put(scope, BigDecimal.valueOf(counters.milli(EnergyKind.ACTIVE, Flow.TOTAL, scope), 6));
        }
        return kWh;
    }
}
