package org.pro380.bridge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.pro380.client.Snapshot;
import org.pro380.client.format.ValueText;
import org.pro380.readings.Columns;
import org.pro380.readings.Schema;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's database (schema in docs/readings.md): a row per meter and reading with every
 * register, a gap row (cause, no values) where a reading is missing, in WAL mode, each reading
 * in one transaction. Rows older than the retention are folded into 15-minute energy counters
 * and deleted, once at start and then hourly. When a write fails (a full disk) the bridge keeps
 * polling: the failure is logged once, and the next reading is written as soon as it can be.
 */
public final class SqliteStore implements ReadingSink {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
    static final Duration SLOT = Duration.ofMinutes(15);
    static final Duration MAINTAIN_EVERY = Duration.ofHours(1);
    /**
     * SQLite's page cache, in KiB when negative (its default is 2 MB, which a bridge fills within a
     * minute and keeps). An insert touches the table's last page and one index leaf per meter; the
     * pages it misses come from the operating system's file cache (docs/benchmarks.md, "The
     * bridge's memory").
     */
    static final int CACHE_SIZE = -256;

    private final Connection db;
    private final Duration keep;
    private final Clock clock;
    private final Map<BridgeMeter, Long> meterIds = new HashMap<>();
    private final Map<Long, String> serials = new HashMap<>();
    private PreparedStatement insertReading;
    private Instant lastMaintained;
    private boolean failing;
    private long notStored;

    private SqliteStore(Connection db, Duration keep, Clock clock) throws SQLException {
        this.db = db;
        this.keep = keep;
        this.clock = clock;
        this.insertReading = prepareInsert();
    }

    private PreparedStatement prepareInsert() throws SQLException {
        return db.prepareStatement("INSERT INTO reading (meter, time, gap, detail, " + Columns.names(Columns.ALL)
                + ") VALUES (?, ?, ?, ?, " + Columns.placeholders(Columns.ALL.size()) + ")");
    }

    /** sqlite-jdbc leaves a statement unusable ("statement is not executing") after it failed: a new one. */
    private void reprepare() {
        try {
            insertReading.close();
            insertReading = prepareInsert();
        } catch (SQLException e) {
            LOG.debug("preparing the insert again: {}", e.getMessage());
        }
    }

