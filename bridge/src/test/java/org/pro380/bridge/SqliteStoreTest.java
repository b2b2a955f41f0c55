package org.pro380.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.bridge.ReadingSink.GapCause;
import org.pro380.readings.Columns;

class SqliteStoreTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final BridgeMeter METER = new BridgeMeter("house", 1, "main");

    @TempDir
    Path dir;

    private SqliteStore open(Duration keep) throws Exception {
        return SqliteStore.open(dir.resolve("b.db"), keep, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aGapIsARowWithItsCauseAndNoValues() throws Exception {
        try (SqliteStore store = open(Duration.ofDays(400))) {
            store.reading(METER, Snapshots.of(NOW.minusSeconds(10), 5.25));
            store.gap(METER, NOW, GapCause.CRC_ERROR, "CRC error in the reply");
        }
        List<Map<String, Object>> rows = Db.query(
                dir.resolve("b.db"),
                "SELECT time, gap, detail, active_energy, voltage_l1, direction_l1, serial_number FROM reading ORDER BY time");
        assertThat(rows.get(0))
                .containsEntry("time", NOW.minusSeconds(10).toEpochMilli())
                .containsEntry("gap", null)
                .containsEntry("active_energy", 5.25)
                .containsEntry("voltage_l1", 1.5)
                .containsEntry("direction_l1", "I")
                .containsEntry("serial_number", 12345678);
        assertThat(rows.get(1))
                .containsEntry("gap", "crc_error")
                .containsEntry("detail", "CRC error in the reply")
                .containsEntry("active_energy", null)
                .containsEntry("voltage_l1", null);
        assertThat(Db.query(dir.resolve("b.db"), "SELECT line, unit_id, name, serial FROM meter"))
                .containsExactly(Map.of("line", "house", "unit_id", 1, "name", "main", "serial", "12345678"));
    }

    @Test
    void theConnectionKeepsAPageCacheOf256KiBNotSQLitesDefault2MB() throws Exception {
        try (SqliteStore store = open(Duration.ofDays(400));
                Statement s = store.connection().createStatement();
                ResultSet size = s.executeQuery("PRAGMA cache_size")) {
            assertThat(size.getInt(1)).isEqualTo(-256);
        }
    }

    @Test
    void aDatabaseFromBeforeTheErrorCodeRegisterGetsItsColumn() throws Exception {
        Path file = dir.resolve("b.db");
        open(Duration.ofDays(400)).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("ALTER TABLE reading DROP COLUMN error_code");
        }
        try (SqliteStore store = open(Duration.ofDays(400))) {
            store.reading(METER, Snapshots.of(NOW, 5.25));
        }
        assertThat(Db.query(file, "SELECT active_energy, error_code FROM reading"))
                .containsExactly(Map.of("active_energy", 5.25, "error_code", 1));
    }

    @Test
    void aDatabaseWithTheRegistersInAddressOrderIsWrittenAndReadByName() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("b.db"))) {
            db.createStatement()
                    .execute("CREATE TABLE reading (meter INTEGER NOT NULL REFERENCES meter(id), time INTEGER NOT NULL,"
                            + " gap TEXT, detail TEXT, " + Columns.definitions(Columns.ALL)
                            + ")"); // as the schema's version 1 began
            db.createStatement().execute("PRAGMA user_version = 1");
        }
        try (SqliteStore store = open(Duration.ofDays(400))) {
            store.reading(METER, Snapshots.of(NOW.minusSeconds(10), 5.25));
        }
        assertThat(Db.query(dir.resolve("b.db"), "SELECT name FROM pragma_table_info('reading') LIMIT 1 OFFSET 4"))
                .containsExactly(Map.of("name", "serial_number"));
        assertThat(Db.query(
                        dir.resolve("b.db"),
                        "SELECT active_energy, voltage_l1, direction_l1, serial_number FROM reading"))
                .containsExactly(Map.of(
                        "active_energy", 5.25, "voltage_l1", 1.5, "direction_l1", "I", "serial_number", 12345678));
    }

    @Test
    void rowsPastTheRetentionBecomeTheCountersAtTheEndOfEach15Minutes() throws Exception {
        Instant old = NOW.minus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        try (SqliteStore store = open(Duration.ofDays(1))) {
            store.reading(METER, Snapshots.of(old.plusSeconds(60), 10.0));
            store.reading(METER, Snapshots.of(old.plusSeconds(600), 10.5));
            store.gap(METER, old.plusSeconds(700), GapCause.NO_REPLY, "silent");
            store.reading(METER, Snapshots.of(old.plusSeconds(900 + 60), 11.0));
            store.reading(METER, Snapshots.of(old.plusSeconds(900 + 840), 12.25));
            store.reading(METER, Snapshots.of(NOW.minusSeconds(60), 20.0));
            store.maintain(NOW);
        }
        Path file = dir.resolve("b.db");
        assertThat(Db.query(
                        file,
                        "SELECT slot, time, active_energy, reverse_reactive_energy_t3 FROM energy_15m ORDER BY slot"))
                .containsExactly(
                        Map.of(
                                "slot",
                                old.toEpochMilli(),
                                "time",
                                old.plusSeconds(600).toEpochMilli(),
                                "active_energy",
                                10.5,
                                "reverse_reactive_energy_t3",
                                10.5),
                        Map.of(
                                "slot",
                                old.plusSeconds(900).toEpochMilli(),
                                "time",
                                old.plusSeconds(1740).toEpochMilli(),
                                "active_energy",
                                12.25,
                                "reverse_reactive_energy_t3",
                                12.25));
        assertThat(Db.query(file, "SELECT active_energy FROM energy_15m_delta ORDER BY slot"))
                .extracting(r -> r.get("active_energy"))
                .containsExactly(null, 1.75);
        assertThat(Db.query(file, "SELECT time FROM reading"))
                .extracting(r -> r.get("time"))
                .as("only the recent row and no old gap is left")
                .containsExactly(NOW.minusSeconds(60).toEpochMilli());
    }

    @Test
    void onAFullDiskReadingsAreDroppedWithOneLogLineAndWritingResumesWhenThereIsRoomAgain() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path file = dir.resolve("b.db");
        try (SqliteStore store = open(Duration.ofDays(400))) {
            store.reading(METER, Snapshots.of(NOW, 1.0));
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            try (Statement s = store.connection().createStatement()) {
                // SQLite's own "database or disk is full" (SQLITE_FULL) once the file may not grow
                s.execute("PRAGMA max_page_count = "
                        + Db.query(file, "PRAGMA page_count").get(0).get("page_count"));
            }
            for (int i = 1; i <= 200; i++) {
                store.reading(METER, Snapshots.of(NOW.plusSeconds(i), 1.0 + i));
            }
            try (Statement s = store.connection().createStatement()) {
                s.execute("PRAGMA max_page_count = 1000000");
            }
            store.reading(METER, Snapshots.of(NOW.plusSeconds(500), 99.0));
        } finally {
            System.setErr(err);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text.lines().filter(l -> l.contains("database write failed")).count())
                .isEqualTo(1);
        assertThat(text).contains("database or disk is full").contains("database writable again");
        List<Object> times = Db.query(file, "SELECT time FROM reading ORDER BY time").stream()
                .map(r -> r.get("time"))
                .toList();
        assertThat(times)
                .startsWith(NOW.toEpochMilli())
                .endsWith(NOW.plusSeconds(500).toEpochMilli());
        assertThat(times.size()).as("some of the 200 did not fit").isLessThan(202);
    }
}
