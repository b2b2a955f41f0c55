package org.pro380.app.simulate;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
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
 * Written in one transaction without a journal: the file only gets its name once complete.
 */
final class SqliteSink implements RowSink {

    private static final int BATCH = 10_000;

    private final OutputFile file;
    private final Connection db;
    private final PreparedStatement insert;
    private int pending;
    private boolean finished;

    SqliteSink(OutputFile file, Map<String, String> about) throws IOException {
        this.file = file;
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + file.partial());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode = OFF");
                s.execute("PRAGMA synchronous = OFF");
                s.execute("CREATE TABLE simulation (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                s.execute("CREATE TABLE readings (meter INTEGER NOT NULL, time INTEGER NOT NULL, tariff INTEGER NOT NULL,"
                        + " power_w REAL NOT NULL, import_wh REAL NOT NULL, export_wh REAL NOT NULL, "
                        + String.join(" REAL NOT NULL, ", Counters.COLUMNS) + " REAL NOT NULL)");
            }
            db.setAutoCommit(false);
            try (PreparedStatement p = db.prepareStatement("INSERT INTO simulation VALUES (?, ?)")) {
                for (Map.Entry<String, String> e : about.entrySet()) {
                    p.setString(1, e.getKey());
                    p.setString(2, e.getValue());
                    p.executeUpdate();
                }
            }
            insert = db.prepareStatement("INSERT INTO readings VALUES (?, ?, ?, ?, ?, ?"
                    + String.join("", Collections.nCopies(Counters.COUNT, ", ?")) + ")");
        } catch (SQLException e) {
            throw new IOException(file.target() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void accept(Row row) throws IOException {
        try {
            insert.setInt(1, row.meter());
            insert.setLong(2, row.epochSecond());
            insert.setInt(3, row.tariff().number());
            insert.setDouble(4, row.powerWatts());
            insert.setDouble(5, row.importMilli() / 1000.0);
            insert.setDouble(6, row.exportMilli() / 1000.0);
            long[] milli = row.milli();
            for (int i = 0; i < milli.length; i++) {
                insert.setDouble(7 + i, milli[i] / 1000.0);
            }
            insert.addBatch();
            if (++pending == BATCH) {
                insert.executeBatch();
                pending = 0;
            }
        } catch (SQLException e) {
            throw new IOException(file.target() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void finish() throws IOException {
        try {
            insert.executeBatch();
            db.commit();
            db.close();
            file.complete();
            finished = true;
        } catch (SQLException e) {
            throw new IOException(file.target() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            try {
                db.close();
            } catch (SQLException e) {
                // abandoned anyway
            }
            file.abandon();
        }
    }
}
