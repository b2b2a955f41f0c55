package org.pro380.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.app.ChildProcesses;
import org.pro380.twin.Twin;
import org.pro380.twin.testing.RunningTwin;

/** {@code pro380 bridge} in a child JVM stopped by SIGTERM, as systemd stops it. */
class BridgeSigtermTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final RunningTwin running = new RunningTwin();

    private Twin twin;
    private Process bridge;

    @AfterEach
    void stop() throws InterruptedException {
        if (bridge != null && bridge.isAlive()) {
            ChildProcesses.kill(bridge);
        }
    }

    @Test
    void sigtermLetsTheReadUnderWayFinishThenClosesTheDatabaseCleanly() throws Exception {
        twin = running.start(2);
        InetSocketAddress a = twin.tcpAddress().orElseThrow();
        Path db = dir.resolve("b.db");
        Path log = dir.resolve("bridge.log");
        bridge = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.pro380.app.Main",
                        "bridge",
                        "--tcp",
                        a.getHostString() + ":" + a.getPort(),
                        "-a",
                        "1..2",
                        "-i",
                        "50ms",
                        "--db",
                        db.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (readings(db) < 10 && bridge.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(readings(db)).as(Files.readString(log)).isGreaterThanOrEqualTo(10);

        assertThat(ChildProcesses.stop(bridge, Duration.ofSeconds(15)))
                .as("exit code after SIGTERM")
                .isEqualTo(143);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(output).contains("stopped: ").doesNotContain("Exception");
        assertThat(db.resolveSibling("b.db-wal"))
                .as("the WAL was checkpointed and removed on close")
                .doesNotExist();
        assertThat(BridgeCommandTest.rows(db, "PRAGMA integrity_check")).containsExactly("ok");
        long stored = Long.parseLong(BridgeCommandTest.rows(db, "SELECT count(*) FROM reading WHERE gap IS NULL")
                .get(0));
        assertThat(output).contains("stopped: " + stored + " readings, 0 gaps");
    }

    private static int readings(Path db) throws Exception {
        if (!Files.exists(db)) {
            return 0;
        }
        try {
            List<String> n = BridgeCommandTest.rows(db, "SELECT count(*) FROM reading WHERE gap IS NULL");
            return Integer.parseInt(n.get(0));
        } catch (java.sql.SQLException e) {
            return 0;
        }
    }
}
