package org.pro380.twin.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A path into a JSON message, in the usual dotted form: {@code $} is the message, {@code .name}
 * or {@code ['name']} a field, {@code [n]} an element of an array, e.g. {@code $.ENERGY.Voltage[0]}
 * or {@code $['em:0'].a_voltage}. No wildcards or filters: a path names one value.
 */
public record JsonPath(String text, List<Object> steps) {

    public JsonPath {
        steps = List.copyOf(steps);
    }

    /** The path in {@code text}; IllegalArgumentException says where it goes wrong. */
    public static JsonPath parse(String text) {
        if (!text.startsWith("$")) {
            throw bad(text, "it must start with $");
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    throw bad(text, "an empty name at " + i);
                }
                steps.add(text.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw bad(text, "no ] for the [ at " + i);
                }
                steps.add(bracket(text, text.substring(i + 1, close)));
                i = close + 1;
            } else {
                throw bad(text, "expected . or [ at " + i);
            }
        }
        return new JsonPath(text, steps);
    }

    private static Object bracket(String text, String inside) {
        if (inside.length() >= 2 && inside.startsWith("'") && inside.endsWith("'")) {
            return inside.substring(1, inside.length() - 1);
        }
        try {
            int index = Integer.parseInt(inside);
            if (index >= 0) {
                return index;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw bad(text, "[" + inside + "] is neither an index >= 0 nor a 'name'");
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("bad JSON path \"" + text + "\": " + why);
    }

    /** The value the path names in {@code message}, if it is there. */
    public Optional<JsonNode> find(JsonNode message) {
        JsonNode node = message;
        for (Object step : steps) {
            node = step instanceof Integer index ? node.path(index) : node.path((String) step);
            if (node.isMissingNode()) {
                return Optional.empty();
            }
        }
        return node.isNull() ? Optional.empty() : Optional.of(node);
    }

    @Override
    public String toString() {
        return text;
    }
}
