package org.pro380.app.simulate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.pro380.registers.Tariff;

/**
 * Meter 1's plot: its daily energy per tariff (import up, export down) over the whole range, and
 * its power curve on one chosen day, sampled every minute. It collects while the simulation runs
 * (as a sink in front of the real one, and as meter 1's watcher) and draws at the end.
 */
final class Plot implements RowSink, Simulation.Watcher {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 640;
    private static final String[] TARIFF_COLOURS = {"#4e79a7", "#f28e2b", "#59a14f"};
    private static final String EXPORT_COLOUR = "#e15759";
    private static final Duration SAMPLE = Duration.ofMinutes(1);

    private final RowSink next;
    private final String title;
    private final Instant dayStart;
    private final Instant dayEnd;
    /** Per day, meter 1's counters at the day's last row: import per tariff, then export (mWh). */
    private final TreeMap<LocalDate, long[]> atDayEnd = new TreeMap<>();
    private final List<Instant> sampleTimes = new ArrayList<>();
    private final List<Double> sampleWatts = new ArrayList<>();

    Plot(RowSink next, String title, LocalDate day) {
        this.next = next;
        this.title = title;
        this.dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        this.dayEnd = dayStart.plus(Duration.ofDays(1));
    }

    @Override
    public void accept(Row row) throws IOException {
        if (row.meter() == 1) {
            LocalDate day = LocalDate.ofInstant(row.time().minusNanos(1), ZoneOffset.UTC);
            long[] totals = new long[4];
            for (Tariff t : Tariff.values()) {
                totals[t.ordinal()] = row.importMilli(t);
            }
            totals[3] = row.exportMilli();
            atDayEnd.put(day, totals);
        }
        next.accept(row);
    }

    @Override
    public Instant nextSampleAfter(Instant time) {
        if (time.isBefore(dayStart)) {
            return dayStart;
        }
        Instant next = time.plus(SAMPLE);
        return next.isAfter(dayEnd) ? Instant.MAX : next;
    }

    @Override
    public void sample(Instant time, double watts) {
        sampleTimes.add(time);
        sampleWatts.add(watts);
    }

    @Override
    public void finish() throws IOException {
        next.finish();
    }

    @Override
    public void close() throws IOException {
        next.close();
    }

    /** Draws onto {@code file}: SVG or PNG by its extension. */
    void draw(Path file) throws IOException {
        Canvas c = Canvas.forFile(file, WIDTH, HEIGHT);
        c.text(WIDTH / 2.0, 28, title, 18, "middle");
        dailyBars(c, 70, 60, WIDTH - 100, 240);
        powerCurve(c, 70, 370, WIDTH - 100, 220);
        c.save(file);
    }

    private void dailyBars(Canvas c, double x, double y, double w, double h) {
        List<long[]> days = new ArrayList<>();
        long[] before = new long[4];
        for (long[] end : atDayEnd.values()) {
            long[] day = new long[4];
            for (int i = 0; i < 4; i++) {
                day[i] = end[i] - before[i];
            }
            days.add(day);
            before = end;
        }
        double top = 0.001;
        double bottom = 0;
        for (long[] d : days) {
            top = Math.max(top, (d[0] + d[1] + d[2]) / 1e6);
            bottom = Math.max(bottom, d[3] / 1e6);
        }
        double scale = h / (top + bottom);
        double zero = y + top * scale;
        c.text(x, y - 12, "Daily energy, meter 1 (kWh): import by tariff T1 / T2 / T3 up, export down", 13, "start");
        axis(c, x, y, h, top, -bottom, "%.0f");
        double bar = w / Math.max(1, days.size());
        for (int i = 0; i < days.size(); i++) {
            long[] d = days.get(i);
            double base = zero;
            for (int t = 0; t < 3; t++) {
                double height = d[t] / 1e6 * scale;
                c.rect(x + i * bar, base - height, Math.max(bar * 0.85, 0.5), height, TARIFF_COLOURS[t]);
                base -= height;
            }
            c.rect(x + i * bar, zero, Math.max(bar * 0.85, 0.5), d[3] / 1e6 * scale, EXPORT_COLOUR);
        }
        c.line(x, zero, x + w, zero, "#333333", 1);
        if (!atDayEnd.isEmpty()) {
            c.text(x, y + h + 16, atDayEnd.firstKey().toString(), 11, "start");
            c.text(x + w, y + h + 16, atDayEnd.lastKey().toString(), 11, "end");
        }
        for (int t = 0; t < 3; t++) {
            c.rect(x + w - 250 + t * 60, y - 24, 12, 12, TARIFF_COLOURS[t]);
            c.text(x + w - 234 + t * 60, y - 14, "T" + (t + 1), 12, "start");
        }
        c.rect(x + w - 70, y - 24, 12, 12, EXPORT_COLOUR);
        c.text(x + w - 54, y - 14, "export", 12, "start");
    }

    private void powerCurve(Canvas c, double x, double y, double w, double h) {
        c.text(x, y - 12, "Power on " + LocalDate.ofInstant(dayStart, ZoneOffset.UTC) + " (kW, UTC; below 0: export)",
                13, "start");
        double max = 0.001;
        double min = 0;
        for (double watts : sampleWatts) {
            max = Math.max(max, watts / 1000);
            min = Math.min(min, watts / 1000);
        }
        double scale = h / (max - min);
        axis(c, x, y, h, max, min, "%.1f");
        c.line(x, y + max * scale, x + w, y + max * scale, "#333333", 1);
        for (int hour = 0; hour <= 24; hour += 3) {
            double hx = x + w * hour / 24.0;
            c.line(hx, y + h, hx, y + h + 4, "#333333", 1);
            c.text(hx, y + h + 18, String.format(Locale.ROOT, "%02d:00", hour), 11, "middle");
        }
        double[] xs = new double[sampleTimes.size()];
        double[] ys = new double[sampleTimes.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = x + w * Duration.between(dayStart, sampleTimes.get(i)).toSeconds() / 86_400.0;
            ys[i] = y + (max - sampleWatts.get(i) / 1000) * scale;
        }
        c.polyline(xs, ys, TARIFF_COLOURS[0], 1.5);
    }

    private static void axis(Canvas c, double x, double y, double h, double top, double bottom, String format) {
        c.line(x, y, x, y + h, "#333333", 1);
        for (int i = 0; i <= 4; i++) {
            double value = top - (top - bottom) * i / 4;
            double ty = y + h * i / 4;
            c.line(x - 4, ty, x, ty, "#333333", 1);
            c.text(x - 8, ty + 4, String.format(Locale.ROOT, format, value), 11, "end");
        }
    }
}
