package org.pro380.simulate;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pro380.registers.Tariff;

/**
 * What meter 1's plot shows, collected while the simulation runs (as a sink in front of the real
 * one, and as meter 1's watcher): its energy per day and tariff (import) and its export, and its
 * power on one chosen day, sampled every minute.
 */
public final class PlotData implements RowSink, Simulation.Watcher {

    private static final Duration SAMPLE = Duration.ofMinutes(1);

    /** One day's energy in kWh: import per tariff (T1, T2, T3) and export. */
    public record Day(LocalDate date, List<Double> importKwh, double exportKwh) {}

    /** Total active power in W at a moment; below 0 when exporting. */
    public record Sample(Instant time, double watts) {}

    private final RowSink next;
    private final LocalDate day;
    private final Instant dayStart;
    private final Instant dayEnd;
    /** Per day, meter 1's counters at the day's last row: import per tariff, then export (mWh). */
    private final TreeMap<LocalDate, long[]> atDayEnd = new TreeMap<>();

    private final List<Sample> samples = new ArrayList<>();

    public PlotData(RowSink next, LocalDate day) {
        this.next = next;
        this.day = day;
        this.dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        this.dayEnd = dayStart.plus(Duration.ofDays(1));
    }

    @Override
    public void accept(Row row) throws IOException {
        if (row.meter() == 1) {
            LocalDate date = LocalDate.ofInstant(row.time().minusNanos(1), ZoneOffset.UTC);
            long[] totals = new long[4];
            for (Tariff t : Tariff.values()) {
                totals[t.ordinal()] = row.importMilli(t);
            }
            totals[3] = row.exportMilli();
            atDayEnd.put(date, totals);
        }
        next.accept(row);
    }

    @Override
    public Instant nextSampleAfter(Instant time) {
        if (time.isBefore(dayStart)) {
            return dayStart;
        }
        Instant after = time.plus(SAMPLE);
        return after.isAfter(dayEnd) ? Instant.MAX : after;
    }

    @Override
    public void sample(Instant time, double watts) {
        samples.add(new Sample(time, watts));
    }

    @Override
    public void finish() throws IOException {
        next.finish();
    }

    @Override
    public void close() throws IOException {
        next.close();
    }

    /** The day whose power is sampled. */
    public LocalDate day() {
        return day;
    }

    /** Each simulated day's energy: the counters at its last row minus those at the day before's. */
    public List<Day> days() {
        List<Day> days = new ArrayList<>();
        long[] before = new long[4];
        for (Map.Entry<LocalDate, long[]> end : atDayEnd.entrySet()) {
            long[] e = end.getValue();
            days.add(new Day(
                    end.getKey(),
                    List.of(kwh(e[0] - before[0]), kwh(e[1] - before[1]), kwh(e[2] - before[2])),
                    kwh(e[3] - before[3])));
            before = e;
        }
        return days;
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    private static double kwh(long milli) {
        return milli / 1e6;
    }
}
