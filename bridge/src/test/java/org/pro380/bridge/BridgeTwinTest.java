package org.pro380.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.client.Endpoint;
import org.pro380.meter.MeterReading;
import org.pro380.protocol.LineSettings;
import org.pro380.readings.Columns;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.testkit.Socat;
import org.pro380.twin.Twin;
import org.pro380.twin.testing.RunningTwin;

/** The bridge against a twin started here, over Modbus TCP and RTU over TCP, into SQLite. */
class BridgeTwinTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @RegisterExtension
    final RunningTwin running = new RunningTwin();

    private Twin twin;
    private Bridge bridge;

    @AfterEach
    void stopTheBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private Path startBridge(Endpoint endpoint, int... units) throws Exception {
        List<PolledMeter> meters = new ArrayList<>();
        for (int unit : units) {
            meters.add(new PolledMeter(new BridgeMeter("site", unit, "meter " + unit), Duration.ofMillis(100)));
        }
        BridgeLine line = new BridgeLine("site", endpoint, Duration.ofMillis(300), 0, meters);
        Path file = dir.resolve("bridge.db");
        SqliteStore store = SqliteStore.open(file, Duration.ofDays(400), Clock.systemUTC());
        bridge = Bridge.start(List.of(line), List.of(store), Clock.systemUTC(), Poller.Opener.CLIENT);
        return file;
    }

    /** The twin's value as the register carries it: f32 measurements and counters rounded to float. */
    private static Object onTheWire(MeterReading reading, Register<?> r) {
        Object v = reading.value(r);
        if (v instanceof Double d) {
            return (double) (float) (double) d;
        }
        if (r.equals(Registers.SERIAL_NUMBER) || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        return v instanceof Long ? v : String.valueOf(v);
    }

    private void assertRowsEqualTheTwin(Path file, int unit, int meterIndex) throws Exception {
        List<Map<String, Object>> rows = Db.query(
                file,
                "SELECT r.* FROM reading r JOIN meter m ON m.id = r.meter" + " WHERE m.unit_id = " + unit
                        + " AND r.gap IS NULL");
        assertThat(rows).isNotEmpty();
        MeterReading twinNow = twin.meter(meterIndex).reading();
        for (Register<?> r : Registers.MAP.all()) {
            Object stored = rows.get(rows.size() - 1).get(Columns.name(r));
            Object expected = onTheWire(twinNow, r);
            if (stored instanceof Integer i) {
                stored = i.longValue();
            }
            assertThat(stored).as("unit %d %s", unit, r.key()).isEqualTo(expected);
        }
    }

    @Test
    void overModbusTcpEveryMeterGetsRowsWithEveryRegisterExactlyAsTheTwinHasThem() throws Exception {
        twin = running.start(3);
        Path file = startBridge(running.tcp(), 1, 2, 3);
        List<Map<String, Object>> counts = Db.await(
                file,
                "SELECT m.unit_id, m.serial, count(*) AS n FROM reading r JOIN meter m ON m.id = r.meter WHERE r.gap IS NULL"
                        + " GROUP BY m.unit_id ORDER BY m.unit_id",
                rows -> rows.size() == 3 && rows.stream().allMatch(r -> ((Number) r.get("n")).intValue() >= 2),
                WITHIN);
        assertThat(counts).extracting(r -> r.get("unit_id")).containsExactly(1, 2, 3);
        assertThat(counts).extracting(r -> r.get("serial")).containsExactly("22091039", "22091040", "22091041");
        for (int unit = 1; unit <= 3; unit++) {
            assertRowsEqualTheTwin(file, unit, unit);
        }
        assertThat(Db.query(file, "PRAGMA journal_mode"))
                .extracting(r -> r.get("journal_mode"))
                .containsExactly("wal");
        assertThat(Db.query(file, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reading'"))
                .extracting(r -> r.get("name"))
                .contains("reading_meter_time");
    }

    @Test
    void overRtuOverTcpTheRowsAreTheSame() throws Exception {
        twin = running.start(2);
        Path file = startBridge(running.rtuOverTcp(), 2);
        Db.await(file, "SELECT * FROM reading WHERE gap IS NULL", rows -> !rows.isEmpty(), WITHIN);
        assertRowsEqualTheTwin(file, 2, 2);
    }

    @Test
    void overASerialLineTheRowsAreTheSame() throws Exception {
        try (Socat pair = Socat.ptyPair(dir)) {
            twin = running.start(c -> c.meters(2).serial(pair.a().toString()));
            Path file = startBridge(new Endpoint.Serial(pair.b().toString(), LineSettings.FACTORY), 1, 2);
            Db.await(
                    file,
                    "SELECT m.unit_id FROM reading r JOIN meter m ON m.id = r.meter WHERE r.gap IS NULL"
                            + " GROUP BY m.unit_id",
                    rows -> rows.size() == 2,
                    WITHIN);
            assertRowsEqualTheTwin(file, 1, 1);
            assertRowsEqualTheTwin(file, 2, 2);
            bridge.close();
            twin.close();
        }
    }

    @Test
    void aMeterPoweredOffLeavesGapRowsWithoutValuesAndComesBack() throws Exception {
        twin = running.start(2);
        Path file = startBridge(running.tcp(), 1, 2);
        String meter2 = "SELECT r.* FROM reading r JOIN meter m ON m.id = r.meter WHERE m.unit_id = 2 ORDER BY r.rowid";
        Db.await(file, meter2, rows -> !rows.isEmpty(), WITHIN);
        twin.meter(2).setPower(false);
        List<Map<String, Object>> rows =
                Db.await(file, meter2 + "", r -> r.stream().anyMatch(x -> x.get("gap") != null), WITHIN);
        Map<String, Object> gap =
                rows.stream().filter(x -> x.get("gap") != null).findFirst().orElseThrow();
        assertThat(gap.get("gap")).isEqualTo("no_reply");
        for (Register<?> r : Registers.MAP.all()) {
            assertThat(gap.get(Columns.name(r))).as(r.key()).isNull();
        }
        int gapsSoFar = (int) rows.stream().filter(x -> x.get("gap") != null).count();
        twin.meter(2).setPower(true);
        rows = Db.await(file, meter2, r -> r.get(r.size() - 1).get("gap") == null && r.size() > gapsSoFar + 1, WITHIN);
        assertThat(rows.get(rows.size() - 1).get("gap")).isNull();
        assertThat(Db.query(
                        file,
                        "SELECT count(*) AS n FROM reading r JOIN meter m ON m.id = r.meter WHERE m.unit_id = 1"
                                + " AND r.gap IS NOT NULL"))
                .extracting(r -> r.get("n"))
                .as("meter 1 kept answering")
                .containsExactly(0);
    }
}
