package org.pro380.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.registers.Register;

/** {@code pro380 bridge} against pymodbus serving a register image: the stored row is the image, value by value. */
class BridgePymodbusTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void pymodbus() throws Exception {
        PymodbusServer.requirePymodbus();
    }

    /** Whether the bridge has stored a reading (false while it has not made the database yet). */
    private static boolean hasReading(Path db) {
        if (!Files.exists(db)) {
            return false;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1 FROM reading WHERE gap IS NULL LIMIT 1")) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "rtu={0}")
    @ValueSource(booleans = {false, true})
    void theStoredRowIsTheRegisterImage(boolean rtu) throws Exception {
        RegisterImage image = new RegisterImage();
        Path db = dir.resolve("b.db");
        try (PymodbusServer server = PymodbusServer.start(dir, image, 1, rtu)) {
            Cli.Result r = new Cli.Running(
                            "bridge",
                            rtu ? "--rtu-tcp" : "--tcp",
                            server.hostPort(),
                            "-a",
                            "1",
                            "-i",
                            "100ms",
                            "--db",
                            db.toString())
                    .stopWhen(() -> hasReading(db));
            assertThat(r.exitCode()).as(r.toString()).isZero();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM reading WHERE gap IS NULL ORDER BY time DESC LIMIT 1")) {
            assertThat(rs.next()).as("a reading was stored").isTrue();
            for (Map.Entry<Register<?>, Object> e : image.values.entrySet()) {
                String column = e.getKey().key().replace('-', '_');
                Object expected = e.getValue();
                Object stored = expected instanceof Double
                        ? (Object) rs.getDouble(column)
                        : expected instanceof String ? rs.getString(column) : (Object) rs.getLong(column);
                Object want = expected instanceof Number n && !(expected instanceof Double) ? n.longValue() : expected;
                assertThat(stored).as(e.getKey().key()).isEqualTo(want);
            }
        }
    }
}