    /** Opens or creates the database; rows older than {@code keep} are downsampled at once. */
    public static SqliteStore open(Path file, Duration keep, Clock clock) throws SQLException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        try {
            createSchema(db);
            SqliteStore store = new SqliteStore(db, keep, clock);
            store.maintain(clock.instant());
            return store;
        } catch (SQLException e) {
            db.close();
            throw e;
        }
    }

    private static void createSchema(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA cache_size=" + CACHE_SIZE);
        }
        Schema.create(db);
        Schema.index(db);
    }

    @Override
    public synchronized void reading(BridgeMeter meter, Snapshot snapshot) {
        String serial = snapshot.find(Registers.SERIAL_NUMBER)
                .map(n -> ValueText.exact(Registers.SERIAL_NUMBER, n))
                .orElse(null);
        write(meter, snapshot.time(), null, null, snapshot, serial);
    }

    @Override
    public synchronized void gap(BridgeMeter meter, Instant time, GapCause cause, String detail) {
        write(meter, time, cause, detail, null, null);
    }

    @Override
    public synchronized void roundDone(String connection, Duration took, int meters) {
        Instant now = clock.instant();
        if (Duration.between(lastMaintained, now).compareTo(MAINTAIN_EVERY) >= 0) {
            try {
                maintain(now);
            } catch (SQLException e) {
                LOG.warn("database upkeep failed: {}", e.getMessage());
                lastMaintained = now;
            }
        }
    }

    private void write(
            BridgeMeter meter, Instant time, GapCause cause, String detail, Snapshot snapshot, String serial) {
        try {
            execute("BEGIN IMMEDIATE");
            long id = meterId(meter);
            if (serial != null && !serial.equals(serials.get(id))) {
                try (PreparedStatement u = db.prepareStatement("UPDATE meter SET serial = ? WHERE id = ?")) {
                    u.setString(1, serial);
                    u.setLong(2, id);
                    u.executeUpdate();
                }
            }
            bindRow(id, time, cause, detail, snapshot);
            insertReading.executeUpdate();
            execute("COMMIT");
            meterIds.put(meter, id);
            if (serial != null) {
                serials.put(id, serial);
            }
            if (failing) {
                LOG.info("database writable again; {} readings and gaps could not be stored meanwhile", notStored);
                failing = false;
                notStored = 0;
            }
        } catch (SQLException e) {
            rollback();
            notStored++;
            reprepare();
            if (!failing) {
                failing = true;
                LOG.warn("database write failed ({}); polling goes on, writing resumes when it can", e.getMessage());
            }
        }
    }

    private void bindRow(long id, Instant time, GapCause cause, String detail, Snapshot snapshot) throws SQLException {
        insertReading.setLong(1, id);
        insertReading.setLong(2, Schema.time(time));
        insertReading.setString(3, cause == null ? null : Columns.lower(cause));
        insertReading.setString(4, detail);
        int column = 5;
        for (Register<?> r : Columns.ALL) {
            Object value = snapshot == null ? null : snapshot.values().get(r);
            if (value == null) {
                insertReading.setNull(column++, Types.NULL);
            } else if (value instanceof Double d) {
                insertReading.setDouble(column++, d);
            } else if (value instanceof Number n) {
                insertReading.setLong(column++, n.longValue());
            } else {
                insertReading.setString(column++, value.toString());
            }
        }
    }

    private long meterId(BridgeMeter meter) throws SQLException {
        Long known = meterIds.get(meter);
        if (known != null) {
            return known;
        }
        try (PreparedStatement insert =
                db.prepareStatement("INSERT OR IGNORE INTO meter (line, unit_id, name) VALUES (?, ?, ?)")) {
            insert.setString(1, meter.connection());
            insert.setInt(2, meter.unitId());
            insert.setString(3, meter.name());
            insert.executeUpdate();
        }
        try (PreparedStatement find =
                db.prepareStatement("SELECT id, serial FROM meter WHERE line = ? AND unit_id = ?")) {
            find.setString(1, meter.connection());
            find.setInt(2, meter.unitId());
            try (ResultSet rs = find.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                serials.putIfAbsent(id, rs.getString(2));
                return id;
            }
        }
    }

    /**
     * Folds the readings older than the retention into 15-minute slots (the counters of the last
     * reading in each slot) and deletes them with their gap rows, in one transaction.
     */
    public synchronized void maintain(Instant now) throws SQLException {
        lastMaintained = now;
        long cutoff = now.minus(keep).toEpochMilli();
        long slot = SLOT.toMillis();
        String energy = Columns.names(Columns.ENERGY);
        try {
            execute("BEGIN IMMEDIATE");
            try (PreparedStatement fold = db.prepareStatement("INSERT OR REPLACE INTO energy_15m (meter, slot, time, "
                            + energy + ")"
                            + " SELECT meter, time / " + slot + " * " + slot + ", time, " + energy + " FROM reading r"
                            + " WHERE gap IS NULL AND time < ?1 AND time = (SELECT MAX(time) FROM reading q WHERE q.meter = r.meter"
                            + " AND q.gap IS NULL AND q.time < ?1 AND q.time / " + slot + " = r.time / " + slot + ")");
                    PreparedStatement delete = db.prepareStatement("DELETE FROM reading WHERE time < ?")) {
                fold.setLong(1, cutoff);
                fold.executeUpdate();
                delete.setLong(1, cutoff);
                int deleted = delete.executeUpdate();
                execute("COMMIT");
                if (deleted > 0) {
                    LOG.info(
                            "downsampled {} rows older than {} to 15-minute energy counters",
                            deleted,
                            Instant.ofEpochMilli(cutoff));
                }
            }
        } catch (SQLException e) {
            rollback();
            throw e;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }

    /** Ends a failed transaction; SQLite may have rolled it back itself already (a full disk does). */
    private void rollback() {
        try {
            execute("ROLLBACK");
        } catch (SQLException e) {
            LOG.debug("rollback: {}", e.getMessage());
        }
    }

    /** The connection, for tests that make the disk "full" with PRAGMA max_page_count. */
    Connection connection() {
        return db;
    }

    @Override
    public synchronized void close() {
        try {
            insertReading.close();
            db.close();
        } catch (SQLException e) {
            LOG.warn("closing the database: {}", e.getMessage());
        }
    }

    /** The default file: $XDG_DATA_HOME/pro380/bridge.db, else ~/.local/share/pro380/bridge.db. */
    public static Path defaultFile() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("pro380").resolve("bridge.db");
    }
}
