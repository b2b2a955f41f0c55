package org.pro380.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Strict reading of one JSON object (a request body, a profile's point): every field must be one
 * of the expected ones, and each has the JSON type asked for. A missing or mistyped field is a
 * {@link JsonFieldException} that names it by its path in the document ({@code phases[1].voltage});
 * the twin's control API answers it with a 400.
 */
public final class JsonFields {

    private static final int SHOWN_CHARS = 40;

    private final JsonNode node;
    private final String where;

    private JsonFields(JsonNode node, String where) {
        this.node = node;
        this.where = where;
    }

    /**
     * The object {@code node}, found at {@code where} in the body ("" for the body itself), which
     * may hold only the {@code expected} fields.
     */
    public static JsonFields of(JsonNode node, String where, List<String> expected) {
        if (node == null || !node.isObject()) {
            throw new JsonFieldException(
                    (where.isEmpty() ? "the body" : where) + " must be a JSON object, got " + describe(node));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!expected.contains(name)) {
                throw new JsonFieldException("unknown field \"" + name + "\"" + (where.isEmpty() ? "" : " in " + where)
                        + "; expected " + String.join(", ", expected));
            }
        }
        return new JsonFields(node, where);
    }

    /** The path of a field for messages: {@code frequency}, {@code phases[0].voltage}. */
    public String path(String field) {
        return where.isEmpty() ? field : where + "." + field;
    }

    public double number(String field) {
        JsonNode value = required(field);
        if (!value.isNumber()) {
            throw wrongType(field, "a number", value);
        }
        return value.doubleValue();
    }

    /** A whole number that fits an int; 25 and 25.0 are both 25. */
    public int integer(String field) {
        JsonNode value = required(field);
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToInt()) {
            throw wrongType(field, "a whole number", value);
        }
        return value.intValue();
    }

    public boolean bool(String field) {
        JsonNode value = required(field);
        if (!value.isBoolean()) {
            throw wrongType(field, "true or false", value);
        }
        return value.booleanValue();
    }

    public boolean bool(String field, boolean ifAbsent) {
        return node.has(field) ? bool(field) : ifAbsent;
    }

    public String text(String field) {
        JsonNode value = required(field);
        if (!value.isTextual()) {
            throw wrongType(field, "a string", value);
        }
        return value.textValue();
    }

    /** The elements of an array field. */
    public List<JsonNode> array(String field) {
        JsonNode value = required(field);
        if (!value.isArray()) {
            throw wrongType(field, "an array", value);
        }
        return value.valueStream().toList();
    }

    private JsonNode required(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new JsonFieldException("missing field \"" + path(field) + "\"");
        }
        return value;
    }

    private JsonFieldException wrongType(String field, String expected, JsonNode got) {
        return new JsonFieldException(path(field) + " must be " + expected + ", got " + describe(got));
    }

    /** A JSON value for a message: its type and, if short, the value itself. */
    public static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        String type = node.getNodeType().name().toLowerCase(Locale.ROOT);
        if (node.isContainerNode()) {
            return "an " + (node.isArray() ? "array" : "object");
        }
        String text = node.toString();
        return (text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...") + " (" + type + ")";
    }
}
