package org.pro380.twin.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.pro380.meter.Load;
import org.pro380.meter.PhaseLoad;
import org.pro380.registers.Registers;
import org.pro380.testkit.Chromium;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.TwinMeter;
import org.pro380.twin.TwinStartException;

/**
 * The fleet page in a real browser, on a site of 60 meters on buses of 25: the rows, the live
 * totals, sorting by a column, paging, and the link from a row to that meter's face and back.
 */
@Timeout(60)
class FleetBrowserTest extends BrowserTestBase {

    private static final int METERS = 60;
    private static final Path SCREENSHOT = Path.of("target", "fleet-e2e.png");
    private static final PhaseLoad SIXTEEN = PhaseLoad.importing(230, 16, 1);
    private static final Load EV = new Load(50, List.of(SIXTEEN, SIXTEEN, SIXTEEN));

    @TempDir
    Path state;

    @BeforeEach
    void openFleet() throws TwinStartException {
        open(
                TwinConfig.forTests(state)
                        .tcp(null)
                        .rtuTcp(null)
                        .meters(METERS)
                        .busSize(25)
                        .build(),
                "/fleet");
        await("the list is live", () -> text("link"), "live");
    }

    @Test
    void firstPageListsTheMetersAndTheTotalsAreLive() {
        assertThat(rowIndexes())
                .isEqualTo(IntStream.rangeClosed(1, METERS).boxed().toList());
        List<String> thirtieth = cells(30);
        assertThat(thirtieth.subList(0, 6))
                .containsExactly(
                        "30",
                        "2",
                        "5",
                        String.valueOf(twin.meter(30).reading().identity().serialNumber()),
                        "on",
                        String.format(Locale.ROOT, "%.3f", activePower(twin.meter(30))));
        assertThat(thirtieth.get(6)).matches("\\d+\\.\\d\\d");
        assertThat(text("total-meters")).isEqualTo("60");
        assertThat(text("total-powered")).isEqualTo("60");
        awaitSame("total power", () -> text("total-power"), () -> String.format(Locale.ROOT, "%.3f", totalPower()));

        twin.meters().forEach(m -> m.setLoad(EV));
        twin.meter(2).setPower(false);

        // 59 meters at 3 x 230 V x 16 A = 11.04 kW
        await("the total follows the site", () -> text("total-power"), "651.360");
        assertThat(text("total-powered")).isEqualTo("59");
        await("meter 2 shows no power", () -> cells(2).get(4), "off");
        assertThat(rowClass(2)).isEqualTo("off");
    }

    @Test
    void sortingIsOverTheWholeSiteAndPagesFollow() throws IOException {
        browser.findElement(By.xpath("//select[@id='page-size']/option[.='25']"))
                .click();
        await("25 rows", () -> rowIndexes().size(), 25);
        assertThat(text("range")).isEqualTo("1–25 of 60");
        assertThat(text("page")).isEqualTo("page 1 of 3");

        browser.findElement(By.cssSelector("th[data-sort=activePower] button")).click();
        Comparator<TwinMeter> ascending = Comparator.comparingDouble(FleetBrowserTest::activePower);
        List<Integer> byPower = sorted(ascending.reversed());
        List<Integer> byPowerAscending = sorted(ascending);
        awaitSame("the 25 meters of highest power", this::rowIndexes, () -> byPower.subList(0, 25));
        assertThat(browser.findElement(By.cssSelector("th[data-sort=activePower]"))
                        .getDomAttribute("aria-sort"))
                .isEqualTo("descending");
        assertThat(browser.getCurrentUrl()).endsWith("/fleet?offset=0&limit=25&sort=activePower&order=desc");
        browser.executeScript("window.scrollTo(0, 0)");
        Chromium.saveFullPage(browser, SCREENSHOT);
        assertThat(SCREENSHOT).isNotEmptyFile();

        browser.findElement(By.id("page-next")).click();
        awaitSame("the next 25", this::rowIndexes, () -> byPower.subList(25, 50));
        assertThat(text("range")).isEqualTo("26–50 of 60");

        browser.findElement(By.id("page-last")).click();
        awaitSame("the last 10", this::rowIndexes, () -> byPower.subList(50, 60));
        assertThat(browser.findElement(By.id("page-next")).isEnabled()).isFalse();

        browser.findElement(By.cssSelector("th[data-sort=activePower] button")).click();
        awaitSame(
                "the 25 meters of lowest power, back on page 1",
                this::rowIndexes,
                () -> byPowerAscending.subList(0, 25));
        assertThat(text("range")).isEqualTo("1–25 of 60");
    }

