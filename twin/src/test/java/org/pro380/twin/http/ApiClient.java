package org.pro380.twin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/** java.net.http against a control API on 127.0.0.1, HTTP/1.1 only. */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;
    private final int port;

    ApiClient(int port) {
        this.port = port;
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    HttpResponse<String> put(String path, String body) {
        return send(request(path).PUT(BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
    }

    HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    HttpResponse<String> post(String path, String body) {
        return send(request(path).POST(BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
    }

    JsonNode state() {
        HttpResponse<String> response = get("/api/state");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /api/state answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** The "error" of an error answer; fails unless it is one line of JSON without a stack trace. */
    static String error(HttpResponse<String> response) {
        JsonNode body = json(response);
        if (!body.isObject() || body.size() != 1 || !body.path("error").isTextual()) {
            throw new AssertionError("expected {\"error\": \"...\"}, got " + response.body());
        }
        String error = body.get("error").textValue();
        if (error.isBlank() || error.contains("\n") || error.contains("Exception") || error.contains("\tat ")) {
            throw new AssertionError("error is not one clear line: " + error);
        }
        return error;
    }
}
