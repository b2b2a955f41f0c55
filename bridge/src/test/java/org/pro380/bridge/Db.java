package org.pro380.bridge;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads a bridge database from the outside, as a user's sqlite3 would, while the bridge writes it. */
final class Db {
    private Db() {}

    static List<Map<String, Object>> query(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Queries until the rows pass {@code until} (at most {@code within}); the last rows either way. */
    static List<Map<String, Object>> await(
            Path file, String sql, Predicate<List<Map<String, Object>>> until, Duration within)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            List<Map<String, Object>> rows = file.toFile().exists() ? query(file, sql) : List.of();
            if (until.test(rows) || System.nanoTime() > deadline) {
                return rows;
            }
            Thread.sleep(20);
        }
    }
}
