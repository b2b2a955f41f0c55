package org.pro380.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pro380.app.client.Cli;
import picocli.CommandLine;

/**
 * Every command's typical failures end with one line and an exit code from the one table
 * ({@link ExitCode}), and every command's help lists that table.
 */
class ExitCodesTest {
    private static final String NO_DEVICE = "/nonexistent/ttyUSB9";

    @TempDir
    Path dir;

    /** A failure: the command line, the exit code, and what its one line must say. */
    record Failure(String name, ExitCode code, String says, String... args) {
        @Override
        public String toString() {
            return name;
        }
    }

    private List<Failure> failures(int refusedPort, int busyPort) {
        String state = dir.resolve("state").toString();
        String missing = dir.resolve("missing.json").toString();
        String refused = "127.0.0.1:" + refusedPort;
        List<Failure> all = new ArrayList<>();
        for (String command : List.of("read", "set", "scan", "watch", "ui", "bridge", "report", "simulate", "twin")) {
            all.add(new Failure(
                    command + ": an unknown option",
                    ExitCode.USAGE,
                    "see 'pro380 " + command + " --help'",
                    command,
                    "--no-such-option"));
        }
        for (String command : List.of("read", "scan", "watch")) {
            all.add(new Failure(
                    command + ": a missing serial device",
                    ExitCode.FAILED,
                    "serial device " + NO_DEVICE + " not found",
                    command,
                    "--serial",
                    NO_DEVICE));
            all.add(new Failure(
                    command + ": connection refused",
                    ExitCode.FAILED,
                    "connection refused by " + refused,
                    command,
                    "--tcp",
                    refused));
        }
        all.add(new Failure(
                "set: a missing serial device",
                ExitCode.FAILED,
                "serial device " + NO_DEVICE + " not found",
                "set",
                "--serial",
                NO_DEVICE,
                "tariff=2"));
        all.add(new Failure(
                "set: an illegal value",
                ExitCode.USAGE,
                "lcd-cycle-time must be 1..30, got 31; nothing sent",
                "set",
                "--tcp",
                refused,
                "lcd-cycle=31"));
        all.add(new Failure(
                "scan: a bad id list",
                ExitCode.USAGE,
                "--ids: unit ids must be 1..247, got 300",
                "scan",
                "--ids",
                "1,300"));
        all.add(new Failure(
                "read: a raw read of an unknown type",
                ExitCode.USAGE,
                "-t must be int16, uint16, int32, hex or float",
                "read",
                "0x5002",
                "-t",
                "double"));
        all.add(new Failure(
                "bridge: a missing config file",
                ExitCode.USAGE,
                missing + ": no such file",
                "bridge",
                "--config",
                missing,
                "--db",
                dir.resolve("b.db").toString()));
        all.add(new Failure(
                "bridge: a missing serial device",
                ExitCode.FAILED,
                "serial device " + NO_DEVICE + " not found",
                "bridge",
                "--serial",
                NO_DEVICE,
                "--db",
                dir.resolve("b.db").toString()));
        all.add(new Failure(
                "bridge: --web on a port in use",
                ExitCode.FAILED,
                "--web 127.0.0.1:" + busyPort + ": the port is in use by another program",
                "bridge",
                "--tcp",
                refused,
                "--web",
                "127.0.0.1:" + busyPort,
                "--db",
                dir.resolve("b.db").toString()));
        all.add(new Failure(
                "report: a missing database",
                ExitCode.USAGE,
                dir.resolve("none.db") + ": no such file",
                "report",
                "--from",
                "2026-01-01",
                "--db",
                dir.resolve("none.db").toString()));
        all.add(new Failure(
                "simulate: a missing profile file",
                ExitCode.USAGE,
                dir.resolve("none.csv") + ": no such file",
                "simulate",
                "--profile",
                dir.resolve("none.csv").toString(),
                "--out",
                dir.resolve("o.csv").toString()));
        all.add(new Failure(
                "twin: a missing config file",
                ExitCode.USAGE,
                missing + ": no such file",
                "twin",
                "--state",
                state,
                "--config",
                missing));
        all.add(new Failure(
                "twin: a missing serial device",
                ExitCode.FAILED,
                NO_DEVICE,
                "twin",
                "--state",
                state,
                "--tcp",
                "none",
                "--http",
                "none",
                "--serial",
                NO_DEVICE));
        all.add(new Failure(
                "twin: a port in use",
                ExitCode.FAILED,
                "127.0.0.1:" + busyPort,
                "twin",
                "--state",
                state,
                "--http",
                "none",
                "--tcp",
                "127.0.0.1:" + busyPort));
        return all;
    }

    @Test
    void everyCommandsTypicalFailuresTakeTheirCodeFromTheTable() throws Exception {
        // bound but not listening: connecting is refused; listening: a port in use
        try (Socket held = new Socket();
                ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            held.setReuseAddress(false);
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            for (Failure f : failures(held.getLocalPort(), busy.getLocalPort())) {
                Cli.Result r = Cli.run(f.args());

                assertThat(r.exitCode()).as("%s\n%s", f, r).isEqualTo(f.code().code());
                assertThat(r.err())
                        .as("%s\n%s", f, r)
                        .startsWith("pro380: ")
                        .contains(f.says())
                        .hasLineCount(1)
                        .doesNotContain("Exception");
                assertThat(r.out()).as("%s", f).isEmpty();
            }
        }
    }

    static Stream<String> commands() {
        return Stream.concat(
                Stream.of("pro380"),
                Main.commandLine().getSubcommands().entrySet().stream()
                        .filter(c -> !c.getKey().equals("help")
                                && !c.getValue().getCommandSpec().usageMessage().hidden())
                        .map(java.util.Map.Entry::getKey));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandsHelpStartsWithItsSummaryAndListsTheTable(String command) {
        boolean root = command.equals("pro380");
        Cli.Result r = root ? Cli.run("--help") : Cli.run(command, "--help");
        CommandLine cmd =
                root ? Main.commandLine() : Main.commandLine().getSubcommands().get(command);

        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines().findFirst())
                .hasValue(cmd.getCommandSpec().usageMessage().header()[0]);
        assertThat(r.out()).contains("Exit codes:");
        for (ExitCode code : ExitCode.values()) {
            assertThat(r.out())
                    .containsPattern("(?m)^\\s+" + code.code() + "\\s+"
                            + java.util.regex.Pattern.quote(code.meaning().split(" ")[0]));
        }
        assertThat(r.out().lines())
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
        // lines written to fit, so that picocli never breaks one of them in the middle
        assertThat(Stream.concat(
                        Stream.of(cmd.getCommandSpec().usageMessage().header()),
                        Stream.of(cmd.getCommandSpec().usageMessage().description())))
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(79));
    }

    @Test
    void theDocsShowTheOneTable() throws Exception {
        String page = java.nio.file.Files.readString(
                org.pro380.testkit.ProjectRoot.resolve(ExitCodesTest.class, "docs/exit-codes.md"));
        String table = page.substring(page.indexOf("<!-- exit-codes:begin"), page.indexOf("<!-- exit-codes:end"));
        StringBuilder expected = new StringBuilder("| code | meaning |\n|---|---|\n");
        for (ExitCode code : ExitCode.values()) {
            expected.append("| ")
                    .append(code.code())
                    .append(" | ")
                    .append(code.meaning())
                    .append(" |\n");
        }
        assertThat(table.substring(table.indexOf('\n') + 1)).isEqualTo(expected.toString());
    }

    @Test
    void versionNamesTheProgram() {
        Cli.Result r = Cli.run("--version");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("pro380 ");
    }
}
