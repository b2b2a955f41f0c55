package org.pro380.bridge.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** The UI's HTTP API as a test calls it: a status and a JSON body per call. */
final class UiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** An answer: its status, its body as text and as JSON (null if it is none). */
    record Answer(int status, String text, JsonNode json) {
        /** The body, after checking the status; the body is the failure's message otherwise. */
        JsonNode ok() {
            assertThat(status).as(text).isBetween(200, 299);
            return json;
        }

        String error() {
            return json.path("error").asText();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    UiClient(String url) {
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Answer post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Asks {@code path} until its JSON passes {@code done}; fails after 30 s with the last answer. */
    JsonNode awaitGet(String path, Predicate<JsonNode> done) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Answer last;
        do {
            last = get(path);
            if (last.json() != null && done.test(last.json())) {
                return last.json();
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " did not get there within " + WAIT.toSeconds() + " s: " + last.text());
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = JSON.readTree(r.body());
        } catch (IOException e) {
            json = null;
        }
        return new Answer(r.statusCode(), r.body(), json);
    }
}
