package org.pro380.bridge.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** An HTTP answer: status, content type, body; the methods allowed, for a 405. Never cached: it is live. */
public record Reply(int status, String type, byte[] body, Optional<String> allow) {
    static final String JSON = "application/json; charset=utf-8";

    public static Reply of(int status, String type, byte[] body) {
        return new Reply(status, type, body, Optional.empty());
    }

    public static Reply json(int status, JsonNode node) {
        return of(status, JSON, (node.toString() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public static Reply error(int status, String message) {
        return json(status, JsonNodeFactory.instance.objectNode().put("error", message));
    }

    /** A 405 naming the methods the path takes. */
    public static Reply notAllowed(String allow, String message) {
        return new Reply(405, JSON, error(405, message).body(), Optional.of(allow));
    }
}
