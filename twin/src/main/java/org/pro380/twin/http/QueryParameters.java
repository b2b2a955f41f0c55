package org.pro380.twin.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The query parameters of a GET, checked: each known, given once, a whole number in its range. */
final class QueryParameters {

    private static final Pattern WHOLE = Pattern.compile("[0-9]{1,18}");

    private QueryParameters() {}

    /** A 400 for a parameter not in {@code known} (the {@code call} named in the reason) or one given twice. */
    static void check(Map<String, List<String>> query, List<String> known, String call) throws ApiException {
        Set<String> names = Set.copyOf(known);
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (!names.contains(parameter.getKey())) {
                throw ApiException.badRequest("unknown query parameter \"" + parameter.getKey() + "\"; " + call
                        + " takes " + String.join(", ", known));
            }
            if (parameter.getValue().size() > 1) {
                throw ApiException.badRequest(
                        parameter.getKey() + " is given " + parameter.getValue().size() + " times; give it once");
            }
        }
    }

    static Optional<String> one(Map<String, List<String>> query, String name) {
        return Optional.ofNullable(query.get(name)).map(values -> values.get(0));
    }

    /** The whole number {@code name} from {@code min} to {@code max}, {@code ifAbsent} when not given. */
    static long whole(Map<String, List<String>> query, String name, long min, long max, long ifAbsent)
            throws ApiException {
        Optional<String> text = one(query, name);
        if (text.isEmpty()) {
            return ifAbsent;
        }
        long value = WHOLE.matcher(text.get()).matches() ? Long.parseLong(text.get()) : -1;
        if (value < min || value > max) {
            throw ApiException.badRequest(
                    name + " must be a whole number from " + min + " to " + max + ", got \"" + text.get() + "\"");
        }
        return value;
    }
}
