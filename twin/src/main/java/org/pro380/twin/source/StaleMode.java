package org.pro380.twin.source;

import java.util.List;
import java.util.Locale;
import org.pro380.meter.Load;
import org.pro380.meter.PhaseLoad;

/**
 * What a mirrored meter does when its source has given no fresh value for the stale-after time.
 * A wallbox that keeps seeing an old low current would overload the site, so the default is
 * {@link #SILENT}: the meter stops answering, as one with a cut bus, and the charger falls back
 * to its safe current.
 */
public enum StaleMode {
    /** No Modbus replies until a fresh value comes; the meter measures no current meanwhile. */
    SILENT,
    /** Answers with no current (voltage and frequency as last seen). */
    ZERO,
    /** Answers with the last value. */
    HOLD;

    /** The load the meter measures while stale, the last value being {@code last}. */
    public Load staleLoad(Load last) {
        if (this == HOLD) {
            return last;
        }
        return new Load(
                last.frequency(),
                last.phases().stream()
                        .map(p -> PhaseLoad.importing(p.voltage(), 0, 1))
                        .toList());
    }

    /** Whether the meter answers Modbus while stale. */
    public boolean answers() {
        return this != SILENT;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StaleMode parse(String text) {
        for (StaleMode m : values()) {
            if (m.key().equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("on-stale must be one of "
                + String.join(
                        ", ", List.of(values()).stream().map(StaleMode::key).toList()) + ", got \"" + text + "\"");
    }
}
