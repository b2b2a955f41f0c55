package org.pro380.app.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pro380.app.ChildProcesses;
import org.pro380.app.Main;
import org.pro380.app.client.TwinRig.Transport;
import org.pro380.bridge.BridgeConfig;
import org.pro380.bridge.BridgeLine;
import org.pro380.client.ClientConfig;
import org.pro380.client.ClientException;
import org.pro380.client.CommissionPlan;
import org.pro380.client.Commissioning;
import org.pro380.client.Endpoint;
import org.pro380.client.ModbusLink;
import org.pro380.client.NoReplyException;
import org.pro380.client.Pro380Client;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.Parity;
import org.pro380.registers.Code;
import org.pro380.registers.Identity;
import org.pro380.registers.Registers;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.site.MeterEntry;
import picocli.CommandLine;

/**
 * {@code pro380 commission} against a site of meters all at the factory settings on one bus,
 * powered on one at a time through the control API as an installer wires them in.
 */
class CommissionCommandTest {
    private static final int SERIAL = Identity.typical().serialNumber();

    @TempDir
    Path dir;

    private TwinRig rig;

    private Process child;

    @AfterEach
    void stop() throws Exception {
        if (child != null && child.isAlive()) {
            ChildProcesses.kill(child);
        }
        if (rig != null) {
            rig.close();
        }
    }

    /** A bus of {@code powered.length} meters, every one at unit id 1 unless {@code ids} says otherwise. */
    private TwinRig site(Transport transport, boolean[] powered, int... ids) throws Exception {
        List<MeterEntry> entries = new ArrayList<>();
        for (int k = 0; k < powered.length; k++) {
            int id = k < ids.length ? ids[k] : 1;
            entries.add(new MeterEntry(
                    UnaryOperator.identity(), s -> s.withUnitId(id), java.util.Optional.empty(), powered[k]));
        }
        rig = TwinRig.start(
                dir,
                transport,
                TwinConfig.forTests(dir.resolve("state"))
                        .identity(Identity.typical())
                        .meters(powered.length)
                        .meterEntries(entries));
        return rig;
    }

    private static boolean[] off(int meters) {
        return new boolean[meters];
    }

    /** Powers meter k (1-based) on or off as the panel's control API does. */
    private void power(int k, boolean on) throws Exception {
        var http = rig.twin.httpAddress().orElseThrow();
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://" + TwinRig.hostPort(http) + "/api/meters/" + k + "/power"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"on\":" + on + "}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
    }

