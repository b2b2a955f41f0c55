package org.pro380.twin.http;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route's path: literal segments, {@code {name}} for one non-empty segment (captured), and a
 * trailing {@code **} for any rest. {@code /api/registers/{key}} matches
 * {@code /api/registers/lcd-cycle-time} with key = lcd-cycle-time.
 */
record PathTemplate(String template, List<String> segments) {

    private static final String REST = "**";

    static PathTemplate of(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with /, got " + template);
        }
        List<String> segments = split(template);
        int rest = segments.indexOf(REST);
        if (rest >= 0 && rest != segments.size() - 1) {
            throw new IllegalArgumentException("** must be the last segment of " + template);
        }
        return new PathTemplate(template, segments);
    }

    /** The captured segments if the path matches, else empty. */
    Optional<Map<String, String>> match(String path) {
        List<String> parts = split(path);
        Map<String, String> captured = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.equals(REST)) {
                return Optional.of(captured);
            }
            if (i >= parts.size()) {
                return Optional.empty();
            }
            String part = parts.get(i);
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (part.isEmpty()) {
                    return Optional.empty();
                }
                captured.put(segment.substring(1, segment.length() - 1), part);
            } else if (!segment.equals(part)) {
                return Optional.empty();
            }
        }
        return parts.size() == segments.size() ? Optional.of(captured) : Optional.empty();
    }

    /** "/" is no segment; "/a/b/" is a, b, "" (a trailing slash is a path of its own). */
    private static List<String> split(String path) {
        String rest = path.startsWith("/") ? path.substring(1) : path;
        return rest.isEmpty() ? List.of() : Arrays.asList(rest.split("/", -1));
    }
}
