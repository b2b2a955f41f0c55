package org.pro380.readings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.registers.Registers;

/** The one schema: a column per register of the map, made once however often it is asked for. */
class SchemaTest {

    @TempDir
    Path dir;

    private Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("r.db"));
    }

    private static List<String> columns(Connection db, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = db.createStatement().executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                names.add(rs.getString("name"));
            }
        }
        return names;
    }

    @Test
    void theReadingTableHasAColumnPerRegisterAfterMeterTimeGapAndDetail() throws Exception {
        try (Connection db = open()) {
            Schema.create(db);
            Schema.create(db);

            List<String> columns = columns(db, "reading");
            assertThat(columns.subList(0, 4)).containsExactly("meter", "time", "gap", "detail");
            assertThat(columns)
                    .hasSize(4 + Registers.MAP.all().size())
                    .contains("voltage_l1", "forward_active_energy_t3");
            assertThat(columns(db, "energy_15m")).hasSize(3 + Columns.ENERGY.size());
            assertThat(Schema.hasIndex(db)).isFalse();
            Schema.index(db);
            assertThat(Schema.hasIndex(db)).isTrue();
        }
    }

    @Test
    void aTableBegunWithTheSimulatedColumnsIsCompletedToTheSameTableItsRowsReadingNullForTheRest() throws Exception {
        String full;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("full.db"))) {
            Schema.create(db);
            full = definition(db);
        }
        try (Connection db = open()) {
            Schema.createLeading(db, Columns.SIMULATED);
            assertThat(columns(db, "reading")).hasSize(4 + Columns.SIMULATED.size());
            db.createStatement()
                    .execute(
                            "INSERT INTO reading (meter, time, active_power, forward_active_energy) VALUES (1, 2, 3.5, 4.25)");
            Schema.complete(db);
            Schema.complete(db);

            assertThat(definition(db)).isEqualTo(full);
            assertThat(columns(db, "reading").subList(4, 4 + Columns.STORED.size()))
                    .isEqualTo(Columns.STORED.stream().map(Columns::name).toList());
            ResultSet row = db.createStatement()
                    .executeQuery("SELECT active_power, forward_active_energy, voltage_l1, serial_number FROM reading");
            assertThat(List.of(row.getDouble(1), row.getDouble(2))).containsExactly(3.5, 4.25);
            assertThat(row.getObject(3)).isNull();
            assertThat(row.getObject(4)).isNull();
            assertThatThrownBy(() -> Schema.createLeading(db, List.of(Registers.VOLTAGE_L1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aTableOfAnEarlierColumnOrderIsKeptAndReadByName() throws Exception {
        try (Connection db = open()) {
            db.createStatement()
                    .execute(
                            "CREATE TABLE reading (meter INTEGER NOT NULL, time INTEGER NOT NULL, gap TEXT, detail TEXT, "
                                    + Columns.definitions(Columns.ALL) + ")"); // address order, as version 1 began
            db.createStatement().execute("PRAGMA user_version = 1");
            db.createStatement()
                    .execute(
                            "INSERT INTO reading (meter, time, serial_number, active_power) VALUES (1, 2, 12345678, 1.5)");

            Schema.create(db);

            assertThat(columns(db, "reading").subList(4, 4 + Columns.ALL.size()))
                    .isEqualTo(Columns.ALL.stream().map(Columns::name).toList());
            ResultSet row = db.createStatement()
                    .executeQuery("SELECT serial_number, active_power, forward_active_energy FROM reading");
            assertThat(row.getInt(1)).isEqualTo(12345678);
            assertThat(row.getDouble(2)).isEqualTo(1.5);
            assertThat(row.getObject(3)).isNull();
        }
    }

    private static String definition(Connection db) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery("SELECT sql FROM sqlite_master WHERE name = 'reading'")) {
            return rs.getString(1);
        }
    }

    @Test
    void aFileOfALaterVersionIsRefused() throws Exception {
        try (Connection db = open()) {
            db.createStatement().execute("PRAGMA user_version = " + (Schema.VERSION + 1));

            assertThatThrownBy(() -> Schema.create(db))
                    .isInstanceOf(SQLException.class)
                    .hasMessage("the database has schema version 2; this program knows 1");
        }
    }
}
