package org.pro380.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.app.client.Cli;
import org.pro380.twin.Twin;
import org.pro380.twin.testing.RunningTwin;

/** {@code pro380 bridge} in-process against a twin: flags, the config file, and one-line errors. */
class BridgeCommandTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @RegisterExtension
    final RunningTwin running = new RunningTwin();

    private Twin twin;

    private void startTwin(int meters) throws Exception {
        twin = running.start(meters);
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    static List<String> rows(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> fields = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    fields.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join("|", fields));
            }
            return rows;
        }
    }

    /** Whether {@code sql} on {@code db} gives {@code row} (false while the bridge has not made the database yet). */
    private static boolean gives(Path db, String sql, String row) {
        try {
            return Files.exists(db) && rows(db, sql).equals(List.of(row));
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void unitIdsInRangeSyntaxAreEachPolledAndTheRoundTimeIsReported() throws Exception {
        startTwin(3);
        Path db = dir.resolve("b.db");
        Cli.Result r = new Cli.Running(
                        "bridge",
                        "--tcp",
                        hostPort(twin.tcpAddress().orElseThrow()),
                        "-a",
                        "1,2-3",
                        "-i",
                        "100ms",
                        "--db",
                        db.toString(),
                        "--name",
                        "house")
                .stopWhen(() -> gives(db, "SELECT count(DISTINCT meter) FROM reading WHERE gap IS NULL", "3"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err())
                .contains("house: 3 meters over Modbus TCP (no shared serial line)", "storing readings in " + db);
        assertThat(rows(db, "SELECT line, unit_id, serial FROM meter ORDER BY unit_id"))
                .containsExactly("house|1|22091039", "house|2|22091040", "house|3|22091041");
        assertThat(rows(db, "SELECT count(DISTINCT meter) FROM reading WHERE gap IS NULL"))
                .containsExactly("3");
        assertThat(db.resolveSibling("b.db-wal"))
                .as("closed cleanly: the WAL is checkpointed away")
                .doesNotExist();
    }

    @Test
    void theWebViewServesTheMetersWhileTheBridgeRuns() throws Exception {
        startTwin(1);
        Path db = dir.resolve("b.db");
        Cli.Running running = new Cli.Running(
                "bridge",
                "--tcp",
                hostPort(twin.tcpAddress().orElseThrow()),
                "-i",
                "100ms",
                "--db",
                db.toString(),
                "--web",
                "127.0.0.1:0");
        java.util.regex.Pattern live = java.util.regex.Pattern.compile("live page on (http://127\\.0\\.0\\.1:\\d+/)");
        long deadline = System.nanoTime() + WITHIN.toNanos();
        java.util.regex.Matcher m = live.matcher("");
        while (!(m = live.matcher(running.err())).find() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(m.find(0)).as(running.err()).isTrue();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest get = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(m.group(1) + "api/meters"))
                .build();
        String body = "";
        while (!body.contains("\"reading\"") && System.nanoTime() < deadline) {
            body = http.send(get, java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
            Thread.sleep(50);
        }
        assertThat(body).contains("\"serial\":\"22091039\"", "\"voltage-l1\":230.0");
        assertThat(running.stopWhen(() -> true).exitCode()).as(running.err()).isZero();

        Cli.Result bad = Cli.run(
                "bridge",
                "--tcp",
                hostPort(twin.tcpAddress().orElseThrow()),
                "--db",
                db.toString(),
                "--web",
                "nowhere");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("pro380: --web: expected HOST:PORT, got \"nowhere\"\n");
    }

    @Test
    void aMissingSerialDeviceStopsTheBridgeAtOnceUnlessItWaitsForTheDevice() throws Exception {
        String device = dir.resolve("ttyUSB9").toString();
        Path db = dir.resolve("w.db");
        Cli.Result typo = Cli.run("bridge", "--serial", device, "--db", db.toString());

        assertThat(typo.exitCode()).isEqualTo(1);
        assertThat(typo.err())
                .isEqualTo("pro380: serial device " + device + " not found;"
                        + " --wait-for-device waits for an adapter that is plugged in later\n");
        assertThat(db).doesNotExist();

        Cli.Result waiting = new Cli.Running(
                        "bridge", "--serial", device, "--wait-for-device", "-i", "100ms", "--db", db.toString())
                .stopWhen(() -> gives(db, "SELECT count(*) > 0 FROM reading", "1"));
        assertThat(waiting.exitCode()).as(waiting.toString()).isZero();
        assertThat(rows(db, "SELECT DISTINCT gap FROM reading")).containsExactly("connection_lost");
    }

    @Test
    void aConfigFileNamesSeveralLinesAndTheirMeters() throws Exception {
        startTwin(2);
        Path config = dir.resolve("bridge.json");
        Files.writeString(config, """
                {"lines": [
                  {"name": "tcp", "tcp": "%s", "meters": [{"unit": 1, "name": "main", "interval": "100ms"}]},
                  {"name": "gateway", "rtuTcp": "%s", "timeout": "500ms", "retries": 0,
                   "meters": [{"units": "2", "interval": "100ms"}]}
                ]}
                """.formatted(
                        hostPort(twin.tcpAddress().orElseThrow()),
                        hostPort(twin.rtuTcpAddress().orElseThrow())));
        Path db = dir.resolve("b.db");
        Cli.Result r = new Cli.Running("bridge", "--config", config.toString(), "--db", db.toString())
                .stopWhen(() -> gives(
                        db,
                        "SELECT count(*) FROM (SELECT meter FROM reading WHERE gap IS NULL"
                                + " GROUP BY meter HAVING count(*) > 2)",
                        "2"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err())
                .contains("gateway: 1 meter behind a gateway; if its line runs at 9600 8E1: 0.5 s per round at best");
        assertThat(rows(
                        db,
                        "SELECT m.line, m.unit_id, m.name, m.serial, count(*) > 2 FROM reading r JOIN meter m ON m.id = r.meter"
                                + " WHERE r.gap IS NULL GROUP BY m.id ORDER BY m.unit_id"))
                .containsExactly("tcp|1|main|22091039|1", "gateway|2||22091040|1");
    }

    @Test
    void badInputIsOneLineAndStartsNothing() throws Exception {
        Path db = dir.resolve("never.db");
        Cli.Result ids = Cli.run("bridge", "--tcp", "127.0.0.1:1", "-a", "1,300", "--db", db.toString());
        assertThat(ids.exitCode()).isEqualTo(2);
        assertThat(ids.err()).isEqualTo("pro380: unit ids must be 1..247, got 300 in '1,300'\n");

        Path config = dir.resolve("bad.json");
        Files.writeString(
                config,
                "{\"lines\": [{\"tcp\": \"127.0.0.1:1\", \"meters\": [{\"unit\": 1}, {\"unit\": 2, \"units\": \"3\"}]}]}");
        Cli.Result both = Cli.run("bridge", "--config", config.toString(), "--db", db.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err())
                .isEqualTo("pro380: " + config + ":1:59: lines[0].meters[1]: give exactly one of unit and units\n");

        Files.writeString(
                config,
                "{\"lines\": [{\"tcp\": \"127.0.0.1:1\", \"meters\": [{\"unit\": 2}, {\"units\": \"1..3\"}]}]}");
        Cli.Result twice = Cli.run("bridge", "--config", config.toString(), "--db", db.toString());
        assertThat(twice.err()).isEqualTo("pro380: " + config + ":1:12: lines[0]: unit 2 is listed twice\n");

        Files.writeString(
                config,
                "{\"lines\": [{\"name\": \"a\", \"tcp\": \"127.0.0.1:1\", \"meters\": [{\"unit\": 1}]},"
                        + " {\"name\": \"a\", \"tcp\": \"127.0.0.1:2\", \"meters\": [{\"unit\": 1}]}]}");
        Cli.Result sameName = Cli.run("bridge", "--config", config.toString(), "--db", db.toString());
        assertThat(sameName.err()).isEqualTo("pro380: " + config + ":1:75: lines[1].name: another line is named 'a'\n");

        Files.writeString(config, "{\"lines\": [{\"tcp\": \"127.0.0.1:1\", \"metres\": []}]}");
        Cli.Result unknown = Cli.run("bridge", "--config", config.toString(), "--db", db.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err())
                .startsWith("pro380: " + config + ":1:")
                .contains("metres: unknown field; expected one of")
                .doesNotContain("\n\tat ", "class", "BridgeConfig", "java.");

        Files.writeString(
                config,
                "{\"lines\": [{\"tcp\": \"127.0.0.1:1\",\n  \"retries\": \"two\", \"meters\": [{\"unit\": 1}]}]}");
        Cli.Result type = Cli.run("bridge", "--config", config.toString(), "--db", db.toString());
        assertThat(type.exitCode()).isEqualTo(2);
        assertThat(type.err()).isEqualTo("pro380: " + config + ":2:3: lines[0].retries: expected an integer\n");

        Cli.Result missing =
                Cli.run("bridge", "--config", dir.resolve("none.json").toString(), "--db", db.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("pro380: " + dir.resolve("none.json") + ": no such file\n");

        Cli.Result mixed = Cli.run("bridge", "--config", config.toString(), "--tcp", "127.0.0.1:1");
        assertThat(mixed.err())
                .isEqualTo(
                        "pro380: --config lists the lines and meters; leave out --tcp, --rtu-tcp, --serial, -a and --name\n");

        Cli.Result keep = Cli.run("bridge", "--keep", "forever", "--db", db.toString());
        assertThat(keep.exitCode()).isEqualTo(2);
        assertThat(keep.err()).contains("expected a retention like 400d or 36h, got 'forever'");
        assertThat(db).doesNotExist();
    }
}
