package org.pro380.readings;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pro380.registers.Register;

/**
 * The readings database, one schema for the bridge's log and simulate's output (docs/readings.md):
 * a meter table, a row per meter and reading with a column per register ({@link Columns}), a gap
 * row where a reading is missing, and the 15-minute energy counters the bridge folds old rows into.
 * Times are milliseconds since 1970-01-01 UTC ({@link #time}).
 */
public final class Schema {
    /** In {@code PRAGMA user_version}. */
    public static final int VERSION = 1;

    public static final String INDEX = "reading_meter_time";

    private Schema() {}

    /** A time as the {@code time} columns hold it. */
    public static long time(Instant t) {
        return t.toEpochMilli();
    }

    /** Creates what is missing but the index, after checking that the file is not of a later version. */
    public static void create(Connection db) throws SQLException {
        createLeading(db, Columns.STORED);
        complete(db);
    }

    /**
     * Like {@link #create} but the reading table with the register columns {@code leading} only,
     * which must begin the table's order ({@link Columns#STORED}); {@link #complete} adds the rest.
     * A row written before that stores nothing for them (SQLite reads a column past a record's end
     * as NULL): a simulation's rows, 63 bytes shorter each.
     */
    public static void createLeading(Connection db, List<Register<?>> leading) throws SQLException {
        if (!leading.equals(Columns.STORED.subList(0, leading.size()))) {
            throw new IllegalArgumentException(
                    "not the beginning of the reading table's columns: " + Columns.names(leading));
        }
        try (Statement s = db.createStatement()) {
            try (ResultSet v = s.executeQuery("PRAGMA user_version")) {
                int version = v.getInt(1);
                if (version > VERSION) {
                    throw new SQLException(
                            "the database has schema version " + version + "; this program knows " + VERSION);
                }
            }
            s.execute(
                    "CREATE TABLE IF NOT EXISTS meter (id INTEGER PRIMARY KEY, line TEXT NOT NULL, unit_id INTEGER NOT NULL,"
                            + " name TEXT NOT NULL, serial TEXT, UNIQUE (line, unit_id))");
            s.execute(
                    "CREATE TABLE IF NOT EXISTS reading (meter INTEGER NOT NULL REFERENCES meter(id), time INTEGER NOT NULL,"
                            + " gap TEXT, detail TEXT, " + Columns.definitions(leading) + ")");
            s.execute(
                    "CREATE TABLE IF NOT EXISTS energy_15m (meter INTEGER NOT NULL REFERENCES meter(id), slot INTEGER NOT NULL,"
                            + " time INTEGER NOT NULL, " + Columns.definitions(Columns.ENERGY)
                            + ", PRIMARY KEY (meter, slot))");
            s.execute("CREATE VIEW IF NOT EXISTS energy_15m_delta AS SELECT meter, slot, "
                    + String.join(
                            ", ",
                            Columns.ENERGY.stream()
                                    .map(r -> Columns.name(r) + " - LAG(" + Columns.name(r)
                                            + ") OVER (PARTITION BY meter ORDER BY slot) AS " + Columns.name(r))
                                    .toList())
                    + " FROM energy_15m");
            s.execute("PRAGMA user_version = " + VERSION);
        }
    }

    /**
     * Adds the register columns the reading table lacks, in the table's order: a table of {@link
     * #createLeading} becomes, to the text of its definition, the one {@link #create} makes. A table
     * whose columns are all there, in whatever order an earlier program made them, stays as it is.
     */
    public static void complete(Connection db) throws SQLException {
        Set<String> present = new HashSet<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA table_info(reading)")) {
            while (rs.next()) {
                present.add(rs.getString("name"));
            }
        }
        try (Statement s = db.createStatement()) {
            for (Register<?> r : Columns.STORED) {
                if (!present.contains(Columns.name(r))) {
                    s.execute("ALTER TABLE reading ADD COLUMN " + Columns.definitions(List.of(r)));
                }
            }
        }
    }

    /**
     * The index on (meter, time) that finds a meter's reading at a time. The bridge creates it with
     * the tables; simulate leaves it to the first report, since building it costs more than the rows.
     */
    public static void index(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE INDEX IF NOT EXISTS " + INDEX + " ON reading (meter, time)");
        }
    }

    public static boolean hasIndex(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '" + INDEX + "'")) {
            return rs.getInt(1) > 0;
        }
    }
}
