package org.pro380.meter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pro380.registers.Meaning.EnergyKind;
import org.pro380.registers.Meaning.EnergyScope;
import org.pro380.registers.Meaning.Flow;

/**
 * The LCD at one moment (spec section 7): the page cycle, the page showing now, the
 * backlight and each phase's mark with its direction. Pages scroll every LCD cycle time; an ERR page leads the cycle while a storage
 * error is present.
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
        List<LcdPage> pages = new ArrayList<>();
        error.ifPresent(e -> pages.add(new LcdPage("err", e.lcdText())));
        pages.add(new LcdPage("total", kWh(counters.milli(EnergyKind.ACTIVE, Flow.TOTAL, EnergyScope.ALL))));
        pages.add(new LcdPage("t1", "T1 " + kWh(counters.milli(EnergyKind.ACTIVE, Flow.TOTAL, EnergyScope.T1))));
        pages.add(new LcdPage("t2", "T2 " + kWh(counters.milli(EnergyKind.ACTIVE, Flow.TOTAL, EnergyScope.T2))));
        pages.add(new LcdPage("t3", "T3 " + kWh(counters.milli(EnergyKind.ACTIVE, Flow.TOTAL, EnergyScope.T3))));
        pages.add(new LcdPage("crc", String.format("CRC %08X", checksum)));
        long step = Math.max(0, millisSinceAnchor) / (cycleSeconds * 1000L);
        List<LcdPhase> phases = measurements.phases().stream().map(LcdPhase::of).toList();
        return new Lcd(pages, (int) (step % pages.size()), backlight, phases);
    }

    /** Milli-kWh as kWh with two decimals, cut rather than rounded: the display never runs ahead of the counter. */
    static String kWh(long milli) {
        long hundredths = milli / 10_000;
        return String.format("%d.%02d kWh", hundredths / 100, hundredths % 100);
    }
}
