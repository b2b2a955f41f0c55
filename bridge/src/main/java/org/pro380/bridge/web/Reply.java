package org.pro380.bridge.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer: status, content type, body, and headers of its own (Allow of a 405). Never cached: it is live. */
public record Reply(int status, String type, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";

    public Reply {
        headers = Map.copyOf(headers);
    }

    public static Reply of(int status, String type, byte[] body) {
        return new Reply(status, type, body, Map.of());
    }

    public static Reply json(int status, JsonNode node) {
        return of(status, JSON, (node.toString() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public static Reply error(int status, String message) {
        return json(status, JsonNodeFactory.instance.objectNode().put("error", message));
    }

    /** A 405 naming the methods the path takes. */
    public static Reply notAllowed(String allow, String message) {
        return error(405, message).with("Allow", allow);
    }

    /** This reply with one more header. */
    public Reply with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, type, body, more);
    }
}
