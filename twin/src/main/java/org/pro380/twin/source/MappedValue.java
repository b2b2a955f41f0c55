package org.pro380.twin.source;

import com.fasterxml.jackson.databind.JsonNode;

/** One quantity of a source map: a JSON path into the message (times a scale), or a constant. */
sealed interface MappedValue permits MappedValue.Constant, MappedValue.AtPath {

    /** The value in {@code message}; IllegalArgumentException when the path names nothing or no number. */
    double in(JsonNode message);

    record Constant(double value) implements MappedValue {
        @Override
        public double in(JsonNode message) {
            return value;
        }
    }

    record AtPath(JsonPath path, double scale) implements MappedValue {
        @Override
        public double in(JsonNode message) {
            JsonNode node =
                    path.find(message).orElseThrow(() -> new IllegalArgumentException(path + " is not in the message"));
            if (!node.isNumber()) {
                throw new IllegalArgumentException(path + " is " + node + ", not a number");
            }
            return node.asDouble() * scale;
        }
    }

    /** "$.path", {"path": "$.path", "scale": 0.001} or a number; IllegalArgumentException names {@code where}. */
    static MappedValue of(JsonNode node, String where) {
        if (node.isNumber()) {
            return new Constant(node.asDouble());
        }
        if (node.isTextual()) {
            return new AtPath(path(node.asText(), where), 1);
        }
        if (node.isObject()
                && node.path("path").isTextual()
                && node.size() <= 2
                && (node.size() == 1 || node.path("scale").isNumber())) {
            return new AtPath(
                    path(node.get("path").asText(), where), node.path("scale").asDouble(1));
        }
        throw new IllegalArgumentException(
                where + ": expected a JSON path, {\"path\": ..., \"scale\": n} or a number, got " + node);
    }

    private static JsonPath path(String text, String where) {
        try {
            return JsonPath.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }
}
