package org.pro380.bridge.web;

import static org.pro380.client.format.Json.f32;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.pro380.readings.Columns;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

/**
 * What the REST view shows, read from the bridge's database: every meter with its last row (a
 * reading or a gap) and its last reading's values; one meter with its recent history too.
 */
public final class MeterView {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The series of a meter's history: power and the import counter. */
    static final List<Register<?>> HISTORY = List.of(Registers.ACTIVE_POWER, Registers.FORWARD_ACTIVE_ENERGY);

    private final Path file;
    private final Clock clock;

    public MeterView(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** GET /api/meters */
    public ArrayNode meters() throws SQLException {
        try (Connection db = open();
                PreparedStatement s = db.prepareStatement(
                        "SELECT id, line, unit_id, name, serial FROM meter ORDER BY line, unit_id");
                ResultSet rs = s.executeQuery()) {
            ArrayNode all = JSON.createArrayNode();
            while (rs.next()) {
                all.add(meter(db, rs));
            }
            return all;
        }
    }

    /** GET /api/meters/{serial}: the meter and its rows of the last {@code history}; empty if no meter has that serial. */
    public Optional<ObjectNode> meter(String serial, Duration history) throws SQLException {
        try (Connection db = open();
                PreparedStatement s = db.prepareStatement(
                        "SELECT id, line, unit_id, name, serial FROM meter WHERE serial = ? ORDER BY id DESC LIMIT 1")) {
            s.setString(1, serial);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ObjectNode meter = meter(db, rs);
                meter.set("history", history(db, rs.getLong(1), clock.instant().minus(history)));
                return Optional.of(meter);
            }
        }
    }

    private Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    private static ObjectNode meter(Connection db, ResultSet m) throws SQLException {
        long id = m.getLong(1);
        ObjectNode node = JSON.createObjectNode();
        node.put("line", m.getString(2));
        node.put("unitId", m.getInt(3));
        node.put("name", m.getString(4));
        node.put("serial", m.getString(5));
        try (PreparedStatement last = db.prepareStatement(
                "SELECT time, gap, detail FROM reading WHERE meter = ? ORDER BY time DESC LIMIT 1")) {
            last.setLong(1, id);
            try (ResultSet rs = last.executeQuery()) {
                if (rs.next()) {
                    ObjectNode row = node.putObject("last");
                    row.put("time", Instant.ofEpochMilli(rs.getLong(1)).toString());
                    row.put("gap", rs.getString(2));
                    row.put("detail", rs.getString(3));
                }
            }
        }
        try (PreparedStatement reading = db.prepareStatement(
                "SELECT * FROM reading WHERE meter = ? AND gap IS NULL ORDER BY time DESC LIMIT 1")) {
            reading.setLong(1, id);
            try (ResultSet rs = reading.executeQuery()) {
                if (rs.next()) {
                    ObjectNode r = node.putObject("reading");
                    r.put("time", Instant.ofEpochMilli(rs.getLong("time")).toString());
                    ObjectNode values = r.putObject("values");
                    for (Register<?> register : Columns.ALL) {
                        put(values, register.key(), rs.getObject(Columns.name(register)));
                    }
                }
            }
        }
        return node;
    }

    /** {"time": [...], "active-power": [...], ...}; a gap row is null in every series, so a chart breaks there. */
    private static ObjectNode history(Connection db, long id, Instant since) throws SQLException {
        ObjectNode history = JSON.createObjectNode();
        ArrayNode times = history.putArray("time");
        for (Register<?> r : HISTORY) {
            history.putArray(r.key());
        }
        try (PreparedStatement s = db.prepareStatement("SELECT time, "
                + String.join(", ", HISTORY.stream().map(Columns::name).toList())
                + " FROM reading WHERE meter = ? AND time >= ? ORDER BY time")) {
            s.setLong(1, id);
            s.setLong(2, since.toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    times.add(Instant.ofEpochMilli(rs.getLong(1)).toString());
                    for (int i = 0; i < HISTORY.size(); i++) {
                        Object v = rs.getObject(i + 2);
                        ArrayNode series =
                                (ArrayNode) history.get(HISTORY.get(i).key());
                        if (v == null) {
                            series.addNull();
                        } else {
                            series.add(f32(((Number) v).doubleValue()));
                        }
                    }
                }
            }
        }
        return history;
    }

    private static void put(ObjectNode values, String key, Object v) {
        if (v == null) {
            values.putNull(key);
        } else if (v instanceof Double d) {
            values.set(key, f32(d));
        } else if (v instanceof Number n) {
            values.put(key, n.longValue());
        } else {
            values.put(key, v.toString());
        }
    }
}
