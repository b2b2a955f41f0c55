package org.pro380.profile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A profile as JSON: a list of points, each the body of {@code PUT /api/load} with an {@code "at"}
 * (seconds, or a time of day "06:30"), either bare or as
 * {@code {"period": "24h", "interpolate": true, "points": [...]}}.
 */
public final class ProfileJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("name", "period", "interpolate", "points");

    private ProfileJson() {}

    /** The profile in a file's {@code text}; errors name {@code source} and the line of the point. */
    public static Profile parse(String name, String source, String text) {
        JsonNode json;
        try {
            json = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ":" + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (json == null || json.isMissingNode()) {
            throw new IllegalArgumentException(source + ": empty (expected a list of points)");
        }
        String prefix = json.isArray() ? "" : "/points";
        return read(name, json, source + ": ", i -> source + ":" + line(text, prefix + "/" + i) + ": ");
    }

    /** A profile given inline (API body, config file); errors name the point as {@code points[2]}. */
    public static Profile read(String name, JsonNode json) {
        return read(name, json, "", i -> "points[" + i + "]: ");
    }

    private static Profile read(String name, JsonNode json, String where, IntFunction<String> atPoint) {
        JsonNode points = json;
        Duration period = Profile.DEFAULT_PERIOD;
        boolean interpolate = false;
        if (json.isObject()) {
            for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!FIELDS.contains(field)) {
                    throw new IllegalArgumentException(
                            where + field + ": unknown field; expected interpolate, name, " + "period, points");
                }
            }
            points = json.path("points");
            period = json.has("period") ? period(json.get("period"), where) : period;
            interpolate = json.has("interpolate") && interpolate(json.get("interpolate"), where);
            name = json.has("name") ? json.get("name").asText() : name;
        }
        if (!points.isArray() || points.isEmpty()) {
            throw new IllegalArgumentException(where + "expected a list of points, each a load with \"at\"");
        }
        List<ProfilePoint> read = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            try {
                ProfilePoint point = point(points.get(i));
                Offsets.check(point.offset(), read, period);
                read.add(point);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(atPoint.apply(i) + e.getMessage());
            }
        }
        return new Profile(name, read, period, interpolate);
    }

    private static ProfilePoint point(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a load with \"at\"");
        }
        JsonNode at = node.get("at");
        if (at == null || !(at.isNumber() || at.isTextual())) {
            throw new IllegalArgumentException("at: expected seconds (3600) or a time of day (\"06:30\")");
        }
        ObjectNode load = ((ObjectNode) node).deepCopy();
        load.remove("at");
        return new ProfilePoint(Offsets.parse(at.asText()), LoadJson.read(load));
    }

    private static Duration period(JsonNode node, String where) {
        try {
            return Span.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "period: " + e.getMessage());
        }
    }

    private static boolean interpolate(JsonNode node, String where) {
        if (!node.isBoolean()) {
            throw new IllegalArgumentException(where + "interpolate: expected true or false");
        }
        return node.booleanValue();
    }

    /** The line where the value at {@code pointer} ("/points/3") starts, or 0 if it cannot be found. */
    private static int line(String text, String pointer) {
        try (JsonParser p = new JsonFactory().createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t.isStructStart()
                        && pointer.equals(p.getParsingContext().pathAsPointer().toString())) {
                    return p.currentTokenLocation().getLineNr();
                }
            }
        } catch (IOException e) {
            // the text parsed once already; a line number is a nicety
        }
        return 0;
    }
}
