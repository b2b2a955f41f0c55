package org.pro380.simulate;

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
import org.pro380.readings.Columns;
import org.pro380.readings.Schema;

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
 * journal, {@value #ROWS_PER_INSERT} rows an INSERT (a row's values each go through the driver
 * one by one: fewer statements is what is left to save). A part's reading table has the simulated
 * columns only, the join adds the others ({@link Schema#complete}): a row stores no byte for them.
 * The index on (meter, time) is left to the first report: building it costs more than writing the rows.
 */
final class SqliteSink implements RowSink {

    static final int ROWS_PER_INSERT = 10;
    static final String LINE = "simulate";
    private static final int INSERTS_PER_BATCH = 1_000;
    /** The largest SQLite has: the join copies a record in half the time it takes with 4 KiB pages. */
    private static final int PAGE_SIZE = 65_536;

    private static final int COLUMNS = 2 + SimulatedColumns.ALL.size();

    private final Path path;
    private final Connection db;
    private final PreparedStatement insertMany;
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
            db = DriverManager.getConnection("jdbc:sqlite:" + path);
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
            insertMany = db.prepareStatement(insert(ROWS_PER_INSERT));
        } catch (SQLException e) {
            throw failure(e);
        }
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

    private static String insert(int rows) {
        String row = "(?" + ", ?".repeat(COLUMNS - 1) + ")";
        return "INSERT INTO reading (meter, time, " + Columns.names(SimulatedColumns.ALL) + ") VALUES "
                + String.join(", ", Collections.nCopies(rows, row));
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
        long time;
        int tariff;
        double powerKilowatts;
        /** Per simulated column, its counter's milli-units (unused for the power and the tariff). */
        final long[] milli = new long[SimulatedColumns.ALL.size()];
    }

    private static void bind(PreparedStatement insert, int base, Waiting row) throws SQLException {
        insert.setInt(base + 1, row.meter);
        insert.setLong(base + 2, row.time);
        for (int i = 0; i < row.milli.length; i++) {
            int column = base + 3 + i;
            if (i == SimulatedColumns.POWER) {
                insert.setDouble(column, row.powerKilowatts);
            } else if (i == SimulatedColumns.TARIFF) {
                insert.setInt(column, row.tariff);
            } else {
                insert.setDouble(column, row.milli[i] / 1e6); // kWh, kvarh
            }
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
