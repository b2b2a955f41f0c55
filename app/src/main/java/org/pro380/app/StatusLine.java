package org.pro380.app;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pro380.meter.MeterReading;
import org.pro380.twin.Twin;

/** The twin's one-line live status on a terminal: LCD page, power, tariff. Quiet when not on a terminal. */
final class StatusLine {

    private final Twin twin;
    private final PrintWriter out;
    private final boolean terminal = System.console() != null;

    StatusLine(Twin twin, PrintWriter out) {
        this.twin = twin;
        this.out = out;
    }

    void runUntil(CountDownLatch stopped) {
        try {
            while (!stopped.await(1, TimeUnit.SECONDS)) {
                if (terminal) {
                    out.print("\r" + render(twin.meter(1).reading()) + "\u001b[K");
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String render(MeterReading r) {
        if (!r.powered()) {
            return "[ power off ]";
        }
        return String.format(
                Locale.ROOT,
                "[%-18s] %8.3f kW  T%d%s  %d pulses",
                r.lcd().page().text(),
                r.measurements().activePower(),
                r.activeTariff().number(),
                r.tariffInput().holds().isPresent() ? " (input)" : "",
                r.pulses());
    }
}
