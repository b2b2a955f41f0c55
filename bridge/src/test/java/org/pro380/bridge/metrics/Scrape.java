package org.pro380.bridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.pro380.testkit.ExternalTool;

/** A scrape of a {@code /metrics} page in a test: the series by their whole name and labels, and promtool's verdict. */
public record Scrape(String text, Map<String, Double> series) {

    public static Scrape of(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        return parse(response.body());
    }

    public static Scrape of(InetSocketAddress address) throws IOException, InterruptedException {
        return of("http://127.0.0.1:" + address.getPort() + "/metrics");
    }

    static Scrape parse(String text) {
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return new Scrape(text, series);
    }

    public Double value(String seriesName) {
        assertThat(series).as("series " + seriesName + " in\n" + text).containsKey(seriesName);
        return series.get(seriesName);
    }

    /** Runs {@code promtool check metrics} on the page; asserts that it finds no problem. */
    public void passesPromtool(Path dir) throws IOException, InterruptedException {
        Path promtool = ExternalTool.require("promtool", "prometheus");
        Path page = dir.resolve("metrics-" + System.nanoTime() + ".txt");
        Files.writeString(page, text, StandardCharsets.UTF_8);
        Path out = dir.resolve("promtool.txt");
        Process p = new ProcessBuilder(List.of(promtool.toString(), "check", "metrics"))
                .redirectInput(page.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String verdict = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(verdict).isZero();
        assertThat(verdict).isBlank();
    }
}
