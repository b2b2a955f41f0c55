package org.pro380.bridge.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pro380.testkit.BrowserPage.await;
import static org.pro380.testkit.BrowserPage.awaitSame;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.pro380.client.Endpoint;
import org.pro380.client.HostPort;
import org.pro380.meter.Load;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.Parity;
import org.pro380.testkit.BrowserPage;
import org.pro380.testkit.Chromium;
import org.pro380.testkit.Socat;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinMeter;
import org.pro380.twin.site.MeterEntry;
import org.pro380.twin.testing.RunningTwin;

/**
 * {@code pro380 ui} in headless Chromium against a twin, as an installer uses it: choose the line
 * (Modbus TCP, a serial pty), scan, open a meter, write the LCD cycle and see it read back, see an
 * illegal value refused, and commission three factory-default meters, move them to 4800 8O1 and
 * check the bus against the plan. Screenshots go to target/.
 */
@Timeout(90)
class UiBrowserTest {
    @TempDir
    static Path profile;

    @TempDir
    Path dir;

    @RegisterExtension
    final RunningTwin running = new RunningTwin();

    private static ChromeDriver browser;
    private static BrowserPage page;
    private UiServer ui;

    @BeforeAll
    static void startBrowser() {
        if (Chromium.installed()) {
            browser = Chromium.start(profile, 1400, 1100);
            page = new BrowserPage(browser);
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void leaveThePageThenStop() {
        try {
            if (browser != null) {
                assertThat(Chromium.leave(browser))
                        .as("errors in the browser's console")
                        .isEmpty();
            }
        } finally {
            if (ui != null) {
                ui.close();
            }
        }
    }

    private void openUi() throws Exception {
        Chromium.requireInstalled();
        ui = UiServer.start(HostPort.loopback(0), Optional.empty());
        browser.get(ui.url());
    }

    @Test
    void overTcpItScansOpensAMeterWritesTheLcdCycleAndRefusesAnIllegalOne() throws Exception {
        Twin twin = running.start(c -> c.meters(2).timeScale(3600));
        countSomeEnergy(twin.meter(2));
        openUi();
        Endpoint.ModbusTcp tcp = running.tcp();
        page.click("kind-tcp");
        page.type("tcp-address", tcp.host() + ":" + tcp.port());
        page.submit("tcp-address");
        await("connected", () -> page.attribute("link", "data-state"), "live");

        scanAndOpen("1..3", 2, 2);
        lcdAndPhases(twin.meter(2));
        writeAndRefuse(twin, 2);
        lcdPagesAtTheCycleTime();
        await("the chart has points", () -> Integer.parseInt(page.attribute("chart-power", "data-points")) > 1, true);
        Chromium.saveFullPage(browser, Path.of("target", "ui-e2e.png"));
        Chromium.emulatePhone(browser, new Dimension(390, 844));
        try {
            assertThat((Boolean)
                            browser.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("nothing wider than a phone")
                    .isTrue();
            Chromium.saveFullPage(browser, Path.of("target", "ui-e2e-phone.png"));
        } finally {
            Chromium.emulatePhone(browser, null);
        }
    }

    @Test
    void overASerialPtyTheSame() throws Exception {
        try (Socat pair = Socat.ptyPair(dir)) {
            Twin twin = running.start(c -> c.meters(1).serial(pair.a().toString()));
            openUi();
            page.type("serial-path", pair.b().toString());
            page.submit("serial-path");
            await("connected", () -> page.attribute("link", "data-state"), "live");
            assertThat(page.text("link")).isEqualTo(pair.b() + " at 9600 8E1");

            scanAndOpen("1..3", 1, 1);
            writeAndRefuse(twin, 1);
            ui.close();
            ui = null;
            browser.get("about:blank");
            twin.close();
        }
    }

    @Test
    void theGuidedPageCommissionsThreeFactoryDefaultMeters() throws Exception {
        List<MeterEntry> entries = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            entries.add(new MeterEntry(UnaryOperator.identity(), s -> s.withUnitId(1), Optional.empty(), false));
        }
        Twin twin = running.start(c -> c.meters(3).meterEntries(entries));
        openUi();
        Endpoint.ModbusTcp tcp = running.tcp();
        page.click("kind-tcp");
        page.type("tcp-address", tcp.host() + ":" + tcp.port());
        page.submit("tcp-address");
        await("connected", () -> page.attribute("link", "data-state"), "live");
        page.type("commission-ids", "2..4");
        page.click("commission-start");
        for (int k = 1; k <= 3; k++) {
            await(
                    "the page asks for meter " + k,
                    () -> page.text("commission-now"),
                    "Waiting for a new meter at unit 1: wire the next one (it gets id " + (k + 1) + ")");
            twin.meter(k).setPower(true);
        }
        await("done", () -> page.text("commission-now"), "Every id is given: 3 commissioned");
        assertThat(browser.findElements(By.cssSelector("#commissioned tr"))).hasSize(3);
        for (int k = 1; k <= 3; k++) {
            assertThat(twin.meter(k).reading().settings().unitId()).isEqualTo(k + 1);
        }

        browser.executeScript("document.getElementById('move-baud').value = '4800';"
                + " document.getElementById('move-parity').value = 'odd';");
        page.click("move-start");
        await("moved", () -> page.text("move-now").startsWith("Done: 3 of 3 at 4800 8O1"), true);
        assertThat(browser.findElements(By.cssSelector("#move-list li[data-state=moved]")))
                .hasSize(3);
        for (int k = 1; k <= 3; k++) {
            assertThat(twin.meter(k).reading().settings().line()).isEqualTo(new LineSettings(4800, Parity.ODD));
        }
        page.click("verify-start");
        await("verified", () -> page.text("verify-now"), "The bus is as the plan says.");
        assertThat(browser.findElements(By.cssSelector("#verify-list li[data-state=ok]")))
                .hasSize(3);
        Chromium.saveFullPage(browser, Path.of("target", "ui-commission.png"));
    }

    private void scanAndOpen(String ids, int meters, int open) {
        page.type("scan-ids", ids);
        // a cold twin on a busy machine can take longer than the 200 ms a scan waits for an id
        page.type("scan-id-timeout", "3000");
        page.click("scan-start");
        await(
                "the scan ends",
                () -> page.text("scan-status"),
                "Done: " + meters + (meters == 1 ? " meter" : " meters") + " found");
        assertThat(browser.findElement(By.id("scan-progress")).getDomProperty("value"))
                .isEqualTo(browser.findElement(By.id("scan-progress")).getDomProperty("max"));
        page.click("open-" + open);
        // until the registers show, what the page says of its read
        await(
                "the meter's registers show",
                () -> browser.findElements(By.id("val-meter-id")).isEmpty()
                        ? page.text("meter-time")
                        : page.text("val-meter-id"),
                String.valueOf(open));
        assertThat(page.text("meter-serial")).startsWith("serial ");
        assertThat(page.text("val-voltage-l1")).matches("2\\d\\d\\.\\d");
    }

    /** A load for a moment of meter time, then none: an LCD that shows more than 0.00 kWh, and holds it. */
    private static void countSomeEnergy(TwinMeter meter) {
        meter.setLoad(Load.household());
        await(
                "some energy counted",
                () -> !meter.reading().lcd().cycle().get(0).text().equals("0.00 kWh"),
                true);
        meter.setLoad(Load.idle(230, 50));
    }

    /** The LCD rebuilt from the registers shows the twin's total page; the table has the values of L1..L3. */
    private void lcdAndPhases(TwinMeter meter) {
        awaitSame(
                "the LCD shows the total page",
                () -> page.text("lcd-text"),
                () -> meter.reading().lcd().cycle().get(0).text());
        assertThat(page.attribute("lcd", "data-page")).isEqualTo("total");
        assertThat(page.attribute("lcd", "data-backlight")).isEqualTo("true");
        assertThat(browser.findElements(By.cssSelector("#lcd-pages li")))
                .extracting(WebElement::getText)
                .containsExactly("Σ", "T1", "T2", "T3", "CRC");
        assertThat(page.text("lcd-phases")).isEqualTo("L1 →  L2 →  L3 →");
        assertThat(page.text("lcd-note"))
                .startsWith("Rebuilt from the registers")
                .contains("every 10 s");
        assertThat(browser.findElements(By.cssSelector("#phases thead th")))
                .extracting(WebElement::getText)
                .containsExactly("", "L1", "L2", "L3", "total");
        for (String phase : List.of("l1", "l2", "l3")) {
            assertThat(page.text("phase-voltage-" + phase)).isEqualTo("230.0");
            assertThat(page.text("phase-current-" + phase)).isEqualTo("0.00");
        }
        assertThat(page.text("phase-active-power")).isEqualTo("0.000");
        assertThat(page.text("phase-direction-total")).isEqualTo("import");
    }

    /** The rebuilt LCD pages on by itself, at the cycle time read from the meter. */
    private void lcdPagesAtTheCycleTime() {
        page.type("set-lcd-cycle", "1");
        page.submit("set-lcd-cycle");
        await("read back", () -> page.text("settings-result"), "lcd-cycle-time = 1 (read back)");
        await("the note says it", () -> page.text("lcd-cycle"), "1");
        String before = page.attribute("lcd", "data-page");
        await(
                "the LCD shows the next page",
                () -> !page.attribute("lcd", "data-page").equals(before),
                true);
    }

    private void writeAndRefuse(Twin twin, int meter) {
        page.type("set-lcd-cycle", "25");
        page.submit("set-lcd-cycle");
        await("read back", () -> page.text("settings-result"), "lcd-cycle-time = 25 (read back)");
        assertThat(twin.meter(meter).reading().settings().lcdCycleSeconds()).isEqualTo(25);
        await("the register shows it", () -> page.text("val-lcd-cycle-time"), "25");

        page.type("set-lcd-cycle", "31");
        page.submit("set-lcd-cycle");
        await("refused", () -> page.text("settings-result").contains("1..30"), true);
        assertThat(page.attribute("message", "data-kind")).isEqualTo("error");
        assertThat(twin.meter(meter).reading().settings().lcdCycleSeconds()).isEqualTo(25);
    }
}
