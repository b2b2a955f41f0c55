package org.pro380.app.simulate;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Rows into an SQLite database, one row per meter and step (schema in docs/profiles.md):
 *
 * <pre>
 * readings(meter INTEGER, time INTEGER (Unix seconds, UTC), tariff INTEGER, power_w REAL,
 *          import_wh REAL, export_wh REAL, l1_import_t1_wh REAL, ..., l3_export_t3_wh REAL)
 * simulation(key TEXT PRIMARY KEY, value TEXT)   -- what was simulated: profile, from, days, step, ...
 * </pre>
 *
 * One part of an {@link Output}: a database of its own, written in one transaction without a
 * journal, {@value #ROWS_PER_INSERT} rows an INSERT (a row's 24 values each go through the driver
 * one by one: fewer statements is what is left to save).
 */
final class SqliteSink implements RowSink {

    static final int ROWS_PER_INSERT = 10;
    private static final int INSERTS_PER_BATCH = 1_000;
    private static final int COLUMNS = 6 + Counters.COUNT;

    private final Path path;
    private final Connection db;
    private final PreparedStatement insertMany;
    private final Waiting[] waiting = new Waiting[ROWS_PER_INSERT];
    private int waitingRows;
    private int batched;
    private boolean closed;

    private SqliteSink(Path path, Map<String, String> about) throws IOException {
        this.path = path;
        for (int i = 0; i < waiting.length; i++) {
            waiting[i] = new Waiting();
        }
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + path);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode = OFF");
                s.execute("PRAGMA synchronous = OFF");
                s.execute("CREATE TABLE readings (meter INTEGER NOT NULL, time INTEGER NOT NULL, tariff INTEGER NOT NULL,"
                        + " power_w REAL NOT NULL, import_wh REAL NOT NULL, export_wh REAL NOT NULL, "
                        + String.join(" REAL NOT NULL, ", Counters.COLUMNS) + " REAL NOT NULL)");
            }
            db.setAutoCommit(false);
            if (!about.isEmpty()) {
                describe(about);
            }
            insertMany = db.prepareStatement(insert(ROWS_PER_INSERT));
        } catch (SQLException e) {
            throw failure(e);
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

        Output(OutputFile file, Map<String, String> about) {
            super(file);
            this.about = about;
        }

        @Override
        RowSink open(int index, Path path) throws IOException {
            return new SqliteSink(path, index == 0 ? about : Map.of());
        }

        @Override
        void join(Path first, List<Path> rest) throws IOException {
            if (rest.isEmpty()) {
                return;
            }
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + first);
                    Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode = OFF");
                s.execute("PRAGMA synchronous = OFF");
                for (Path part : rest) {
                    try (PreparedStatement attach = db.prepareStatement("ATTACH DATABASE ? AS part")) {
                        attach.setString(1, part.toString());
                        attach.execute();
                    }
                    s.execute("INSERT INTO main.readings SELECT * FROM part.readings"); // copied as stored, in rowid order
                    s.execute("DETACH DATABASE part");
                }
            } catch (SQLException e) {
                throw new IOException(file().target() + ": " + e.getMessage(), e);
            }
        }
    }

    private static String insert(int rows) {
        String row = "(?" + ", ?".repeat(COLUMNS - 1) + ")";
        return "INSERT INTO readings VALUES " + String.join(", ", Collections.nCopies(rows, row));
    }

    @Override
    public void accept(Row row) throws IOException {
        Waiting w = waiting[waitingRows++];
        w.meter = row.meter();
        w.epochSecond = row.epochSecond();
        w.tariff = row.tariff().number();
        w.powerWatts = row.powerWatts();
        w.importMilli = row.importMilli();
        w.exportMilli = row.exportMilli();
        row.counters().activeInto(w.milli); // the meter's counters move on after this call
        if (waitingRows < ROWS_PER_INSERT) {
            return;
        }
        try {
            for (int i = 0; i < ROWS_PER_INSERT; i++) {
                bind(insertMany, i * COLUMNS, waiting[i]);
            }
            waitingRows = 0;
            insertMany.addBatch();
            if (++batched == INSERTS_PER_BATCH) {
                insertMany.executeBatch();
                batched = 0;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** A row waiting for the next INSERT, copied out of the meter's counters; reused. */
    private static final class Waiting {
        int meter;
        long epochSecond;
        int tariff;
        double powerWatts;
        long importMilli;
        long exportMilli;
        final long[] milli = new long[Counters.COUNT];
    }

    private static void bind(PreparedStatement insert, int base, Waiting row) throws SQLException {
        insert.setInt(base + 1, row.meter);
        insert.setLong(base + 2, row.epochSecond);
        insert.setInt(base + 3, row.tariff);
        insert.setDouble(base + 4, row.powerWatts);
        insert.setDouble(base + 5, row.importMilli / 1000.0);
        insert.setDouble(base + 6, row.exportMilli / 1000.0);
        for (int i = 0; i < row.milli.length; i++) {
            insert.setDouble(base + 7 + i, row.milli[i] / 1000.0);
        }
    }

    /** The rows written, committed; the database closed. */
    @Override
    public void finish() throws IOException {
        try {
            insertMany.executeBatch();
            if (waitingRows > 0) {
                try (PreparedStatement rest = db.prepareStatement(insert(waitingRows))) {
                    for (int i = 0; i < waitingRows; i++) {
                        bind(rest, i * COLUMNS, waiting[i]);
                    }
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
