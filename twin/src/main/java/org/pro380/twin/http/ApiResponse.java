package org.pro380.twin.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One HTTP answer as the router produces it, free of Netty types.
 *
 * @param status HTTP status code
 * @param contentType the Content-Type header
 * @param body the whole body
 * @param headers further headers (Allow, WWW-Authenticate, ...)
 * @param events for the opening of an event stream, where its further events come from (see
 *     {@link StateEvents}); empty for a whole answer
 */
record ApiResponse(
        int status, String contentType, byte[] body, Map<String, String> headers, Optional<Supplier<JsonNode>> events) {

    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    ApiResponse {
        headers = Map.copyOf(headers);
    }

    /** A whole answer. */
    ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, Optional.empty());
    }

    static ApiResponse json(int status, JsonNode document) {
        return new ApiResponse(status, JSON, Json.bytes(document), Map.of());
    }

    static ApiResponse text(int status, String text) {
        return new ApiResponse(status, TEXT, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** {@code {"error": "..."}}, the message folded onto one line. */
    static ApiResponse error(int status, String message, Map<String, String> headers) {
        String line = message == null || message.isBlank() ? "error" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return new ApiResponse(
                status, JSON, Json.bytes(Json.MAPPER.createObjectNode().put("error", line)), headers);
    }

    static ApiResponse error(ApiException e) {
        return error(e.status(), e.getMessage(), e.headers());
    }
}
