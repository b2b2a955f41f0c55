package org.pro380.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code pro380 ui}: where it listens, what it prints, and its one-line refusals. */
class UiCommandTest {

    @Test
    void itPrintsTheUrlAndRunsUntilStopped() {
        Cli.Result r = Cli.run("ui", "--http", "127.0.0.1:0", "--no-browser", "--run-for", "100ms");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).matches("pro380 ui: http://127\\.0\\.0\\.1:\\d+/\\R");
    }

    @Test
    void offLoopbackItMakesAToken() {
        Cli.Result r = Cli.run("ui", "--http", "0.0.0.0:0", "--no-browser", "--run-for", "100ms");

        assertThat(r.out()).containsPattern("token for changes: [0-9a-f]{32}");
    }

    @Test
    void aBadAddressOrAPortInUseIsOneLine() throws Exception {
        Cli.Result bad = Cli.run("ui", "--http", "localhost:x", "--no-browser");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("pro380: --http: port is not a number in \"localhost:x\"");

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Result inUse =
                    Cli.run("ui", "--http", "127.0.0.1:" + taken.getLocalPort(), "--no-browser", "--run-for", "1s");
            assertThat(inUse.exitCode()).isEqualTo(1);
            assertThat(inUse.err().strip())
                    .isEqualTo("pro380: --http 127.0.0.1:" + taken.getLocalPort()
                            + ": the port is in use by another program; give --http another port");
        }
    }
}
