package org.pro380.twin.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.pro380.meter.Load;
import org.pro380.meter.PhaseLoad;
import org.pro380.meter.TariffInput;
import org.pro380.meter.WiringFault;
import org.pro380.protocol.Hex;
import org.pro380.registers.Phase;
import org.pro380.registers.Tariff;
import org.pro380.testkit.Chromium;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.TwinStartException;
import org.pro380.twin.fault.Fault;
import org.pro380.twin.fault.FaultRule;

/**
 * The front panel in a real browser: headless Chromium opens the panel of a twin running in this
 * process, works its controls as a person would (typing, clicking) and checks what the page shows
 * against the twin. Screenshots go to target/.
 */
@Timeout(60)
class PanelBrowserTest extends BrowserTestBase {

    private static final Path SCREENSHOT = Path.of("target", "panel-e2e.png");
    private static final Path PHONE_SCREENSHOT = Path.of("target", "panel-e2e-phone.png");

    @TempDir
    Path state;

    @BeforeEach
    void openPanel() throws TwinStartException {
        open(TwinConfig.forTests(state).build(), "/");
        await("the event stream is live", () -> text("link"), "live");
        awaitSame(
                "the LCD shows the twin's page",
                () -> text("lcd-text"),
                () -> twin.meter(1).reading().lcd().page().text());
    }

    @Test
    void loadSetInThePanelReachesTheTwinAndTheValuesAndLcdFollow() {
        // the rotation restarts when the cycle is written: the total page then shows for 30 s
        type("set-lcd-cycle-time", "30");
        submit("set-lcd-cycle-time");
        await(
                "the cycle time is written",
                () -> twin.meter(1).reading().settings().lcdCycleSeconds(),
                30);
        await("the LCD shows the total page", () -> attribute("lcd", "data-page"), "total");

        for (String phase : List.of("l1", "l2", "l3")) {
            type("load-" + phase + "-voltage", "230");
            type("load-" + phase + "-current", "40");
            type("load-" + phase + "-powerFactor", "1");
        }
        String lcdBefore = text("lcd-text");
        browser.findElement(By.id("load-apply")).click();

        PhaseLoad forty = PhaseLoad.importing(230, 40, 1);
        await("the twin measures the load", () -> twin.meter(1).load(), new Load(50, List.of(forty, forty, forty)));
        await("total active power", () -> text("val-active-power"), "27.600");
        assertThat(text("val-active-power-l2")).isEqualTo("9.200");
        assertThat(text("val-current-l3")).isEqualTo("40.00");
        assertThat(text("val-voltage-l1")).isEqualTo("230.0");
        assertThat(text("val-power-factor")).isEqualTo("1.000");
        assertThat(text("val-direction-l1")).isEqualTo("1F");
        assertThat(text("val-quadrant")).isEqualTo("1");
        // 27.6 kW adds 0.01 kWh every 1.3 s: the LCD moves on, and shows what the twin's LCD shows
        await("the LCD's energy grows", () -> !text("lcd-text").equals(lcdBefore), true);
        assertThat(text("lcd-text")).matches("\\d+\\.\\d\\d kWh");
        awaitSame(
                "the LCD shows the twin's page",
                () -> text("lcd-text"),
                () -> twin.meter(1).reading().lcd().page().text());
        // 76.7 pulses a second is too fast to flash: the LED glows and the rate is written
        assertThat(attribute("pulse-led", "data-mode")).isEqualTo("steady");
        assertThat(text("pulse-rate")).isEqualTo("76.7 imp/s");
    }

