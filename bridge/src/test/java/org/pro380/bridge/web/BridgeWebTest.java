package org.pro380.bridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.bridge.BridgeMeter;
import org.pro380.bridge.ReadingSink.GapCause;
import org.pro380.bridge.Snapshots;
import org.pro380.bridge.SqliteStore;
import org.pro380.testkit.ExternalTool;

/** The REST view and the live page over a database of made-up readings. */
class BridgeWebTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final BridgeMeter MAIN = new BridgeMeter("house", 1, "main");

    @TempDir
    Path dir;

    private BridgeWeb web;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Path file = dir.resolve("b.db");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try (SqliteStore store = SqliteStore.open(file, Duration.ofDays(400), clock)) {
            store.reading(MAIN, Snapshots.of(NOW.minus(Duration.ofHours(30)), 1.0));
            store.reading(MAIN, Snapshots.of(NOW.minusSeconds(120), 3.2f)); // an f32 as the meter holds it
            store.gap(MAIN, NOW.minusSeconds(60), GapCause.NO_REPLY, "no reply");
        }
        web = BridgeWeb.start(new InetSocketAddress("127.0.0.1", 0), new MeterView(file, clock));
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + web.address().getPort() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theMeterListShowsTheLastRowAndTheLastReading() throws Exception {
        HttpResponse<String> r = get("/api/meters");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode meters = new ObjectMapper().readTree(r.body());
        assertThat(meters).hasSize(1);
        JsonNode m = meters.get(0);
        assertThat(m.get("serial").asText()).isEqualTo("12345678");
        assertThat(m.get("name").asText()).isEqualTo("main");
        assertThat(m.at("/last/gap").asText()).isEqualTo("no_reply");
        assertThat(m.at("/last/time").asText()).isEqualTo("2026-06-01T11:59:00Z");
        assertThat(m.at("/reading/time").asText()).isEqualTo("2026-06-01T11:58:00Z");
        assertThat(m.at("/reading/values/forward-active-energy").asText())
                .as("the f32's shortest text")
                .isEqualTo("3.2");
        assertThat(m.at("/reading/values/direction-l1").asText()).isEqualTo("I");
    }

    @Test
    void oneMeterHasItsHistoryWithTheGapAsNull() throws Exception {
        JsonNode m = new ObjectMapper().readTree(get("/api/meters/12345678").body());
        assertThat(m.at("/history/time"))
                .extracting(JsonNode::asText)
                .containsExactly("2026-06-01T11:58:00Z", "2026-06-01T11:59:00Z");
        assertThat(m.at("/history/forward-active-energy").get(0).asText()).isEqualTo("3.2");
        assertThat(m.at("/history/forward-active-energy").get(1).isNull()).isTrue();
        JsonNode week =
                new ObjectMapper().readTree(get("/api/meters/12345678?hours=48").body());
        assertThat(week.at("/history/time")).hasSize(3);
    }

    @Test
    void wrongRequestsGetClearAnswers() throws Exception {
        assertThat(get("/api/meters/99999999").statusCode()).isEqualTo(404);
        assertThat(get("/api/meters/99999999").body()).contains("no meter with serial number 99999999");
        assertThat(get("/api/meters/12345678?hours=x").statusCode()).isEqualTo(400);
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + web.address().getPort() + "/api/meters"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void theLivePageNeedsNothingFromElsewhere() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
        assertThat(page.body()).contains("<title>pro380 bridge</title>", "/api/meters");
        assertThat(page.body()).as("nothing from another host").doesNotContain("http://", "https://", "url(");
        java.util.List<String> links = java.util.regex.Pattern.compile("(?:src|href)=\"([^\"]*)\"")
                .matcher(page.body())
                .results()
                .map(m -> m.group(1))
                .toList();
        assertThat(links).containsExactlyInAnyOrder("/assets/uplot.css", "/assets/uplot.js", "/assets/chart.js");
        for (String link : links) {
            HttpResponse<String> asset = get(link);
            assertThat(asset.statusCode()).as(link).isEqualTo(200);
            assertThat(asset.headers().firstValue("content-type").orElseThrow())
                    .as(link)
                    .startsWith(link.endsWith(".css") ? "text/css" : "text/javascript");
        }
        assertThat(get("/assets/chart.js").body()).contains("window.Pro380Chart");
        assertThat(get("/assets/nothing.js").statusCode()).isEqualTo(404);
    }

    @Test
    void theOpenApiDocumentListsEveryRouteOfTheView() throws Exception {
        HttpResponse<String> r = get("/api/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = new ObjectMapper().readTree(r.body());
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        java.util.List<String> paths = new java.util.ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths)
                .containsExactly(
                        "/",
                        "/index.html",
                        "/assets/{file}",
                        "/api/meters",
                        "/api/meters/{serial}",
                        "/api/openapi.json");
        for (String path : paths) {
            String example = path.replace("{file}", "chart.js").replace("{serial}", "12345678");
            assertThat(get(example).statusCode()).as(example).isEqualTo(200);
            assertThat(doc.get("paths").get(path).fieldNames()).toIterable().containsExactly("get");
        }
        assertThat(doc.at("/paths/~1api~1meters~1{serial}/get/parameters/0/name")
                        .asText())
                .isEqualTo("serial");
    }

    /** The page in a real browser (headless Chromium, its DOM after the scripts ran): a chart with both axes, from the database's history. */
    @Test
    void theLivePageDrawsEachMetersChartWithTimeAndValueAxesFromTheStoredHistory() throws Exception {
        Path chromium = ExternalTool.require("chromium", "chromium");
        Process browser = new ProcessBuilder(
                        chromium.toString(),
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--user-data-dir=" + dir.resolve("profile"),
                        "--virtual-time-budget=10000",
                        "--dump-dom",
                        "http://127.0.0.1:" + web.address().getPort() + "/")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String dom = new String(browser.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(browser.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(dom)
                .contains("id=\"chart-12345678\"", "data-axes=\"time,kW\"", "main: active power, last 24 h")
                .as("the reading and the gap of the last 24 h")
                .contains("data-points=\"2\"");
        assertThat(java.util.regex.Pattern.compile("class=\"u-axis\"")
                        .matcher(dom)
                        .results()
                        .count())
                .isEqualTo(2);
    }
}
