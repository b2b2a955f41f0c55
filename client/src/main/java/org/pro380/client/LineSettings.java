package org.pro380.client;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.pro380.protocol.LineTiming;
import org.pro380.protocol.Parity;
import org.pro380.registers.Registers;

/**
 * Baud and parity of a serial line; 8 data bits and 1 stop bit are fixed (spec section 2).
 *
 * @param baud bits per second, positive
 * @param parity even (the meter's default), none or odd
 */
public record LineSettings(int baud, Parity parity) {
    /** The meter's factory settings: 9600 8E1. */
    public static final LineSettings FACTORY = new LineSettings(9600, Parity.EVEN);
    /** The bauds the meter accepts, slowest first: the baud register's write rule. */
    public static final List<Integer> METER_BAUDS = Registers.BAUD_RATE.writeRule().orElseThrow().values();

    public LineSettings {
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be > 0, got " + baud);
        }
        Objects.requireNonNull(parity, "parity");
    }

    public LineTiming timing() {
        return new LineTiming(baud, parity);
    }

    /** Every combination the meter can be set to, factory settings first. */
    public static List<LineSettings> allMeterSettings() {
        List<LineSettings> all = new java.util.ArrayList<>();
        all.add(FACTORY);
        for (int i = METER_BAUDS.size() - 1; i >= 0; i--) {
            int baud = METER_BAUDS.get(i);
            for (Parity p : Parity.values()) {
                LineSettings s = new LineSettings(baud, p);
                if (!s.equals(FACTORY)) {
                    all.add(s);
                }
            }
        }
        return all;
    }

    /** "9600 8E1". */
    @Override
    public String toString() {
        return baud + " 8" + parity.name().substring(0, 1).toUpperCase(Locale.ROOT) + "1";
    }
}
