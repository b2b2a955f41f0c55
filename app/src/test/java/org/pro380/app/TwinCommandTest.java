package org.pro380.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.client.HostPort;
import picocli.CommandLine;

class TwinCommandTest {

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void portInUseIsOneClearLineAndFailure() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r = run(
                    "twin",
                    "--state",
                    dir.resolve("s").toString(),
                    "--http",
                    "none",
                    "--tcp",
                    "127.0.0.1:" + busy.getLocalPort());
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.err().strip())
                    .startsWith("pro380: ")
                    .contains("in use")
                    .doesNotContain("Exception")
                    .hasLineCount(1);
        }
    }

    @Test
    void malformedConfigFileIsRefusedWithItsName() throws IOException {
        Path config = dir.resolve("twin.json");
        Files.writeString(config, "{\"settings\": {\"unitId\": 300}}");
        Result r = run("twin", "--state", dir.resolve("s").toString(), "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("twin.json").contains("meter-id must be 1..247, got 300");
    }

    @Test
    void unknownConfigFieldIsRefused() throws IOException {
        Path config = dir.resolve("twin.json");
        Files.writeString(config, "{\"tcpp\": \"127.0.0.1:5020\"}");
        Result r = run("twin", "--state", dir.resolve("s").toString(), "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("tcpp");
    }

    @Test
    void invalidJsonConfigIsRefused() throws IOException {
        Path config = dir.resolve("twin.json");
        Files.writeString(config, "{\"tcp\": ");
        Result r = run("twin", "--state", dir.resolve("s").toString(), "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("not valid JSON");
    }

    @Test
    void badFlagValueIsAUsageError() {
        Result r = run("twin", "--save-interval", "soon");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("expected a duration");
    }

    @Test
    void offLoopbackTheControlApiGetsAGeneratedToken() {
        TwinCommand cmd = new TwinCommand();
        new CommandLine(cmd).parseArgs("--state", dir.toString(), "--http", "0.0.0.0:0");
        assertThat(cmd.buildConfig().httpToken())
                .hasValueSatisfying(t -> assertThat(t).hasSize(32));

        TwinCommand onLoopback = new TwinCommand();
        new CommandLine(onLoopback).parseArgs("--state", dir.toString());
        assertThat(onLoopback.buildConfig().httpToken()).isEmpty();
    }

    @Test
    void flagsOverrideTheDefaults() {
        TwinCommand cmd = new TwinCommand();
        new CommandLine(cmd)
                .parseArgs(
                        "--state",
                        dir.toString(),
                        "--tcp",
                        "none",
                        "--rtu-tcp",
                        ":5021",
                        "--unit-id",
                        "7",
                        "--serial-number",
                        "12345678",
                        "--time-scale",
                        "60",
                        "--save-interval",
                        "500ms",
                        "--wire-timing",
                        "--turnaround",
                        "2ms",
                        "--strict-broadcast");
        var c = cmd.buildConfig();
        assertThat(c.tcp()).isEmpty();
        assertThat(c.rtuTcp()).hasValue(new org.pro380.client.HostPort("127.0.0.1", 5021));
        assertThat(c.factorySettings().unitId()).isEqualTo(7);
        assertThat(c.identity().serialNumber()).isEqualTo(12345678);
        assertThat(c.timeScale()).isEqualTo(60);
        assertThat(c.saveInterval()).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(c.wireTiming()).isTrue();
        assertThat(c.turnaround()).isEqualTo(java.time.Duration.ofMillis(2));
        assertThat(c.strictBroadcast()).isTrue();
    }

    @Test
    void theUnitFlagIsNamedAsInEveryCommandAndItsOldNameStillWorks() {
        for (String flag : java.util.List.of("-a", "--unit", "--unit-id")) {
            TwinCommand cmd = new TwinCommand();
            new CommandLine(cmd).parseArgs("--state", dir.toString(), flag, "9");
            assertThat(cmd.buildConfig().factorySettings().unitId()).as(flag).isEqualTo(9);
        }
    }

    @Test
    void aFlagOverridesTheConfigFileWhichOverridesTheDefault() throws IOException {
        Path config = Files.writeString(
                dir.resolve("twin.json"),
                "{\"timeScale\": 60, \"turnaroundMillis\": 7, \"settings\": {\"unitId\": 5, \"baud\": 4800}}");
        TwinCommand cmd = new TwinCommand();
        new CommandLine(cmd)
                .parseArgs("--state", dir.toString(), "--config", config.toString(), "--time-scale", "30", "-a", "9");
        var c = cmd.buildConfig();
        assertThat(c.timeScale()).isEqualTo(30);
        assertThat(c.turnaround()).isEqualTo(java.time.Duration.ofMillis(7));
        assertThat(c.factorySettings().unitId()).isEqualTo(9);
        assertThat(c.factorySettings().baud()).isEqualTo(4800);
        assertThat(c.tcp()).hasValue(HostPort.loopback(5020));
    }

    @Test
    void faultFlagsRepeatAndOverrideTheConfigFiles() throws IOException {
        Path config = Files.writeString(dir.resolve("twin.json"), "{\"faults\": [\"garbage\"]}");
        TwinCommand fromFile = new TwinCommand();
        new CommandLine(fromFile).parseArgs("--state", dir.toString(), "--config", config.toString());
        assertThat(fromFile.buildConfig().faults())
                .extracting(f -> f.rule().fault().name())
                .containsExactly("garbage");

        TwinCommand cmd = new TwinCommand();
        new CommandLine(cmd)
                .parseArgs(
                        "--state",
                        dir.toString(),
                        "--config",
                        config.toString(),
                        "--fault",
                        "drop=0.1",
                        "--fault",
                        "delay=50ms..300ms",
                        "--fault",
                        "meter=3:exception=6");
        var faults = cmd.buildConfig().faults();
        assertThat(faults).extracting(f -> f.rule().fault().name()).containsExactly("drop", "delay", "exception");
        assertThat(faults.get(0).rule().probability()).isEqualTo(0.1);
        assertThat(faults.get(2).meter()).contains(3);
    }

    @Test
    void aBadFaultFlagIsOneLineAndAUsageError() {
        Result r = run("twin", "--state", dir.resolve("s").toString(), "--fault", "exception=5");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo("pro380: --fault exception=5: exception: code must be one of 1, 2, 3, 4, 6, got 5");
    }

    @Test
    void anIllegalUnitIdFlagIsAUsageError() {
        Result r = run("twin", "--state", dir.resolve("s").toString(), "--unit-id", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("meter-id must be 1..247, got 0");
    }

    @Test
    void secondTwinOnTheSameStateIsRefused() throws Exception {
        Path state = dir.resolve("shared");
        try (TwinProcess first = TwinProcess.start(state)) {
            Result r = run("twin", "--state", state.toString(), "--tcp", "127.0.0.1:0", "--http", "127.0.0.1:0");
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.err()).contains("in use by another twin");
        }
    }

    @Test
    void withoutNativeEpollTheTwinListensOnNioAndSaysWhyInOneLine() throws Exception {
        try (TwinProcess twin = TwinProcess.start(List.of("-Dio.netty.transport.noNative=true"), dir.resolve("nio"))) {
            assertThat(twin.startupOutput())
                    .anyMatch(l -> l.contains("Modbus TCP on 127.0.0.1:"))
                    .filteredOn(l -> l.contains("native epoll not available (") && l.contains("Java's NIO"))
                    .hasSize(1);
            assertThat(twin.startupOutput()).noneMatch(l -> l.contains("Exception") && !l.contains("native epoll"));
            assertThat(twin.startupOutput()).noneMatch(l -> l.startsWith("\tat "));
        }
    }

    /** The twin's total active energy once it is above 0 (at time scale 100 within a second), at most 20 s. */
    private static double energyOnceCounting(TwinProcess twin) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        double energy = twin.activeEnergy();
        while (energy == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            energy = twin.activeEnergy();
        }
        assertThat(energy).as("energy counted within 20 s").isGreaterThan(0);
        return energy;
    }

    @Test
    void cleanStopSavesEverything() throws Exception {
        Path state = dir.resolve("clean");
        double before;
        try (TwinProcess twin = TwinProcess.start(state, "--time-scale", "100", "--save-interval", "1h")) {
            assertThat(twin.startupOutput()).anyMatch(l -> l.contains("Modbus TCP on 127.0.0.1:"));
            before = energyOnceCounting(twin);
            assertThat(twin.stop())
                    .as("ended by SIGTERM and its shutdown hook, not killed after 15 s")
                    .isEqualTo(128 + 15);
        }
        try (TwinProcess again = TwinProcess.start(state)) {
            assertThat(again.activeEnergy()).isGreaterThanOrEqualTo(before).isGreaterThan(0);
            assertThat(again.state().path("powerCounter").asInt()).isEqualTo(2);
        }
    }
}
