package org.pro380.simulate;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.pro380.readings.Columns;
import org.pro380.readings.Schema;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Rows into the readings database (org.pro380.readings.Schema, docs/readings.md): a meter row per
 * simulated meter (line "simulate", unit id k, named after the profile), a reading row per meter
 * and step with the {@link SimulatedColumns}, time in ms, and a table of what was simulated:
 *
 * <pre>
 * simulation(key TEXT PRIMARY KEY, value TEXT)   -- profile, meters, from, days, step_seconds, ...
 * </pre>
 *
 * One part of an {@link Output}: a database of its own, written in one transaction without a
 * journal, {@value #ROWS_PER_INSERT} rows an INSERT (a value bound costs a call into the driver
 * each: an INSERT binds what SQL cannot work out from the others, {@link #insert}). A part's reading table has the simulated
 * columns only, the join adds the others ({@link Schema#complete}): a row stores no byte for them.
 * The index on (meter, time) is left to the first report: building it costs more than writing the rows.
 */
final class SqliteSink implements RowSink {

    static final int ROWS_PER_INSERT = 10;
    static final String LINE = "simulate";
    private static final int INSERTS_PER_BATCH = 1_000;
    /** The largest SQLite has: the join copies a record in half the time it takes with 4 KiB pages. */
    private static final int PAGE_SIZE = 65_536;

    /** The columns a row binds, after its meter and time: those not summed in the INSERT. */
    private static final int[] BOUND = IntStream.range(0, SimulatedColumns.ALL.size())
            .filter(c -> SimulatedColumns.PARTS[c].length == 0)
            .toArray();

    private final Path path;
    private final Connection db;
    private final PreparedStatement insertRun;
    private final PreparedStatement insertAny;
    /** The statement whose batch holds {@link #batched} INSERTs not yet executed. */
    private PreparedStatement pending;

    private final Waiting[] waiting = new Waiting[ROWS_PER_INSERT];
    private final long[] counters = new long[SimulatedColumns.COUNTERS];
    private int waitingRows;
    private int batched;
    private boolean closed;

    /** A part; the first one ({@code meters} not null) also holds the meters and what was simulated. */
    private SqliteSink(Path path, Map<String, String> about, List<String> meters) throws IOException {
        this.path = path;
        for (int i = 0; i < waiting.length; i++) {
            waiting[i] = new Waiting();
        }
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + path, ownThread());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA page_size = " + PAGE_SIZE); // before the first table
                s.execute("PRAGMA journal_mode = OFF");
                s.execute("PRAGMA synchronous = OFF");
            }
            db.setAutoCommit(false);
            Schema.createLeading(db, SimulatedColumns.ALL);
            if (meters != null) {
                describe(about);
                meters(meters);
            }
            insertRun = db.prepareStatement(insert(ROWS_PER_INSERT, true));
            insertAny = db.prepareStatement(insert(ROWS_PER_INSERT, false));
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * A part's connection is its thread's alone: SQLite need not take its lock around each call
     * (a value bound, a step), which it does by default (SQLITE_OPEN_FULLMUTEX).
     */
    private static Properties ownThread() {
        SQLiteConfig config = new SQLiteConfig();
        config.setOpenMode(SQLiteOpenMode.NOMUTEX);
        return config.toProperties();
    }

    /** Meter k of the simulation is the meter table's row k. */
    private void meters(List<String> names) throws SQLException {
        try (PreparedStatement p =
                db.prepareStatement("INSERT INTO meter (id, line, unit_id, name) VALUES (?, ?, ?, ?)")) {
            for (int k = 1; k <= names.size(); k++) {
                p.setInt(1, k);
                p.setString(2, LINE);
                p.setInt(3, k);
                p.setString(4, names.get(k - 1));
                p.executeUpdate();
            }
        }
    }

    /** The first part's table of what was simulated. */
    private void describe(Map<String, String> about) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE simulation (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        }
        try (PreparedStatement p = db.prepareStatement("INSERT INTO simulation VALUES (?, ?)")) {
            for (Map.Entry<String, String> e : about.entrySet()) {
                p.setString(1, e.getKey());
                p.setString(2, e.getValue());
                p.executeUpdate();
            }
        }
    }

    /** An SQLite file in parts, joined by copying the other parts' rows into the first in order. */
    static final class Output extends SimulationOutput {

        private final Map<String, String> about;
        private final List<String> meters;

        /** {@code meters}: the meters' names, meter 1 first. */
        Output(OutputFile file, Map<String, String> about, List<String> meters) {
            super(file);
            this.about = about;
            this.meters = List.copyOf(meters);
        }

        @Override
        RowSink open(int index, Path path) throws IOException {
            return new SqliteSink(path, about, index == 0 ? meters : null);
        }

        @Override
        void join(Path first, List<Path> rest) throws IOException {
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + first);
                    Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode = OFF");
                s.execute("PRAGMA synchronous = OFF");
                for (Path part : rest) {
                    try (PreparedStatement attach = db.prepareStatement("ATTACH DATABASE ? AS part")) {
                        attach.setString(1, part.toString());
                        attach.execute();
                    }
                    s.execute(
                            "INSERT INTO main.reading SELECT * FROM part.reading"); // copied as stored, in rowid order
                    s.execute("DETACH DATABASE part");
                }
                Schema.complete(db);
            } catch (SQLException e) {
                throw new IOException(file().target() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * An INSERT of {@code rows} rows. In a run (the rows one meter's at even steps) the meter, the
     * first time and the step are bound once (?1 to ?3) and a row's time is their sum. A row binds
     * its power, tariff and energy columns in milli-units, divided in SQL as {@link Waiting} would
     * in Java (the same double), and adds up its totals of all tariffs from its tariffs' ({@link
     * SimulatedColumns#PARTS}): 17 fewer values in a run of 10 rows, 4 fewer a row.
     */
    static String insert(int rows, boolean run) {
        StringBuilder sql = new StringBuilder(
                "INSERT INTO reading (meter, time, " + Columns.names(SimulatedColumns.ALL) + ") VALUES ");
        int next = run ? 4 : 1;
        int[] param = new int[SimulatedColumns.ALL.size()];
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "(" : ", (");
            if (run) {
                sql.append(r == 0 ? "?1, ?2" : "?1, ?2 + ?3 * " + r);
            } else {
                sql.append('?').append(next++).append(", ?").append(next++);
            }
            for (int c : BOUND) {
                param[c] = next++;
            }
            for (int c = 0; c < param.length; c++) {
                sql.append(", ").append(value(c, param));
            }
            sql.append(')');
        }
        return sql.toString();
    }

    private static String value(int column, int[] param) {
        if (column == SimulatedColumns.POWER || column == SimulatedColumns.TARIFF) {
            return "?" + param[column];
        }
        int[] parts = SimulatedColumns.PARTS[column];
        if (parts.length == 0) {
            return "?" + param[column] + " / 1e6";
        }
        return Arrays.stream(parts).mapToObj(p -> "?" + param[p]).collect(Collectors.joining(" + ", "(", ") / 1e6"));
    }

    @Override
    public void accept(Row row) throws IOException {
        Waiting w = waiting[waitingRows++];
        w.meter = row.meter();
        w.time = Schema.time(row.time());
        w.tariff = row.tariff().number();
        w.powerKilowatts = row.powerWatts() / 1000;
        SimulatedColumns.energyInto(row.counters(), counters, w.milli); // the meter's counters move on after this call
        if (waitingRows < ROWS_PER_INSERT) {
            return;
        }
        try {
            PreparedStatement insert = isRun() ? insertRun : insertAny;
            if (insert != pending && batched > 0) {
                pending.executeBatch(); // the rows keep their order
                batched = 0;
            }
            pending = insert;
            bind(insert, insert == insertRun, ROWS_PER_INSERT);
            waitingRows = 0;
            insert.addBatch();
            if (++batched == INSERTS_PER_BATCH) {
                insert.executeBatch();
                batched = 0;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Whether the waiting rows are one meter's at even steps. */
    private boolean isRun() {
        long step = waiting[1].time - waiting[0].time;
        for (int i = 1; i < ROWS_PER_INSERT; i++) {
            if (waiting[i].meter != waiting[0].meter || waiting[i].time != waiting[0].time + i * step) {
                return false;
            }
        }
        return true;
    }

    /** A row waiting for the next INSERT, copied out of the meter's counters; reused. */
    private static final class Waiting {
        int meter;
        long time;
        int tariff;
        double powerKilowatts;
        /** Per simulated column, its counter's milli-units (unused for the power and the tariff). */
        final long[] milli = new long[SimulatedColumns.ALL.size()];
    }

    private void bind(PreparedStatement insert, boolean run, int rows) throws SQLException {
        int p = 1;
        if (run) {
            insert.setInt(p++, waiting[0].meter);
            insert.setLong(p++, waiting[0].time);
            insert.setLong(p++, waiting[1].time - waiting[0].time);
        }
        for (int i = 0; i < rows; i++) {
            Waiting row = waiting[i];
            if (!run) {
                insert.setInt(p++, row.meter);
                insert.setLong(p++, row.time);
            }
            for (int c : BOUND) {
                if (c == SimulatedColumns.POWER) {
                    insert.setDouble(p++, row.powerKilowatts);
                } else if (c == SimulatedColumns.TARIFF) {
                    insert.setInt(p++, row.tariff);
                } else {
                    insert.setLong(p++, row.milli[c]); // kWh, kvarh: divided by 1e6 in the INSERT
                }
            }
        }
    }

    /** The rows written, committed; the database closed. */
    @Override
    public void finish() throws IOException {
        try {
            if (batched > 0) {
                pending.executeBatch();
            }
            if (waitingRows > 0) {
                try (PreparedStatement rest = db.prepareStatement(insert(waitingRows, false))) {
                    bind(rest, false, waitingRows);
                    rest.executeUpdate();
                }
            }
            db.commit();
        } catch (SQLException e) {
            throw failure(e);
        }
        close();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            try {
                db.close();
            } catch (SQLException e) {
                throw failure(e);
            }
        }
    }

    private IOException failure(SQLException e) {
        return new IOException(path + ": " + e.getMessage(), e);
    }
}
