package org.pro380.bridge.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pro380.testkit.BrowserPage.await;
import static org.pro380.testkit.BrowserPage.awaitSame;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.bridge.BridgeConfig;
import org.pro380.bridge.BridgeLine;
import org.pro380.bridge.web.Page;
import org.pro380.bridge.web.Reply;
import org.pro380.client.Endpoint;
import org.pro380.client.HostPort;
import org.pro380.client.web.WriteToken;
import org.pro380.meter.Load;
import org.pro380.meter.PhaseLoad;
import org.pro380.meter.StorageError;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.Parity;
import org.pro380.registers.LcdPage;
import org.pro380.serial.SerialLine;
import org.pro380.testkit.Socat;
import org.pro380.twin.Twin;
import org.pro380.twin.site.MeterEntry;
import org.pro380.twin.testing.RunningTwin;

/** The HTTP API of {@code pro380 ui} against a twin over Modbus TCP, RTU over TCP and a socat pty. */
class UiApiTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final RunningTwin running = new RunningTwin();

    private UiServer ui;
    private UiClient api;

    @AfterEach
    void stopTheUi() {
        if (ui != null) {
            ui.close();
        }
    }

    private void startUi() throws Exception {
        ui = UiServer.start(HostPort.loopback(0), Optional.empty());
        api = new UiClient(ui.url());
    }

    private static String tcp(Endpoint.ModbusTcp e) {
        return "{\"tcp\":\"" + e.host() + ":" + e.port() + "\"}";
    }

    @Test
    void overTcpItScansReadsAMeterInGroupsAndWritesCheckedSettings() throws Exception {
        Twin twin = running.start(2);
        startUi();
        assertThat(api.post("/api/connect", tcp(running.tcp()))
                        .ok()
                        .path("text")
                        .asText())
                .startsWith("Modbus TCP 127.0.0.1:");

        api.post("/api/scan", "{\"ids\":\"1..3\",\"everyId\":true,\"idTimeoutMs\":3000}")
                .ok();
        JsonNode scan = api.awaitGet("/api/scan", s -> !s.path("running").asBoolean());
        assertThat(scan.path("done").asInt()).isEqualTo(scan.path("total").asInt());
        assertThat(scan.path("meters").findValuesAsText("unitId")).containsExactly("1", "2");
        assertThat(api.get("/api/meters").ok().size()).isEqualTo(2);

        JsonNode meter = api.get("/api/meters/2").ok();
        assertThat(meter.path("groups").findValuesAsText("key"))
                .contains("identity", "settings", "instantaneous", "energy", "voltage-l1", "lcd-cycle-time");
        JsonNode voltage = register(meter, "voltage-l1");
        assertThat(voltage.path("unit").asText()).isEqualTo("V");
        assertThat(voltage.path("value").asDouble()).isBetween(200.0, 260.0);
        assertThat(register(meter, "parity").path("text").asText()).isEqualTo("even");

        JsonNode applied = api.post("/api/meters/2/settings", "{\"lcd-cycle\":\"25\",\"backlight\":\"off\"}")
                .ok();
        assertThat(applied.path("applied").findValuesAsText("readBack")).containsExactly("25", "off");
        assertThat(twin.meter(2).reading().settings().lcdCycleSeconds()).isEqualTo(25);
        assertThat(register(api.get("/api/meters/2").ok(), "lcd-cycle-time")
                        .path("value")
                        .asInt())
                .isEqualTo(25);
    }

    @Test
    void theMeterShowsItsLcdAsTheRegistersTellItWithTheTwinsWordsAndItsErrPage() throws Exception {
        Twin twin = running.start(c -> c.meters(1).timeScale(3600));
        startUi();
        api.post("/api/connect", tcp(running.tcp())).ok();
        twin.meter(1).setLoad(Load.household());
        await(
                "some energy counted",
                () -> !twin.meter(1).reading().lcd().cycle().get(0).text().equals("0.00 kWh"),
                true);
        PhaseLoad idle = PhaseLoad.importing(230, 0, 1);
        twin.meter(1).setLoad(new Load(50, List.of(idle, idle, PhaseLoad.importing(0, 0, 1))));

        // the same words as the twin's LCD, once the counters it serves over Modbus are the LCD's
        awaitSame("the LCD's pages", () -> lcd().path("pages").findValuesAsText("text"), () -> lcdTexts(twin));
        JsonNode lcd = api.get("/api/meters/1").ok().path("lcd");

        assertThat(lcd.path("pages").findValuesAsText("id")).containsExactly("total", "t1", "t2", "t3", "crc");
        assertThat(lcd.path("cycleSeconds").asInt()).isEqualTo(10);
        assertThat(lcd.path("backlight").asBoolean()).isTrue();
        assertThat(lcd.path("phases").findValuesAsText("text")).containsExactly("L1 →", "L2 →", "");
        assertThat(lcd.path("phases").findValuesAsText("phase")).containsExactly("L1", "L2", "L3");

        twin.meter(1).setStorageFault(Optional.of(StorageError.ERR_0D));
        twin.meter(1).setPower(false);
        twin.meter(1).setPower(true);
        awaitSame("the LCD's pages", () -> lcd().path("pages").findValuesAsText("text"), () -> lcdTexts(twin));
        assertThat(lcdTexts(twin).get(0)).isEqualTo("ERR 0d");
        twin.meter(1).setLoad(new Load(50, List.of(idle, new PhaseLoad(230, 2, 1, true, false), idle)));
        await("L2 exports", () -> lcd().path("phases").findValuesAsText("text"), List.of("L1 →", "L2 ←", "L3 →"));
    }

    @Test
    void anIllegalValueIsRefusedInOneLineAndNothingIsWritten() throws Exception {
        Twin twin = running.start(1);
        startUi();
        api.post("/api/connect", tcp(running.tcp())).ok();
        int before = twin.meter(1).reading().settings().lcdCycleSeconds();

        UiClient.Answer refused = api.post("/api/meters/1/settings", "{\"tariff\":\"2\",\"lcd-cycle\":\"31\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).contains("lcd-cycle-time").contains("1..30").doesNotContain("\n");
        assertThat(twin.meter(1).reading().settings().lcdCycleSeconds()).isEqualTo(before);
        assertThat(twin.meter(1).reading().settings().modbusTariff().number()).isEqualTo(1);
    }

    @Test
    void badInputIsA400AndASilentMeterA504AndTheServerStaysUsable() throws Exception {
        running.start(1);
        startUi();
        assertThat(api.get("/api/meters/1").status()).isEqualTo(409);
        assertThat(api.post("/api/connect", "{not json").status()).isEqualTo(400);
        assertThat(api.post("/api/connect", "{\"tcp\":\"a:b:c:d\",\"serial\":\"x\"}")
                        .error())
                .isEqualTo("give one of serial, tcp and rtuTcp");
        assertThat(api.post("/api/connect", "{\"serial\":\"/dev/ttyUSB0\",\"parity\":\"sideways\"}")
                        .status())
                .isEqualTo(400);
        api.post("/api/connect", tcp(running.tcp())).ok();
        assertThat(api.get("/api/meters/x").error()).isEqualTo("a unit id must be 0..247, got 'x'");
        assertThat(api.post("/api/meters/1/settings", "{\"colour\":\"red\"}").status())
                .isEqualTo(400);
        assertThat(api.post("/api/scan", "{\"ids\":\"1..300\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/scan", "{\"idTimeoutMs\":0}").error())
                .isEqualTo("idTimeoutMs must be 1..60000, got 0");
        assertThat(api.get("/api/meters/1/export?format=xml").status()).isEqualTo(400);

        UiClient.Answer silent = api.get("/api/meters/9");
        assertThat(silent.status()).isEqualTo(504);
        assertThat(silent.error()).contains("9");

        assertThat(api.get("/api/meters/1").status()).isEqualTo(200);
        UiClient.Answer csv = api.get("/api/meters/1/export?format=csv");
        assertThat(csv.text()).startsWith("key,address,name,value,unit\nserial-number,0x4000,");
    }

    @Test
    void aWrongOrBusyPortIsAClearMessage() throws Exception {
        startUi();
        UiClient.Answer missing = api.post("/api/connect", "{\"serial\":\"" + dir.resolve("ttyNONE") + "\"}");
        assertThat(missing.status()).isEqualTo(502);
        assertThat(missing.error()).contains("ttyNONE").contains("not found");

        try (Socat pair = Socat.ptyPair(dir);
                SerialLine held = SerialLine.open(pair.b().toString(), LineSettings.FACTORY, 100)) {
            UiClient.Answer busy = api.post("/api/connect", "{\"serial\":\"" + pair.b() + "\"}");
            assertThat(busy.status()).isEqualTo(502);
            assertThat(busy.error()).contains(pair.b().toString()).contains("already open");
        }
        assertThat(api.get("/api/ports").status()).isEqualTo(200);
    }

    @Test
    void overAPtyItFollowsAMeterWhoseIdBaudAndParityChange() throws Exception {
        try (Socat pair = Socat.ptyPair(dir)) {
            Twin twin = running.start(c -> c.meters(1).serial(pair.a().toString()));
            startUi();
            api.post("/api/connect", "{\"serial\":\"" + pair.b() + "\",\"baud\":9600,\"parity\":\"even\"}")
                    .ok();

            JsonNode applied = api.post("/api/meters/1/settings", "{\"id\":\"7\",\"baud\":\"4800\",\"parity\":\"odd\"}")
                    .ok();

            assertThat(applied.path("unitId").asInt()).isEqualTo(7);
            assertThat(applied.path("connection").path("baud").asInt()).isEqualTo(4800);
            assertThat(applied.path("connection").path("parity").asText()).isEqualTo("odd");
            assertThat(twin.meter(1).reading().settings().line()).isEqualTo(new LineSettings(4800, Parity.ODD));
            assertThat(register(api.get("/api/meters/7").ok(), "meter-id")
                            .path("value")
                            .asInt())
                    .isEqualTo(7);
            twin.close();
        }
    }

    @Test
    void aScanStopsWhenAskedAndKeepsWhatItFound() throws Exception {
        running.start(1);
        startUi();
        Endpoint.RtuOverTcp rtu = running.rtuOverTcp();
        api.post("/api/connect", "{\"rtuTcp\":\"" + rtu.host() + ":" + rtu.port() + "\"}")
                .ok();
        api.post("/api/scan", "{\"everyId\":true,\"idTimeoutMs\":3000}").ok();
        api.awaitGet("/api/scan", s -> s.path("meters").size() == 1);
        assertThat(api.get("/api/meters/1").status())
                .as("the line is the scan's")
                .isEqualTo(409);

        api.post("/api/scan/stop", "").ok();

        JsonNode scan = api.awaitGet("/api/scan", s -> !s.path("running").asBoolean());
        assertThat(scan.path("stopped").asBoolean()).isTrue();
        assertThat(scan.path("done").asInt()).isLessThan(scan.path("total").asInt());
        assertThat(scan.path("meters").findValuesAsText("unitId")).containsExactly("1");
        assertThat(api.get("/api/meters/1").status()).isEqualTo(200);
    }

    @Test
    void commissioningGivesNewMetersTheirIdsOneAtATime() throws Exception {
        List<MeterEntry> entries = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            entries.add(new MeterEntry(UnaryOperator.identity(), s -> s.withUnitId(1), Optional.empty(), false));
        }
        Twin twin = running.start(c -> c.meters(3).meterEntries(entries));
        startUi();
        api.post("/api/connect", tcp(running.tcp())).ok();
        api.post("/api/commission", "{\"ids\":\"2..4\"}").ok();
        for (int k = 1; k <= 3; k++) {
            int waiting = k;
            api.awaitGet(
                    "/api/commission",
                    s -> s.path("events").findValuesAsText("event").stream()
                                    .filter("waiting"::equals)
                                    .count()
                            == waiting);
            twin.meter(k).setPower(true);
        }
        JsonNode done = api.awaitGet("/api/commission", s -> !s.path("running").asBoolean());
        assertThat(done.has("error")).as(done.toString()).isFalse();
        assertThat(done.path("commissioned").findValuesAsText("unitId")).containsExactly("2", "3", "4");
        for (int k = 1; k <= 3; k++) {
            assertThat(twin.meter(k).reading().settings().unitId()).isEqualTo(k + 1);
        }
        assertThat(api.get("/api/commission/plan.csv").text())
                .startsWith("serial,id,label\n")
                .containsPattern("\\d{8},2,meter 1\n\\d{8},3,meter 2\n\\d{8},4,meter 3\n");
    }

    /** A site of meters, each at {@code ids[k]} (1, the factory id, where none is given) and powered or not. */
    private Twin site(boolean[] powered, int... ids) throws Exception {
        List<MeterEntry> entries = new ArrayList<>();
        for (int k = 0; k < powered.length; k++) {
            int id = k < ids.length ? ids[k] : 1;
            entries.add(new MeterEntry(UnaryOperator.identity(), s -> s.withUnitId(id), Optional.empty(), powered[k]));
        }
        return running.start(c -> c.meters(powered.length).meterEntries(entries));
    }

    private static String serial(Twin twin, int k) {
        return String.format("%08d", twin.meter(k).reading().identity().serialNumber());
    }

    private static String json(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }

    @Test
    void commissioningResumesFromAPlanFileAndAppendsToItThenVerifyFindsTheBusAsPlanned() throws Exception {
        Twin twin = site(new boolean[] {true, false, false}, 2);
        Path planFile = dir.resolve("cabinet.csv");
        Files.writeString(planFile, "serial,id,label\n" + serial(twin, 1) + ",2,A1\n");
        startUi();
        api.post("/api/connect", tcp(running.tcp())).ok();

        JsonNode plan = api.post("/api/commission/plan", "{\"file\":" + json(planFile.toString()) + "}")
                .ok();
        assertThat(plan.path("file").asText()).isEqualTo(planFile.toString());
        assertThat(plan.path("meters").findValuesAsText("label")).containsExactly("A1");

        api.post("/api/commission", "{\"ids\":\"2..4\"}").ok();
        for (int k = 2; k <= 3; k++) {
            int nextId = k + 1;
            api.awaitGet(
                    "/api/commission",
                    s -> s.path("events").findValuesAsText("nextId").contains(String.valueOf(nextId)));
            twin.meter(k).setPower(true);
        }
        JsonNode done = api.awaitGet("/api/commission", s -> !s.path("running").asBoolean());
        assertThat(done.has("error")).as(done.toString()).isFalse();
        assertThat(done.path("events").findValuesAsText("nextId"))
                .as("id 2 is the plan's: never offered")
                .doesNotContain("2");
        assertThat(done.path("commissioned").findValuesAsText("unitId")).containsExactly("3", "4");
        assertThat(done.path("plan").path("meters").findValuesAsText("unitId")).containsExactly("2", "3", "4");
        assertThat(twin.meter(2).reading().settings().unitId()).isEqualTo(3);
        assertThat(twin.meter(3).reading().settings().unitId()).isEqualTo(4);
        String rows = "serial,id,label\n" + serial(twin, 1) + ",2,A1\n" + serial(twin, 2) + ",3,meter 2\n"
                + serial(twin, 3) + ",4,meter 3\n";
        assertThat(Files.readString(planFile)).as("each meter appended").isEqualTo(rows);
        assertThat(api.get("/api/commission/plan.csv").text()).isEqualTo(rows);

        api.post("/api/commission/verify", "{\"ids\":\"2..5\"}").ok();
        JsonNode verified =
                api.awaitGet("/api/commission/verify", s -> !s.path("running").asBoolean());
        assertThat(verified.path("holds").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.path("lines").get(0).asText()).isEqualTo(serial(twin, 1) + " at id 2: ok (A1)");
    }

    @Test
    void thePlansMetersAreMovedOneAtATimeALostOneIsReportedAndARunAgainFinishesTheMove() throws Exception {
        Twin twin = site(new boolean[] {true, true, true, true}, 2, 3, 4, 1);
        String csv = "serial,id,label\n" + serial(twin, 1) + ",2,A1\n" + serial(twin, 2) + ",3,A2\n" + serial(twin, 3)
                + ",4,A3\n";
        startUi();
        Endpoint.RtuOverTcp rtu = running.rtuOverTcp();
        api.post("/api/connect", "{\"rtuTcp\":\"" + rtu.host() + ":" + rtu.port() + "\",\"timeoutMs\":300}")
                .ok();
        api.post("/api/commission/plan", "{\"csv\":" + json(csv) + "}").ok();
        twin.meter(2).setPower(false);

        api.post("/api/commission/move", "{\"to\":\"4800,odd\"}").ok();
        JsonNode first =
                api.awaitGet("/api/commission/move", s -> !s.path("running").asBoolean());

        assertThat(first.has("error")).as(first.toString()).isFalse();
        assertThat(first.path("meters").findValuesAsText("state")).containsExactly("moved", "lost", "moved");
        assertThat(first.path("meters").findValuesAsText("text"))
                .containsExactly(
                        serial(twin, 1) + " at id 2 -> 4800 8O1",
                        serial(twin, 2) + " at id 3: not moved to 4800 8O1: it answers at id 3 neither at 9600 8E1"
                                + " nor at 4800 8O1",
                        serial(twin, 3) + " at id 4 -> 4800 8O1");
        assertThat(first.path("note").asText()).contains("set the gateway's serial side to 4800 8O1");
        LineSettings to = new LineSettings(4800, Parity.ODD);
        assertThat(twin.meter(1).reading().settings().line()).isEqualTo(to);
        assertThat(twin.meter(3).reading().settings().line()).isEqualTo(to);

        twin.meter(2).setPower(true);
        api.post("/api/commission/move", "{\"to\":\"4800,odd\"}").ok();
        JsonNode again =
                api.awaitGet("/api/commission/move", s -> !s.path("running").asBoolean());
        assertThat(again.path("meters").findValuesAsText("state")).containsExactly("already", "moved", "already");
        assertThat(twin.meter(2).reading().settings().line()).isEqualTo(to);

        api.post("/api/commission/verify", "{\"ids\":\"2..4\"}").ok();
        JsonNode verified =
                api.awaitGet("/api/commission/verify", s -> !s.path("running").asBoolean());
        assertThat(verified.path("holds").asBoolean()).isFalse();
        assertThat(verified.path("present").findValuesAsText("unitId")).containsExactly("2", "3", "4");
        assertThat(verified.path("missing").size()).isZero();
        assertThat(verified.path("unexpected").findValuesAsText("serial")).containsExactly(serial(twin, 4));
        assertThat(verified.path("lines").get(3).asText()).isEqualTo(serial(twin, 4) + " at id 1: not in the plan");

        UiClient.Answer config = api.get("/api/commission/bridge.json");
        Path file = dir.resolve("bridge.json");
        Files.writeString(file, config.text());
        List<BridgeLine> lines = BridgeConfig.read(file, Duration.ofSeconds(10));
        assertThat(lines.get(0).endpoint()).isEqualTo(rtu);
        assertThat(lines.get(0).meters().stream().map(m -> m.meter().name())).containsExactly("A1", "A2", "A3");
    }

    @Test
    void aPlanThatDoesNotParseOrAnIllegalLineIsA400AndNothingChanges() throws Exception {
        Twin twin = site(new boolean[] {true}, 2);
        startUi();
        api.post("/api/connect", tcp(running.tcp())).ok();
        String good = "serial,id,label\n" + serial(twin, 1) + ",2,A1\n";
        api.post("/api/commission/plan", "{\"csv\":" + json(good) + "}").ok();

        UiClient.Answer bad = api.post("/api/commission/plan", "{\"csv\":" + json("serial,id,label\nA1,2,x\n") + "}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error())
                .isEqualTo("plan line 2: expected serial,id,label, e.g. 22091039,2,cabinet A1, got 'A1,2,x'");
        UiClient.Answer twice =
                api.post("/api/commission/plan", "{\"csv\":" + json("22091039,2,a\n22091040,2,b\n") + "}");
        assertThat(twice.error()).isEqualTo("plan line 2: id 2 is in the plan twice");
        assertThat(api.post("/api/commission/plan", "{\"file\":\"/etc/passwd\"}")
                        .status())
                .isEqualTo(400);
        assertThat(api.post(
                                "/api/commission/plan",
                                "{\"file\":" + json(dir.resolve("none/p.csv").toString()) + "}")
                        .error())
                .isEqualTo("file: no folder " + dir.resolve("none") + " to keep the plan in");
        assertThat(api.get("/api/commission/plan.csv").text())
                .as("the plan before")
                .isEqualTo(good);

        UiClient.Answer illegal = api.post("/api/commission/move", "{\"to\":\"19200,even\"}");
        assertThat(illegal.status()).isEqualTo(400);
        assertThat(illegal.error()).startsWith("to: baud-rate").doesNotContain("\n");
        assertThat(api.post("/api/commission/move", "{\"to\":\"fast\"}").error())
                .isEqualTo("to: expected BAUD,PARITY, e.g. 4800,odd, got 'fast'");
        assertThat(api.get("/api/commission/move").ok().path("total").asInt())
                .as("no move started")
                .isZero();
        assertThat(twin.meter(1).reading().settings().line()).isEqualTo(LineSettings.FACTORY);
    }

    @Test
    void offLoopbackEveryChangeNeedsTheToken() {
        UiApi api = new UiApi(WriteToken.forBind(false, Optional.of("s3cret"), "the UI"));
        Page.Request without = new Page.Request("POST", "/api/scan/stop", java.util.Map.of(), Optional.empty(), "");
        Page.Request with =
                new Page.Request("POST", "/api/scan/stop", java.util.Map.of(), Optional.of("Bearer s3cret"), "");

        Reply refused = api.answer(without).orElseThrow();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers()).containsKey("WWW-Authenticate");
        assertThat(api.answer(with).orElseThrow().status()).isEqualTo(200);
        assertThat(api.answer(new Page.Request("GET", "/api/ports", java.util.Map.of()))
                        .orElseThrow()
                        .status())
                .isEqualTo(200);
    }

    /** The LCD of meter 1 as the UI's API has it now. */
    private JsonNode lcd() {
        try {
            return api.get("/api/meters/1").ok().path("lcd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lcdTexts(Twin twin) {
        return twin.meter(1).reading().lcd().cycle().stream().map(LcdPage::text).toList();
    }

    private static JsonNode register(JsonNode meter, String key) {
        for (JsonNode group : meter.path("groups")) {
            for (JsonNode r : group.path("registers")) {
                if (r.path("key").asText().equals(key)) {
                    return r;
                }
            }
        }
        throw new AssertionError("no register " + key + " in " + meter);
    }
}