    /** Between polls the installer wires in the next meter of {@code order}; gives up after many polls. */
    private Commissioning.Sleeper wiresIn(int... order) {
        int[] next = {0};
        int[] pauses = {0};
        return d -> {
            if (++pauses[0] > 50) {
                throw new InterruptedException("no meter came");
            }
            if (next[0] < order.length) {
                try {
                    power(order[next[0]++], true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    private Cli.Result commission(Transport transport, Commissioning.Sleeper sleeper, String... rest) {
        return commissionTyping(transport, sleeper, null, rest);
    }

    /** The command, the installer typing {@code typed} at its terminal (none: no terminal). */
    private Cli.Result commissionTyping(
            Transport transport, Commissioning.Sleeper sleeper, String typed, String... rest) {
        List<String> args = new ArrayList<>(
                List.of(rig.args(transport, "commission", "--timeout", "150ms", "--retries", "0", "--poll", "1ms")));
        Collections.addAll(args, rest);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        CommissionCommand command = cli.getSubcommands().get("commission").getCommand();
        command.sleeper = sleeper;
        if (typed != null) {
            command.terminal = new BufferedReader(new StringReader(typed));
        }
        int code = cli.execute(args.toArray(String[]::new));
        return new Cli.Result(code, out.toString(), err.toString());
    }

    private int serialAt(Transport transport, int id) throws ClientException {
        Endpoint e = transport == Transport.SERIAL
                ? new Endpoint.Serial(rig.flags(transport).get(1), org.pro380.protocol.LineSettings.FACTORY)
                : new Endpoint.RtuOverTcp(
                        "127.0.0.1", rig.twin.rtuTcpAddress().orElseThrow().getPort());
        try (Pro380Client c = Pro380Client.connect(new ClientConfig(e, id, Duration.ofMillis(300), 0))) {
            return c.read(Registers.SERIAL_NUMBER);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"RTU_TCP", "SERIAL"})
    void threeFactoryMetersPoweredOnInTurnGetTwoThreeFour(Transport transport) throws Exception {
        site(transport, off(3));
        Path plan = dir.resolve("plan.csv");

        Cli.Result r = commission(transport, wiresIn(1, 2, 3), "--ids", "2..4", "--plan", plan.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out())
                .isEqualTo(String.format("%08d -> id 2%n%08d -> id 3%n%08d -> id 4%n", SERIAL, SERIAL + 1, SERIAL + 2));
        assertThat(r.err()).contains("waiting for a meter at unit 1", "every id of --ids 2..4 is given");
        assertThat(Files.readAllLines(plan))
                .containsExactly(
                        "serial,id,label",
                        SERIAL + ",2,meter 1",
                        (SERIAL + 1) + ",3,meter 2",
                        (SERIAL + 2) + ",4,meter 3");
        for (int k = 0; k < 3; k++) {
            assertThat(serialAt(transport, 2 + k)).isEqualTo(SERIAL + k);
        }
    }

    @Test
    void anIdThatAnswersIsRefusedAndTheNextOneGiven() throws Exception {
        site(Transport.RTU_TCP, new boolean[] {true, false}, 3);

        Cli.Result r = commission(Transport.RTU_TCP, wiresIn(2), "--ids", "3-5", "--count", "1");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains(String.format("id 3 is taken: meter %08d answers there", SERIAL));
        assertThat(r.out()).isEqualTo(String.format("%08d -> id 4%n", SERIAL + 1));
        assertThat(serialAt(Transport.RTU_TCP, 3)).isEqualTo(SERIAL);
        assertThat(serialAt(Transport.RTU_TCP, 4)).isEqualTo(SERIAL + 1);
    }

    @Test
    void aSecondRunWithThePlanResumesAndVerifyFindsAMissingMeter() throws Exception {
        site(Transport.RTU_TCP, off(3));
        Path plan = dir.resolve("plan.csv");
        Cli.Result first =
                commission(Transport.RTU_TCP, wiresIn(1), "--ids", "2..4", "--plan", plan.toString(), "--count", "1");
        Cli.Result second = commission(Transport.RTU_TCP, wiresIn(2, 3), "--ids", "2..4", "--plan", plan.toString());

        assertThat(first.out()).as(first.toString()).isEqualTo(String.format("%08d -> id 2%n", SERIAL));
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).isEqualTo(String.format("%08d -> id 3%n%08d -> id 4%n", SERIAL + 1, SERIAL + 2));
        assertThat(CommissionPlan.read(plan).ids()).containsExactly(2, 3, 4);

        Cli.Result allThere =
                commission(Transport.RTU_TCP, wiresIn(), "--ids", "2..4", "--plan", plan.toString(), "--verify");
        assertThat(allThere.exitCode()).as(allThere.toString()).isZero();
        assertThat(allThere.out()).contains(String.format("%08d at id 3: ok (meter 2)", SERIAL + 1));

        power(2, false);
        Cli.Result missing =
                commission(Transport.RTU_TCP, wiresIn(), "--ids", "2..4", "--plan", plan.toString(), "--verify");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(3);
        assertThat(missing.out())
                .contains(
                        String.format("%08d at id 3: missing (meter 2)", SERIAL + 1),
                        String.format("%08d at id 4: ok (meter 3)", SERIAL + 2));
    }

    @Test
    void verifyReportsAMovedMeterAndOneNotInThePlan() throws Exception {
        site(Transport.RTU_TCP, new boolean[] {true, true}, 5, 1);
        Path plan = dir.resolve("plan.csv");
        Files.writeString(plan, "serial,id,label\n" + SERIAL + ",2,cabinet A1\n");

        Cli.Result r = commission(Transport.RTU_TCP, wiresIn(), "--ids", "2..5", "--plan", plan.toString(), "--verify");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.out())
                .contains(
                        String.format("%08d at id 2: moved to id 5 (cabinet A1)", SERIAL),
                        String.format("%08d at id 1: not in the plan", SERIAL + 1));
    }

    @Test
    void aMeterThatGoesSilentDuringItsChangeIsLookedForAndReported() throws Exception {
        site(Transport.RTU_TCP, new boolean[] {true});
        Endpoint.RtuOverTcp bus = new Endpoint.RtuOverTcp(
                "127.0.0.1", rig.twin.rtuTcpAddress().orElseThrow().getPort());
        try (ModbusLink link = ModbusLink.open(bus, Duration.ofMillis(150), 0)) {
            Commissioning c = new Commissioning(
                    link,
                    new Commissioning.Options(List.of(2), 1, Duration.ofMillis(1)),
                    CommissionPlan.EMPTY,
                    Commissioning.Recorder.NONE,
                    d -> {});
            assertThatThrownBy(() -> c.run(event -> {
                        if (event instanceof Commissioning.Event.Changing) {
                            try {
                                power(1, false);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }))
                    .isInstanceOf(NoReplyException.class)
                    .hasMessage(String.format(
                            "meter %08d stopped answering while taking"
                                    + " id 2: it answers neither at id 2 nor at id 1; check its power and wiring",
                            SERIAL));
            assertThat(c.plan().entries()).isEmpty();
        }
    }

    @Test
    void aMeterOfThePlanBackAtTheFactoryIdGetsItsPlannedIdAgain() throws Exception {
        site(Transport.RTU_TCP, new boolean[] {true});
        Path plan = dir.resolve("plan.csv");
        Files.writeString(plan, "serial,id,label\n" + SERIAL + ",3,cabinet A1\n");

        Cli.Result r =
                commission(Transport.RTU_TCP, wiresIn(), "--ids", "2..4", "--plan", plan.toString(), "--count", "1");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(String.format("%08d -> id 3 (again, as planned)%n", SERIAL));
        assertThat(serialAt(Transport.RTU_TCP, 3)).isEqualTo(SERIAL);
        assertThat(Files.readAllLines(plan)).hasSize(2);
    }

    @Test
    void idsWithTheFactoryIdAreRefusedBeforeAnythingIsSent() throws Exception {
        site(Transport.RTU_TCP, off(1));
        Cli.Result r = commission(Transport.RTU_TCP, wiresIn(), "--ids", "1..4");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cannot include 1").doesNotContain("Exception");
    }

    @Test
    void labelsComeFromTheListThenFromTheTerminalAndAResumedListGoesOn() throws Exception {
        site(Transport.RTU_TCP, off(4));
        Path plan = dir.resolve("cabinet.csv");

        Cli.Result listed = commission(
                Transport.RTU_TCP,
                wiresIn(1, 2),
                "--ids",
                "2,3,5..9",
                "--plan",
                plan.toString(),
                "--labels",
                "A1..",
                "--count",
                "2");
        Cli.Result typed = commissionTyping(
                Transport.RTU_TCP,
                wiresIn(3, 4),
                "B, left\nB left\n\n",
                "--ids",
                "2,3,5..9",
                "--plan",
                plan.toString(),
                "--count",
                "2");

        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(typed.exitCode()).as(typed.toString()).isZero();
        assertThat(typed.err())
                .contains(String.format("label of %08d (id 5) [meter 3]: ", SERIAL + 2), "a label has no comma")
                .contains(String.format("label of %08d (id 6) [meter 4]: ", SERIAL + 3));
        assertThat(Files.readAllLines(plan))
                .containsExactly(
                        "serial,id,label",
                        SERIAL + ",2,A1",
                        (SERIAL + 1) + ",3,A2",
                        (SERIAL + 2) + ",5,B left",
                        (SERIAL + 3) + ",6,meter 4");
    }

    @Test
    void aListedLabelThePlanHasIsPassedOverOnResume() throws Exception {
        site(Transport.RTU_TCP, off(1));
        Path plan = dir.resolve("plan.csv");
        Files.writeString(plan, "serial,id,label\n22000001,2,A1\n");

        Cli.Result r = commission(
                Transport.RTU_TCP,
                wiresIn(1),
                "--ids",
                "2..4",
                "--plan",
                plan.toString(),
                "--labels",
                "A1..A9",
                "--count",
                "1");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllLines(plan)).endsWith(SERIAL + ",3,A2");
    }

    @Test
    void theBridgeConfigIsWrittenAsMetersAreCommissionedAndFromAPlanAlone() throws Exception {
        site(Transport.RTU_TCP, off(2));
        Path plan = dir.resolve("cabinet.csv");
        Path config = dir.resolve("bridge.json");

        Cli.Result r = commission(
                Transport.RTU_TCP,
                wiresIn(1, 2),
                "--ids",
                "2-3",
                "--plan",
                plan.toString(),
                "--bridge-config",
                config.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<BridgeLine> lines = BridgeConfig.read(config, Duration.ofSeconds(10));
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).name()).isEqualTo("cabinet");
        assertThat(lines.get(0).endpoint())
                .isEqualTo(new Endpoint.RtuOverTcp(
                        "127.0.0.1", rig.twin.rtuTcpAddress().orElseThrow().getPort()));
        assertThat(lines.get(0).meters())
                .extracting(m -> m.meter().unitId() + " " + m.meter().name())
                .containsExactly("2 meter 1", "3 meter 2");

        Path forSerial = dir.resolve("serial.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(
                "commission",
                "--serial",
                dir.resolve("no-such-adapter").toString(),
                "-b",
                "4800",
                "-P",
                "odd",
                "--plan",
                plan.toString(),
                "--bridge-config",
                forSerial.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(BridgeConfig.read(forSerial, Duration.ofSeconds(10)).get(0).endpoint())
                .isEqualTo(new Endpoint.Serial(
                        dir.resolve("no-such-adapter").toString(), new LineSettings(4800, Parity.ODD)));
    }

    @Test
    void withoutIdsOrAPlanTheCommandSaysWhatItNeeds() throws Exception {
        site(Transport.RTU_TCP, off(1));
        Cli.Result nothing = commission(Transport.RTU_TCP, wiresIn());
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("give --ids IDS to commission meters");
        Cli.Result noPlan = commission(Transport.RTU_TCP, wiresIn(), "--bridge-config", "b.json");
        assertThat(noPlan.exitCode()).isEqualTo(2);
        assertThat(noPlan.err()).contains("need --plan FILE.csv");
        Cli.Result badMove = commission(Transport.RTU_TCP, wiresIn(), "--ids", "2", "--move-to", "19200,even");
        assertThat(badMove.exitCode()).isEqualTo(2);
        assertThat(badMove.err()).contains("--move-to: baud-rate").doesNotContain("Exception");
        Cli.Result verifyAndMove =
                commission(Transport.RTU_TCP, wiresIn(), "--plan", "p.csv", "--verify", "--move-to", "4800,odd");
        assertThat(verifyAndMove.exitCode()).isEqualTo(2);
        assertThat(verifyAndMove.err()).contains("--verify only reads");
        Cli.Result badLabels = commission(Transport.RTU_TCP, wiresIn(), "--ids", "2", "--labels", "A3..A1");
        assertThat(badLabels.exitCode()).isEqualTo(2);
        assertThat(badLabels.err()).contains("--labels: labels: A3..A1 runs backwards");
    }

    /** Every meter at {@code ids} reads back this baud and parity. */
    private void assertLine(Transport transport, LineSettings line, int... ids) throws ClientException {
        Endpoint e = transport == Transport.SERIAL
                ? new Endpoint.Serial(rig.flags(transport).get(1), line)
                : new Endpoint.RtuOverTcp(
                        "127.0.0.1", rig.twin.rtuTcpAddress().orElseThrow().getPort());
        for (int id : ids) {
            try (Pro380Client c = Pro380Client.connect(new ClientConfig(e, id, Duration.ofMillis(300), 0))) {
                assertThat(c.read(Registers.BAUD_RATE)).as("baud of id " + id).isEqualTo(line.baud());
                assertThat(c.read(Registers.PARITY))
                        .as("parity of id " + id)
                        .isEqualTo(Code.PARITY.code(line.parity()));
            }
        }
    }

    @Test
    void commissionedMetersAreMovedOneByOneAndALostOneIsReportedThenMovedOnResume() throws Exception {
        site(Transport.RTU_TCP, off(3));
        Path plan = dir.resolve("plan.csv");
        LineSettings to = new LineSettings(4800, Parity.ODD);
        Cli.Result commissioned =
                commission(Transport.RTU_TCP, wiresIn(1, 2, 3), "--ids", "2..4", "--plan", plan.toString());
        assertThat(commissioned.exitCode()).as(commissioned.toString()).isZero();

        power(2, false);
        Cli.Result first = commission(Transport.RTU_TCP, wiresIn(), "--plan", plan.toString(), "--move-to", "4800,odd");

        assertThat(first.exitCode()).as(first.toString()).isEqualTo(3);
        assertThat(first.out())
                .isEqualTo(String.format(
                        "%08d at id 2 -> 4800 8O1%n"
                                + "%08d at id 3: not moved to 4800 8O1: it answers at id 3 neither at 9600 8E1 nor at"
                                + " 4800 8O1%n"
                                + "%08d at id 4 -> 4800 8O1%n",
                        SERIAL, SERIAL + 1, SERIAL + 2));
        assertThat(first.err()).contains("set the gateway's serial side to match");
        assertLine(Transport.RTU_TCP, to, 2, 4);

        power(2, true);
        Cli.Result resumed =
                commission(Transport.RTU_TCP, wiresIn(), "--plan", plan.toString(), "--move-to", "4800,odd");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out())
                .isEqualTo(String.format(
                        "%08d at id 2: already at 4800 8O1%n%08d at id 3 -> 4800 8O1%n%08d at id 4: already at 4800"
                                + " 8O1%n",
                        SERIAL, SERIAL + 1, SERIAL + 2));
        assertLine(Transport.RTU_TCP, to, 2, 3, 4);
    }

    @Test
    void overASerialLineTheClientFollowsAMeterToItsNewLineAndTheBridgeConfigHasIt() throws Exception {
        site(Transport.SERIAL, off(1));
        Path plan = dir.resolve("plan.csv");
        Path config = dir.resolve("bridge.json");

        Cli.Result r = commission(
                Transport.SERIAL,
                wiresIn(1),
                "--ids",
                "7",
                "--plan",
                plan.toString(),
                "--move-to",
                "2400,none",
                "--bridge-config",
                config.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(String.format("%08d -> id 7%n%08d at id 7 -> 2400 8N1%n", SERIAL, SERIAL));
        LineSettings to = new LineSettings(2400, Parity.NONE);
        assertLine(Transport.SERIAL, to, 7);
        assertThat(BridgeConfig.read(config, Duration.ofSeconds(10)).get(0).endpoint())
                .isEqualTo(new Endpoint.Serial(rig.flags(Transport.SERIAL).get(1), to));
    }

    @Test
    void ctrlCInAChildProcessLeavesAWholePlanAndASecondRunResumes() throws Exception {
        site(Transport.RTU_TCP, new boolean[] {true, false, false});
        Path plan = dir.resolve("plan.csv");
        child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.pro380.app.Main",
                        "commission",
                        "--rtu-tcp",
                        TwinRig.hostPort(rig.twin.rtuTcpAddress().orElseThrow()),
                        "--ids",
                        "2..4",
                        "--plan",
                        plan.toString(),
                        "--poll",
                        "20ms")
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        BufferedReader out = new BufferedReader(new java.io.InputStreamReader(child.getInputStream()));
        java.util.concurrent.CompletableFuture<String> first =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return out.readLine();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        assertThat(first.get(60, java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(String.format("%08d -> id 2", SERIAL));

        int code = ChildProcesses.interrupt(child, Duration.ofSeconds(15));

        assertThat(code).as("exit code after SIGINT").isEqualTo(130);
        assertThat(Files.readAllLines(plan)).containsExactly("serial,id,label", SERIAL + ",2,meter 1");
        Cli.Result resumed =
                commission(Transport.RTU_TCP, wiresIn(2), "--ids", "2..4", "--plan", plan.toString(), "--count", "1");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).isEqualTo(String.format("%08d -> id 3%n", SERIAL + 1));
        assertThat(Files.readAllLines(plan))
                .containsExactly("serial,id,label", SERIAL + ",2,meter 1", (SERIAL + 1) + ",3,meter 2");
    }
}