    @Test
    void aRowLeadsToItsMetersFaceAndBack() {
        Load firstBefore = twin.meter(1).load();
        browser.findElement(By.cssSelector("#meters tbody tr[data-index='27'] a"))
                .click();

        await("meter 27's face is live", () -> text("link"), "live");
        assertThat(browser.getCurrentUrl()).endsWith("/?meter=27");
        assertThat(text("meter-place")).isEqualTo("meter 27 · bus 2");
        assertThat(text("serial"))
                .isEqualTo(String.valueOf(twin.meter(27).reading().identity().serialNumber()));
        assertThat(browser.getTitle()).endsWith("meter 27");

        browser.findElement(By.cssSelector("[data-preset=ev]")).click();
        await("meter 27 takes the load", () -> twin.meter(27).load(), EV);
        await("its face shows it", () -> text("val-current-l2"), "16.00");
        assertThat(twin.meter(1).load()).isEqualTo(firstBefore);

        assertThat(text("fleet-link")).isEqualTo("All 60 meters");
        browser.findElement(By.id("fleet-link")).click();
        await("the fleet page is live", () -> text("link"), "live");
        assertThat(rowIndexes()).hasSize(METERS);
    }

    @Test
    void aMeterThatIsNotThereIsSaidSo() {
        type("goto-meter", "61");
        submit("goto-meter");
        await("the page says why", () -> text("message"), "no meter \"61\": the meters of this site are 1 to 60");

        browser.get(url("/?meter=61"));
        await("the face says so", () -> text("link"), "no such meter");
        assertThat(text("message")).isEqualTo("no meter \"61\": the meters of this site are 1 to 60");
    }

    @Test
    void onAPhoneOnlyTheTableScrolls() {
        Chromium.emulatePhone(browser, new Dimension(390, 844));
        try {
            await("the rows are there", () -> rowIndexes().size(), METERS);
            Long overflow = (Long) browser.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow).as("page wider than a phone's screen").isZero();
        } finally {
            Chromium.emulatePhone(browser, null);
        }
    }

    /** The meters in this order, ties by index. */
    private List<Integer> sorted(Comparator<TwinMeter> order) {
        return twin.meters().stream()
                .sorted(order.thenComparingInt(TwinMeter::index))
                .map(TwinMeter::index)
                .toList();
    }

    /** The meters of the rows, read in one go (a poll may replace rows between two reads of the driver). */
    @SuppressWarnings("unchecked")
    private List<Integer> rowIndexes() {
        List<Long> indexes = (List<Long>) browser.executeScript(
                "return [...document.querySelectorAll('#meters tbody tr')].map(r => Number(r.dataset.index))");
        return indexes.stream().map(Long::intValue).toList();
    }

    /** The texts of a meter's row, read in one go; empty if the page does not show it. */
    @SuppressWarnings("unchecked")
    private List<String> cells(int index) {
        return (List<String>) browser.executeScript(
                "const row = document.querySelector(`#meters tbody tr[data-index='${arguments[0]}']`);"
                        + " return row ? [...row.cells].map(c => c.textContent) : [];",
                index);
    }

    private String rowClass(int index) {
        return (String) browser.executeScript(
                "return document.querySelector(`#meters tbody tr[data-index='${arguments[0]}']`).className", index);
    }

    private double totalPower() {
        return twin.meters().stream()
                .filter(m -> m.meter().powered())
                .mapToDouble(FleetBrowserTest::activePower)
                .sum();
    }

    private static double activePower(TwinMeter meter) {
        return (Double) meter.reading().value(Registers.ACTIVE_POWER);
    }
}
