package org.pro380.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.app.client.Cli;
import org.pro380.bridge.Bridge;
import org.pro380.bridge.BridgeLine;
import org.pro380.bridge.BridgeMeter;
import org.pro380.bridge.PolledMeter;
import org.pro380.bridge.Poller;
import org.pro380.bridge.Report;
import org.pro380.bridge.SqliteStore;
import org.pro380.meter.Load;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.twin.Twin;
import org.pro380.twin.testing.RunningTwin;

/** {@code pro380 report} totals equal the differences of the twin's own counters. */
class ReportCommandTest {
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

    /** The twin's counters as the registers carry them (f32). */
    private Map<Register<?>, Double> counters() {
        Map<Register<?>, Double> values = new HashMap<>();
        for (Register<?> r : Report.COUNTERS) {
            values.put(r, (double)
                    (float) (double) (Double) twin.meter(1).reading().value(r));
        }
        return values;
    }

    private void awaitRowAfter(Path db, Instant t) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        String sql = "SELECT count(*) FROM reading WHERE gap IS NULL AND time > " + t.toEpochMilli();
        while (BridgeCommandTest.rows(db, sql).equals(List.of("0")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(BridgeCommandTest.rows(db, sql)).isNotEqualTo(List.of("0"));
    }

    private void awaitMoved(Register<Double> counter, double from) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while ((double) (float) (double) (Double) twin.meter(1).reading().value(counter) < from + 0.5
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** The counters once they stop moving (the last of the load is booked a little after it ends). */
    private Map<Register<?>, Double> awaitStill() throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        Map<Register<?>, Double> last = counters();
        while (System.nanoTime() < deadline) {
            Thread.sleep(300);
            Map<Register<?>, Double> now = counters();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the counters kept moving at no load");
    }

    @Test
    void energyPerTariffAndDirectionIsTheDifferenceOfTheTwinsCountersAcrossThePeriod() throws Exception {
        // an hour of meter time per real second: a household's 4 kW moves the counters by about 1 kWh a second
        twin = running.start(c -> c.timeScale(3600));
        Path db = dir.resolve("b.db");
        BridgeLine line = new BridgeLine(
                "house",
                running.tcp(),
                Duration.ofSeconds(1),
                1,
                List.of(new PolledMeter(new BridgeMeter("house", 1, "main"), Duration.ofMillis(100))));
        bridge = Bridge.start(
                List.of(line),
                List.of(SqliteStore.open(db, Duration.ofDays(400), Clock.systemUTC())),
                Clock.systemUTC(),
                Poller.Opener.CLIENT);

        Instant idleSince = Instant.now();
        awaitRowAfter(db, idleSince);
        Instant from = Instant.now();
        Map<Register<?>, Double> before = counters();

        twin.meter(1).setLoad(Load.household());
        awaitMoved(Registers.FORWARD_ACTIVE_ENERGY_T1, before.get(Registers.FORWARD_ACTIVE_ENERGY_T1));
        twin.meter(1).writeRegisters(Registers.TARIFF.address(), new int[] {2});
        awaitMoved(Registers.FORWARD_ACTIVE_ENERGY_T2, before.get(Registers.FORWARD_ACTIVE_ENERGY_T2));
        twin.meter(1).setLoad(Load.idle(230, 50));
        Map<Register<?>, Double> after = awaitStill();
        Instant stood = Instant.now();
        awaitRowAfter(db, stood);
        bridge.close();
        assertThat(counters()).as("the counters stood still").isEqualTo(after);

        Cli.Result r = Cli.run(
                "report",
                "--db",
                db.toString(),
                "--from",
                from.toString(),
                "--to",
                Instant.now().toString(),
                "--format",
                "json",
                "--all");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertThat(rows).hasSize(Report.COUNTERS.size());
        for (int i = 0; i < rows.size(); i++) {
            Register<?> counter = Report.COUNTERS.get(i);
            JsonNode row = rows.get(i);
            assertThat(row.get("energy").asDouble())
                    .as(counter.key())
                    .isEqualTo(after.get(counter) - before.get(counter));
            assertThat(row.get("gaps").asInt()).isZero();
            assertThat(row.get("partial").asBoolean()).isFalse();
        }
        assertThat(after.get(Registers.FORWARD_ACTIVE_ENERGY_T1) - before.get(Registers.FORWARD_ACTIVE_ENERGY_T1))
                .isGreaterThan(0.5);
        assertThat(after.get(Registers.FORWARD_ACTIVE_ENERGY_T2) - before.get(Registers.FORWARD_ACTIVE_ENERGY_T2))
                .isGreaterThan(0.5);
        assertThat(rows.get(0).get("kind").asText() + " "
                        + rows.get(0).get("tariff").asText() + " "
                        + rows.get(0).get("direction").asText())
                .isEqualTo("active T1 import");

        Cli.Result csv = Cli.run(
                "report",
                "--db",
                db.toString(),
                "--from",
                from.toString(),
                "--to",
                Instant.now().toString(),
                "--format",
                "csv",
                "--all");
        assertThat(csv.out().lines().toList())
                .hasSize(1 + Report.COUNTERS.size())
                .first()
                .isEqualTo("from,to,line,unit_id,name,serial,kind,tariff,direction,energy,unit,gaps,partial");
    }

    @Test
    void aPeriodBeforeTheFirstReadingIsPartialAndBadDatesAreOneLine() throws Exception {
        Cli.Result bad = Cli.run("report", "--db", dir.resolve("x.db").toString(), "--from", "yesterday");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err())
                .isEqualTo("pro380: --from must be a date like 2026-01-01, 2026-01-01T06:00 or 2026-01-01T05:00:00Z,"
                        + " got 'yesterday'\n");
        Cli.Result none = Cli.run("report", "--db", dir.resolve("x.db").toString(), "--from", "2026-01-01");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("pro380: " + dir.resolve("x.db") + ": no such file\n");
    }
}