    @Test
    void theChartsHaveTimeAndValueAxesAndShowTheTwinsOwnHistoryAfterAReload() {
        assertThat(attribute("chart-power", "data-axes")).isEqualTo("time,kW");
        assertThat(attribute("chart-energy", "data-axes")).isEqualTo("time,Wh");
        assertThat(browser.findElements(By.cssSelector("#chart-power .u-axis"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#chart-power .u-legend .u-series")))
                .extracting(e -> e.getText().trim())
                .containsExactly("L1", "L2", "L3", "total");
        await("the twin has kept a few seconds", () -> historyTimes().size() >= 3, true);
        Object first = historyTimes().get(0);

        browser.navigate().refresh();

        await(
                "the reloaded chart starts with the twin's first sample",
                () -> attribute("chart-power", "data-first"),
                String.valueOf(first));
        assertThat(Integer.parseInt(attribute("chart-power", "data-points"))).isGreaterThanOrEqualTo(3);
        assertThat(attribute("chart-energy", "data-first")).isEqualTo(String.valueOf(first));
    }

    /** The sample times of the twin's own history of meter 1, as the page would get them. */
    private List<?> historyTimes() {
        return (List<?>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/history').then(r => r.json()).then(h => done(h.time));
                """);
    }

    @Test
    void aReversedCtShowsOnTheLcdsPhaseMarksAndWarnsOfTheForbiddenFlow() {
        assertThat(browser.findElement(By.id("flow-warning")).isDisplayed()).isFalse();

        twin.meter(1)
                .faults()
                .replace(List.of(FaultRule.always(new Fault.Wiring(new WiringFault.ReversedCt(Set.of(Phase.L1))))));

        await("the LCD marks L1 exporting", () -> text("lcd-phases"), "L1 ←  L2 →  L3 →");
        await(
                "the warning shows",
                () -> browser.findElement(By.id("flow-warning")).isDisplayed(),
                true);
        assertThat(text("val-direction-l1")).isEqualTo("1R");
    }

    @Test
    void aFaultSwitchedOnInThePanelShowsInTheTrafficView() throws IOException {
        browser.findElement(By.id("fault-exception-on")).click();
        await(
                "the twin has the fault",
                () -> twin.meter(1).faults().active().stream()
                        .map(f -> f.rule().fault().name())
                        .toList(),
                List.of("exception"));

        askOverModbusTcp("00 01 00 00 00 06 01 03 50 02 00 02");

        await(
                "the reply is in the traffic view",
                () -> browser.findElements(By.cssSelector("#traffic tbody tr")).size(),
                2);
        String reply = browser.findElement(By.cssSelector("#traffic tbody tr[data-direction='out']"))
                .getText();
        assertThat(reply).contains("00 01 00 00 00 03 01 83 06", "exception 06", "fault exception");
        assertThat(browser.findElement(By.cssSelector("#traffic tbody tr[data-direction='in']"))
                        .getText())
                .contains("fc 03", "0x5002 ×2");
        await("the fault's applied count", () -> text("fault-exception-applied"), "1");
        assertThat(browser.findElement(By.id("capture-link")).isDisplayed()).isFalse();

        browser.findElement(By.cssSelector("#traffic-function option[value='6']"))
                .click();
        assertThat(browser.findElements(By.cssSelector("#traffic tbody tr"))).isEmpty();
    }

    /** Sends {@code frame} (an MBAP frame in hex) to the twin's Modbus TCP port and reads its reply. */
    private void askOverModbusTcp(String frame) throws IOException {
        InetSocketAddress address = twin.tcpAddress().orElseThrow();
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(Hex.parse(frame));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[7];
            in.readFully(header);
            in.readFully(new byte[((header[4] & 0xFF) << 8 | header[5] & 0xFF) - 1]);
        }
    }

    @Test
    void aSiteOfOneMeterShowsMeterOneWithoutTheFleetLink() {
        assertThat(text("meter-place")).isEqualTo("meter 1 · bus 1");
        assertThat(browser.findElement(By.id("fleet-link")).isDisplayed()).isFalse();
    }

    @Test
    void tariffInputButtonsSwitchTheTariffLed() {
        assertThat(attribute("tariff-led", "data-state")).isEqualTo("off");

        browser.findElement(By.id("tariff-input-T2")).click();
        await("the tariff LED is on", () -> attribute("tariff-led", "data-state"), "on");
        assertThat(twin.meter(1).reading().tariffInput()).isEqualTo(TariffInput.T2);
        assertThat(twin.meter(1).reading().activeTariff()).isEqualTo(Tariff.T2);
        assertThat(text("tariff-name")).isEqualTo("T2");

        browser.findElement(By.id("tariff-input-T3")).click();
        await("the tariff LED blinks", () -> attribute("tariff-led", "data-state"), "blinking");
        assertThat(browser.findElement(By.id("tariff-led")).getCssValue("animation-name"))
                .isEqualTo("blink");
        assertThat(twin.meter(1).reading().activeTariff()).isEqualTo(Tariff.T3);

        browser.findElement(By.id("tariff-input-none")).click();
        await("the tariff LED is off", () -> attribute("tariff-led", "data-state"), "off");
        assertThat(twin.meter(1).reading().activeTariff()).isEqualTo(Tariff.T1);
    }

    @Test
    void slowPulsesFlashTheLed() {
        for (String phase : List.of("l1", "l2", "l3")) {
            type("load-" + phase + "-current", phase.equals("l1") ? "1" : "0");
        }
        browser.findElement(By.id("load-apply")).click();
        await("the rate is slow", () -> attribute("pulse-led", "data-mode"), "flash");

        // 230 W is 0.64 pulses a second: the LED must light at least once within a few seconds
        await("the pulse LED flashes", () -> (Boolean) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const led = document.getElementById('pulse-led');
                if (led.dataset.lit === 'true') { done(true); return; }
                const seen = new MutationObserver(() => { if (led.dataset.lit === 'true') { seen.disconnect(); done(true); } });
                seen.observe(led, { attributes: true });
                setTimeout(() => { seen.disconnect(); done(false); }, 3000);
                """), true);
    }

    @Test
    void refusedInputShowsTheApisMessageAndChangesNothing() {
        Load before = twin.meter(1).load();

        type("load-l1-voltage", "600");
        browser.findElement(By.id("load-apply")).click();

        await(
                "the API's message is shown",
                () -> text("message"),
                "Load: phases[0]: voltage must be <= 500 V, got 600.0");
        assertThat(attribute("message", "data-kind")).isEqualTo("error");
        assertThat(twin.meter(1).load()).isEqualTo(before);

        type("set-meter-id", "300");
        submit("set-meter-id");
        await("the register's refusal is shown", () -> text("message").contains("300"), true);
        assertThat(twin.meter(1).reading().settings().unitId()).isEqualTo(1);
    }

    @Test
    void presetsPowerAndScreenshots() throws IOException {
        browser.findElement(By.cssSelector("[data-preset=ev]")).click();
        await("EV charging, 3 x 16 A", () -> text("val-current-l2"), "16.00");
        assertThat(text("val-active-power")).isEqualTo("11.040");

        browser.findElement(By.id("power-toggle")).click();
        await("the meter is off", () -> attribute("meter", "data-powered"), "false");
        assertThat(text("lcd-text")).isEmpty();
        assertThat(twin.meter(1).reading().powered()).isFalse();

        browser.findElement(By.id("power-toggle")).click();
        awaitSame(
                "the meter is on again",
                () -> text("lcd-text"),
                () -> twin.meter(1).reading().lcd().page().text());
        assertThat(twin.meter(1).reading().powerCounter()).isEqualTo(2);

        browser.findElement(By.cssSelector("[data-preset=household]")).click();
        browser.findElement(By.id("tariff-input-T2")).click();
        await("household load", () -> text("val-current-l1"), "10.00");
        await("T2", () -> attribute("tariff-led", "data-state"), "on");
        browser.executeScript("window.scrollTo(0, 0)");
        Chromium.saveFullPage(browser, SCREENSHOT);
        assertThat(SCREENSHOT).isNotEmptyFile();

        // a phone: one column, nothing wider than the screen
        Chromium.emulatePhone(browser, new Dimension(390, 844));
        try {
            await(
                    "one column",
                    () -> (Boolean)
                            browser.executeScript(
                                    "return getComputedStyle(document.querySelector('main')).gridTemplateColumns.split(' ').length === 1"),
                    true);
            Long overflow = (Long) browser.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow).as("page wider than a phone's screen").isZero();
            Chromium.saveFullPage(browser, PHONE_SCREENSHOT);
        } finally {
            Chromium.emulatePhone(browser, null);
        }
    }
}
