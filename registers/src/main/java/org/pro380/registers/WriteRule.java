package org.pro380.registers;

import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Which values a writable register accepts (spec section 5). The twin answers exception 03 for
 * any other value; the client refuses to send it; the bus scan tries exactly these bauds.
 *
 * @param values every legal value, ascending
 * @param description the legal values in words, for error messages and docs
 */
public record WriteRule(List<Integer> values, String description) {

    public WriteRule {
        values = List.copyOf(values);
    }

    public static WriteRule range(int min, int max) {
        return new WriteRule(IntStream.rangeClosed(min, max).boxed().toList(), min + ".." + max);
    }

    public static WriteRule oneOf(String description, int... values) {
        return new WriteRule(IntStream.of(values).sorted().boxed().toList(), description);
    }

    public boolean allows(int value) {
        return values.contains(value);
    }

    /** The rule as a test on decoded values. */
    public IntPredicate allowed() {
        return this::allows;
    }
}
