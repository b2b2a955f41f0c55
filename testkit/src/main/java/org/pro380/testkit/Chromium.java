package org.pro380.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Headless Chromium driven through the system's chromedriver (Debian packages chromium and
 * chromium-driver). Both paths are given to Selenium, so Selenium Manager never runs and nothing is
 * downloaded. Missing binaries fail the test under CI (CI=true) and skip it elsewhere.
 * {@code PRO380_CHROMIUM} and {@code PRO380_CHROMEDRIVER} point to other binaries. A module that
 * uses it declares selenium-chrome-driver among its test dependencies (the testkit has it as optional).
 */
public final class Chromium {

    public static final Path BROWSER = fromEnv("PRO380_CHROMIUM").orElse(Path.of("/usr/bin/chromium"));
    public static final Path DRIVER = fromEnv("PRO380_CHROMEDRIVER").orElse(Path.of("/usr/bin/chromedriver"));

    /** Held so that the level set on it is not lost when an unreferenced logger is collected. */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    private Chromium() {}

    private static Optional<Path> fromEnv(String name) {
        return Optional.ofNullable(System.getenv(name))
                .filter(v -> !v.isBlank())
                .map(Path::of);
    }

    /** Whether both the browser and its driver are there. */
    public static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    /** Fails under CI, skips the test elsewhere, unless both the browser and its driver are there. */
    public static void requireInstalled() {
        ExternalTool.require(BROWSER.toString(), "chromium");
        ExternalTool.require(DRIVER.toString(), "chromium-driver");
    }

    /** A fresh headless browser with its own profile in {@code profile}, its window {@code width} x {@code height}. */
    public static ChromeDriver start(Path profile, int width, int height) {
        // without a selenium-devtools jar Selenium warns that it has no CDP binding; none is used
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(20))
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--no-default-browser-check",
                        "--disable-extensions",
                        "--user-data-dir=" + profile.toAbsolutePath(),
                        "--window-size=" + width + "," + height,
                        "--force-device-scale-factor=1");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(15)).scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    /**
     * What the page wrote to the console at level SEVERE since the last call: script errors,
     * refused loads (Content-Security-Policy), missing files. Refusals of the control API that a
     * test provokes are left out.
     */
    public static List<String> consoleErrors(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !(m.contains("/api/") && m.contains("status of 4")))
                .toList();
    }

    /** Leaves the page for a blank one and answers the console errors it wrote ({@link #consoleErrors}). */
    public static List<String> leave(ChromeDriver driver) {
        List<String> errors = consoleErrors(driver);
        driver.get("about:blank");
        return errors;
    }

    /** Makes the page a phone's: a narrow viewport with touch, as DevTools' device mode does; {@code null} undoes it. */
    public static void emulatePhone(ChromeDriver driver, Dimension screen) {
        if (screen == null) {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            return;
        }
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of(
                        "width",
                        screen.getWidth(),
                        "height",
                        screen.getHeight(),
                        "deviceScaleFactor",
                        1,
                        "mobile",
                        true));
    }

    /** A PNG of the whole page, below the window's bottom edge too (DevTools Page.captureScreenshot). */
    public static void saveFullPage(ChromeDriver driver, Path png) throws IOException {
        // the window's width: capturing beyond the viewport drops the scrollbar, so the page is laid out wider
        Number width = (Number) driver.executeScript("return window.innerWidth");
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of(
                                "x",
                                0,
                                "y",
                                0,
                                "scale",
                                1,
                                "width",
                                width.doubleValue(),
                                "height",
                                height.doubleValue())));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode((String) shot.get("data")));
    }
}
