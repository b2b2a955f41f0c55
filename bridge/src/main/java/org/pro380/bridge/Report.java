package org.pro380.bridge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.pro380.readings.Columns;
import org.pro380.readings.Schema;
import org.pro380.registers.Meaning;
import org.pro380.registers.Register;
import org.pro380.registers.Tariff;

/**
 * Energy per meter, kind, tariff and direction over periods, from a readings database (the
 * bridge's log or simulate's output, org.pro380.readings.Schema): the difference of each counter
 * between the last reading at or before the period's start and the last reading at or before its
 * end (readings and 15-minute counters alike), never a sum of powers. A period that starts before the meter's first reading is marked partial, and the gap
 * rows inside it are counted.
 */
public final class Report {

    /** How periods are cut: one for the whole range, or calendar days or months in a zone. */
    public enum By {
        ALL,
        DAY,
        MONTH
    }

    /** A meter of the database. */
    public record Meter(long id, String line, int unitId, String name, String serial) {}

    /** One counter's energy in one period; {@code energy} empty if the meter has no reading there. */
    public record Row(
            Instant from,
            Instant to,
            Meter meter,
            Register<?> counter,
            Optional<Double> energy,
            int gaps,
            boolean partial) {

        public Meaning.Energy meaning() {
            return (Meaning.Energy) counter.meaning();
        }
    }

    /**
     * The counters reported, in the order their rows come: active before reactive, import before
     * export, then tariffs T1, T2, T3 and the total of all tariffs.
     */
    public static final List<Register<?>> COUNTERS = Columns.ENERGY.stream()
            .filter(r -> {
                Meaning.Energy e = (Meaning.Energy) r.meaning();
                return e.flow() != Meaning.Flow.TOTAL && e.scope().phase().isEmpty();
            })
            .sorted(Comparator.comparing((Register<?> r) -> ((Meaning.Energy) r.meaning()).kind())
                    .thenComparing(r -> ((Meaning.Energy) r.meaning()).flow())
                    .thenComparing(r -> ((Meaning.Energy) r.meaning())
                            .scope()
                            .tariff()
                            .map(Tariff::number)
                            .orElse(Integer.MAX_VALUE)))
            .toList();

    private static final String COUNTER_SOURCE = "(SELECT meter, time, " + Columns.names(COUNTERS)
            + " FROM reading WHERE gap IS NULL UNION ALL SELECT meter, time, " + Columns.names(COUNTERS)
            + " FROM energy_15m)";

    private Report() {}

    public static List<Row> of(Path file, Instant from, Instant to, By by, ZoneId zone) throws SQLException {
        if (!Files.isRegularFile(file)) {
            throw new SQLException("no database at " + file);
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            indexed(db);
            List<Row> rows = new ArrayList<>();
            List<Meter> meters = meters(db);
            for (Instant[] period : periods(from, to, by, zone)) {
                for (Meter m : meters) {
                    rows.addAll(rows(db, m, period[0], period[1]));
                }
            }
            return rows;
        }
    }

    /**
     * Builds the (meter, time) index that simulate leaves to the first report; on a file that
     * cannot be written the report goes on without it, slower.
     */
    private static void indexed(Connection db) {
        try {
            if (!Schema.hasIndex(db)) {
                Schema.index(db);
            }
        } catch (SQLException e) {
            // a read-only file: every lookup scans the table
        }
    }

    static List<Instant[]> periods(Instant from, Instant to, By by, ZoneId zone) {
        List<Instant[]> periods = new ArrayList<>();
        if (by == By.ALL) {
            periods.add(new Instant[] {from, to});
            return periods;
        }
        ZonedDateTime start = from.atZone(zone);
        ZonedDateTime cut = by == By.DAY
                ? start.toLocalDate().atStartOfDay(zone)
                : start.toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
        Instant a = from;
        while (a.isBefore(to)) {
            cut = by == By.DAY ? cut.plusDays(1) : cut.plusMonths(1);
            Instant b = cut.toInstant().isAfter(to) ? to : cut.toInstant();
            periods.add(new Instant[] {a, b});
            a = b;
        }
        return periods;
    }

    private static List<Meter> meters(Connection db) throws SQLException {
        List<Meter> meters = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(
                        "SELECT id, line, unit_id, name, serial FROM meter ORDER BY line, unit_id");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                meters.add(new Meter(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5)));
            }
        }
        return meters;
    }

    private static List<Row> rows(Connection db, Meter m, Instant a, Instant b) throws SQLException {
        Optional<double[]> atStart = counters(db, m, "time <= ? ORDER BY time DESC", a);
        boolean partial = atStart.isEmpty();
        Optional<double[]> start = partial ? counters(db, m, "time >= ? ORDER BY time", a) : atStart;
        Optional<double[]> end = counters(db, m, "time <= ? ORDER BY time DESC", b);
        int gaps = gaps(db, m, a, b);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < COUNTERS.size(); i++) {
            int k = i;
            Optional<Double> energy = start.isPresent() && end.isPresent() && !nothingReadIn(start.get(), end.get())
                    ? Optional.of(end.get()[k + 1] - start.get()[k + 1])
                    : Optional.empty();
            rows.add(new Row(a, b, m, COUNTERS.get(i), energy, gaps, partial));
        }
        return rows;
    }

    /** The first reading after the period's start came after its end. */
    private static boolean nothingReadIn(double[] start, double[] end) {
        return start[0] > end[0];
    }

    /** [time, counters...] of the reading picked by {@code where}, or empty. */
    private static Optional<double[]> counters(Connection db, Meter m, String where, Instant t) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT time, " + Columns.names(COUNTERS) + " FROM "
                + COUNTER_SOURCE + " WHERE meter = ? AND " + where + " LIMIT 1")) {
            s.setLong(1, m.id());
            s.setLong(2, Schema.time(t));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                double[] values = new double[COUNTERS.size() + 1];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rs.getDouble(i + 1);
                }
                return Optional.of(values);
            }
        }
    }

    private static int gaps(Connection db, Meter m, Instant a, Instant b) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "SELECT count(*) FROM reading WHERE meter = ? AND gap IS NOT NULL" + " AND time >= ? AND time < ?")) {
            s.setLong(1, m.id());
            s.setLong(2, Schema.time(a));
            s.setLong(3, Schema.time(b));
            try (ResultSet rs = s.executeQuery()) {
                return rs.getInt(1);
            }
        }
    }
}
