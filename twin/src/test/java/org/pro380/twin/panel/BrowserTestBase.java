package org.pro380.twin.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.pro380.testkit.BrowserPage;
import org.pro380.testkit.Chromium;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.TwinStartException;

/**
 * A headless Chromium for the test class, a twin running in this process for each test, and the
 * helpers that read the page and wait for it. After each test the browser's console must hold no
 * errors; the page is left before its twin stops.
 */
abstract class BrowserTestBase {

    @TempDir
    static Path profile;

    static ChromeDriver browser;
    Twin twin;

    @BeforeAll
    static void startBrowser() {
        if (Chromium.installed()) {
            browser = Chromium.start(profile, 1400, 1100);
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    /** Starts a twin of {@code config} and opens {@code path} (with its query) on its control API. */
    void open(TwinConfig config, String path) throws TwinStartException {
        Chromium.requireInstalled();
        twin = Twin.start(config);
        browser.get(url(path));
    }

    String url(String path) {
        InetSocketAddress http = twin.httpAddress().orElseThrow();
        return "http://127.0.0.1:" + http.getPort() + path;
    }

    @AfterEach
    void closePageThenTwin() {
        try {
            if (browser != null) {
                assertThat(Chromium.leave(browser))
                        .as("errors in the browser's console")
                        .isEmpty();
            }
        } finally {
            if (twin != null) {
                twin.close();
            }
        }
    }

    String text(String id) {
        return new BrowserPage(browser).text(id);
    }

    String attribute(String id, String name) {
        return new BrowserPage(browser).attribute(id, name);
    }

    /** Replaces the field's text by typing, as a person would: select all, then type. */
    void type(String id, String text) {
        new BrowserPage(browser).type(id, text);
    }

    void submit(String fieldId) {
        new BrowserPage(browser).submit(fieldId);
    }

    static <T> void await(String what, Supplier<T> actual, T expected) {
        BrowserPage.await(what, actual, expected);
    }

    static <T> void awaitSame(String what, Supplier<T> actual, Supplier<T> expected) {
        BrowserPage.awaitSame(what, actual, expected);
    }
}
