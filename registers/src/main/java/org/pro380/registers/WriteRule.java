package org.pro380.registers;

import java.util.function.IntPredicate;

/**
 * Which values a writable register accepts (spec section 5). The twin answers exception 03 for
 * any other value; the client refuses to send it.
 *
 * @param allowed the test on the decoded value
 * @param description the legal values in words, for error messages and docs
 */
public record WriteRule(IntPredicate allowed, String description) {

    public static WriteRule range(int min, int max) {
        return new WriteRule(v -> v >= min && v <= max, min + ".." + max);
    }

    public static WriteRule oneOf(String description, int... values) {
        return new WriteRule(v -> java.util.Arrays.stream(values).anyMatch(a -> a == v), description);
    }
}
