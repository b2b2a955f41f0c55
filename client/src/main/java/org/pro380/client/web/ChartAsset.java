package org.pro380.client.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;

/**
 * The files the web pages share, served by each from this jar (never from elsewhere): the charts
 * of the twin's panel, the bridge's page and {@code pro380 ui} (uPlot's script and style from its
 * webjar, and {@code chart.js}, the one chart code they use), and the panel's look and parts
 * ({@code panel.css}, the icon {@code icon.svg}, the LCD {@code lcd.js} and the table of values
 * per phase {@code phases.js}), which the twin's panel and {@code pro380 ui} share.
 */
public enum ChartAsset {
    UPLOT_JS("uplot.js", webjar("dist/uPlot.iife.min.js"), "text/javascript; charset=utf-8"),
    UPLOT_CSS("uplot.css", webjar("dist/uPlot.min.css"), "text/css; charset=utf-8"),
    CHART_JS("chart.js", "org/pro380/client/web/chart.js", "text/javascript; charset=utf-8"),
    LCD_JS("lcd.js", "org/pro380/client/web/lcd.js", "text/javascript; charset=utf-8"),
    PHASES_JS("phases.js", "org/pro380/client/web/phases.js", "text/javascript; charset=utf-8"),
    PANEL_CSS("panel.css", "org/pro380/client/web/panel.css", "text/css; charset=utf-8"),
    ICON("icon.svg", "org/pro380/client/web/icon.svg", "image/svg+xml");

    private final String fileName;
    private final String resource;
    private final String contentType;

    ChartAsset(String fileName, String resource, String contentType) {
        this.fileName = fileName;
        this.resource = resource;
        this.contentType = contentType;
    }

    /** The name a page links it by, beside its other files: {@code uplot.js}. */
    public String fileName() {
        return fileName;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<ChartAsset> named(String fileName) {
        return Arrays.stream(values()).filter(a -> a.fileName.equals(fileName)).findFirst();
    }

    public byte[] bytes() {
        try (InputStream in = ChartAsset.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(resource + " cannot be read", e);
        }
    }

    /** A file of the uPlot webjar, at the version the build put on the class path. */
    private static String webjar(String file) {
        return "META-INF/resources/webjars/uplot/" + Webjar.VERSION + "/" + file;
    }

    private static final class Webjar {
        static final String VERSION = version();

        private static String version() {
            Properties pom = new Properties();
            try (InputStream in = ChartAsset.class
                    .getClassLoader()
                    .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
                if (in == null) {
                    throw new IllegalStateException("the uPlot webjar is missing from the class path");
                }
                pom.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("the uPlot webjar cannot be read", e);
            }
            return pom.getProperty("version");
        }
    }
}
