package org.pro380.testkit;

import java.time.Duration;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A page in a {@link Chromium} as a person uses it, by element id: read a text, type into a
 * field, submit its form, click; and waiting for what the page shows, by polling it.
 */
public final class BrowserPage {

    public static final Duration WAIT = Duration.ofSeconds(8);

    private final ChromeDriver browser;

    public BrowserPage(ChromeDriver browser) {
        this.browser = browser;
    }

    /** The element's text; asked again if the page replaced the element in between (a live page redraws). */
    public String text(String id) {
        try {
            return browser.findElement(By.id(id)).getText();
        } catch (StaleElementReferenceException e) {
            return browser.findElement(By.id(id)).getText();
        }
    }

    public String attribute(String id, String name) {
        return browser.findElement(By.id(id)).getDomAttribute(name);
    }

    /** Replaces the field's text by typing, as a person would: select all, then type. */
    public void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
    }

    public void click(String id) {
        browser.findElement(By.id(id)).click();
    }

    /** Clicks the submit button of the form the field is in. */
    public void submit(String fieldId) {
        browser.findElement(By.id(fieldId))
                .findElement(By.xpath("./ancestor::form//button[@type='submit']"))
                .click();
    }

    public static <T> void await(String what, Supplier<T> actual, T expected) {
        awaitSame(what, actual, () -> expected);
    }

    /**
     * Polls until {@code actual} equals {@code expected} (both asked again each time, for a target
     * that moves), or fails with the last value seen.
     */
    public static <T> void awaitSame(String what, Supplier<T> actual, Supplier<T> expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T seen;
        T wanted;
        do {
            seen = actual.get();
            wanted = expected.get();
            if (seen.equals(wanted)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError(
                what + ": expected <" + wanted + "> within " + WAIT.toSeconds() + " s, last saw <" + seen + ">");
    }
}
