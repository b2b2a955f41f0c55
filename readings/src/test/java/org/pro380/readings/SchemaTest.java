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
            assertThat(columns).hasSize(4 + Registers.MAP.all().size()).contains("voltage_l1", "forward_active_energy_t3");
            assertThat(columns(db, "energy_15m")).hasSize(3 + Columns.ENERGY.size());
            assertThat(Schema.hasIndex(db)).isFalse();
            Schema.index(db);
            assertThat(Schema.hasIndex(db)).isTrue();
        }
    }

    @Test
    void aFileOfALaterVersionIsRefused() throws Exception {
        try (Connection db = open()) {
            db.createStatement().execute("PRAGMA user_version = " + (Schema.VERSION + 1));

            assertThatThrownBy(() -> Schema.create(db)).isInstanceOf(SQLException.class)
                    .hasMessage("the database has schema version 2; this program knows 1");
        }
    }
}
