package org.pro380.twin.panel;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven through the system's chromedriver (Debian packages chromium and
 * chromium-driver). Both paths are given to Selenium, so Selenium Manager never runs and nothing is
 * downloaded. Missing binaries fail the test under CI (CI=true) and skip it elsewhere.
 * {@code PRO380_CHROMIUM} and {@code PRO380_CHROMEDRIVER} point to other binaries.
 */
final class Chromium {

    static final Path BROWSER = fromEnv("PRO380_CHROMIUM").orElse(Path.of("/usr/bin/chromium"));
    static final Path DRIVER = fromEnv("PRO380_CHROMEDRIVER").orElse(Path.of("/usr/bin/chromedriver"));

    /** Held so that the level set on it is not lost when an unreferenced logger is collected. */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    private Chromium() {
    }

    private static Optional<Path> fromEnv(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank()).map(Path::of);
    }

    /** Fails under CI, skips elsewhere, unless both the browser and its driver are there. */
    static void requireInstalled() {
        boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        String missing = BROWSER + " and " + DRIVER + " are needed (apt-get install chromium chromium-driver)";
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail(missing);
        }
        assumeTrue(installed, missing);
    }

    /** A fresh headless browser with its own profile in {@code profile}, its window {@code width} x {@code height}. */
    static ChromeDriver start(Path profile, int width, int height) {
        requireInstalled();
        // without a selenium-devtools jar Selenium warns that it has no CDP binding; none is used
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(20))
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                        "--user-data-dir=" + profile.toAbsolutePath(),
                        "--window-size=" + width + "," + height, "--force-device-scale-factor=1");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(15)).scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    /** Makes the page a phone's: a narrow viewport with touch, as DevTools' device mode does; {@code null} undoes it. */
    static void emulatePhone(ChromeDriver driver, Dimension screen) {
        if (screen == null) {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            return;
        }
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", screen.getWidth(), "height", screen.getHeight(), "deviceScaleFactor", 1, "mobile", true));
    }

    /** A PNG of the whole page, below the window's bottom edge too (DevTools Page.captureScreenshot). */
    static void saveFullPage(ChromeDriver driver, Path png) throws IOException {
        Map<String, Object> size = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) size.get("cssContentSize");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "scale", 1,
                        "width", ((Number) content.get("width")).doubleValue(),
                        "height", ((Number) content.get("height")).doubleValue())));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode((String) shot.get("data")));
    }
}
