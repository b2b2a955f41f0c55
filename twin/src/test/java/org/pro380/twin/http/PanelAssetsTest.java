package org.pro380.twin.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The front panel's files as the twin serves them: types, caching, what may not be reached. */
class PanelAssetsTest extends ServerTestBase {

    private static final Pattern LINK = Pattern.compile("(?:src|href)=\"([^\"]*)\"");

    @ParameterizedTest
    @ValueSource(strings = {"/", "/fleet"})
    void thePagesAreServedWithTheirHeaders(String path) {
        HttpResponse<String> page = client.get(path);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("ETag"))
                .hasValueSatisfying(v -> assertThat(v).matches("\"[0-9a-f]{24}\""));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        v -> assertThat(v).startsWith("default-src 'self'").contains("connect-src 'self'"));
        assertThat(page.body()).startsWith("<!doctype html>").contains("name=\"viewport\"");
    }

    @ParameterizedTest
    @CsvSource({"/, /panel/panel.js", "/fleet, /panel/fleet.js"})
    void everyFileAPageLinksIsServedWithItsType(String path, String script) {
        String page = client.get(path).body();
        Map<String, String> types = Map.of(
                "css", "text/css; charset=utf-8",
                "js", "text/javascript; charset=utf-8",
                "svg", "image/svg+xml");

        List<String> files =
                links(page).stream().filter(l -> l.startsWith("/panel/")).toList();

        assertThat(files).contains("/panel/panel.css", script, "/panel/icon.svg");
        for (String file : files) {
            HttpResponse<String> response = client.get(file);
            String extension = file.substring(file.lastIndexOf('.') + 1);
            assertThat(response.statusCode()).as(file).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(file).hasValue(types.get(extension));
            assertThat(response.headers().firstValue("Cache-Control")).as(file).hasValue("no-cache");
            assertThat(response.headers().firstValue("ETag")).as(file).isPresent();
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .as(file)
                    .isEmpty();
        }
    }

    @Test
    void nothingIsLoadedFromAnotherHost() {
        for (String path : List.of("/", "/fleet")) {
            String page = client.get(path).body();
            assertThat(links(page))
                    .allSatisfy(link -> assertThat(link).as("link in " + path).startsWith("/"));
        }
        for (String file : List.of(
                "/panel/panel.css",
                "/panel/panel.js",
                "/panel/uplot.js",
                "/panel/uplot.css",
                "/panel/chart.js",
                "/panel/lcd.js",
                "/panel/phases.js",
                "/panel/fleet.js")) {
            // a library's banner comment (/*! ... */) names its home; it loads nothing
            String body = client.get(file).body().replaceAll("(?s)/\\*!.*?\\*/", "");
            assertThat(body).as(file).doesNotContain("http://", "https://", "url(//", "@import");
        }
    }

    @Test
    void aCurrentCopyIsNotSentAgain() {
        HttpResponse<String> first = client.get("/panel/panel.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> same =
                client.send(client.request("/panel/panel.js").header("If-None-Match", etag));
        HttpResponse<String> listed =
                client.send(client.request("/panel/panel.js").header("If-None-Match", "\"0000\", W/" + etag));
        HttpResponse<String> other =
                client.send(client.request("/panel/panel.js").header("If-None-Match", "\"0000\""));

        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(same.headers().firstValue("ETag")).hasValue(etag);
        assertThat(listed.statusCode()).isEqualTo(304);
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).isEqualTo(first.body());
    }

    @Test
    void notModifiedKeepsTheConnectionForTheNextRequest() throws IOException {
        String etag = client.get("/panel/chart.js").headers().firstValue("ETag").orElseThrow();
        String conditional = "GET /panel/chart.js HTTP/1.1\r\nHost: 127.0.0.1\r\nIf-None-Match: " + etag + "\r\n\r\n";
        String last = "GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

        String replies = exchange(conditional + last);

        assertThat(replies).startsWith("HTTP/1.1 304 Not Modified");
        assertThat(replies.indexOf("HTTP/1.1 200 OK")).isEqualTo(replies.indexOf("\r\n\r\n") + 4);
        assertThat(replies).endsWith("}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/panel/missing.js",
                "/panel/",
                "/panel/.hidden.css",
                "/panel/panel",
                "/panel/org/pro380/twin/http/Router.class",
                "/panel/%2e%2e/org/pro380/twin/Twin.class",
                "/panel/..%2fpom.xml",
                "/panel/a//b.js",
                "/panel/index.html/"
            })
    void whatIsNotAPanelFileIsNotFound(String path) throws IOException {
        String reply = exchange("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(reply).startsWith("HTTP/1.1 404").contains("{\"error\":");
    }

    @Test
    void changesAreNotAllowed() {
        HttpResponse<String> put = client.put("/panel/panel.js", "{}");

        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void onlyKnownTypesUnderThePanelFolderAreServed(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("panel/sub"));
        Files.writeString(root.resolve("panel/index.html"), "<!doctype html>");
        Files.writeString(root.resolve("panel/sub/style.css"), "body{}");
        Files.writeString(root.resolve("panel/notes.md"), "# notes");
        Files.writeString(root.resolve("secret.txt"), "secret");
        try (java.net.URLClassLoader loader =
                new java.net.URLClassLoader(new java.net.URL[] {root.toUri().toURL()}, null)) {
            PanelAssets assets = new PanelAssets(loader);

            assertThat(new String(assets.index().body(), US_ASCII)).isEqualTo("<!doctype html>");
            assertThat(assets.asset("/panel/sub/style.css").contentType()).isEqualTo("text/css; charset=utf-8");
            assertThat(status(() -> assets.asset("/panel/notes.md"))).isEqualTo(404);
            assertThat(status(() -> assets.asset("/panel/../secret.txt"))).isEqualTo(404);
            assertThat(status(() -> assets.asset("/elsewhere/sub/style.css"))).isEqualTo(404);
        }
    }

    @Test
    void notModifiedLeavesOtherAnswersAlone() {
        ApiResponse json = ApiResponse.json(200, Json.MAPPER.createObjectNode());
        ApiResponse tagged = new ApiResponse(200, "text/css", new byte[] {1, 2, 3}, Map.of("ETag", "\"abc\""));

        assertThat(PanelAssets.notModified(json, Optional.of("*"))).isSameAs(json);
        assertThat(PanelAssets.notModified(tagged, Optional.empty())).isSameAs(tagged);
        assertThat(PanelAssets.notModified(tagged, Optional.of("\"abd\""))).isSameAs(tagged);
        ApiResponse notModified = PanelAssets.notModified(tagged, Optional.of("*"));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.headers()).containsEntry("Content-Length", "3");
    }

    private interface Call {
        ApiResponse run() throws ApiException;
    }

    private static int status(Call call) {
        try {
            return call.run().status();
        } catch (ApiException e) {
            return e.status();
        }
    }

    private static List<String> links(String html) {
        Matcher m = LINK.matcher(html);
        List<String> links = new java.util.ArrayList<>();
        while (m.find()) {
            links.add(m.group(1));
        }
        return links;
    }
}
