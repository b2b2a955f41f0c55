package org.pro380.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * For a record whose {@code equals} and {@code hashCode} are written out rather than generated:
 * a component added to the record and forgotten in them fails the record's test.
 */
public final class WrittenOutEquals {

    private WrittenOutEquals() {}

    /**
     * {@code base} equals a copy of itself and hashes alike; each of {@code changed} differs from
     * {@code base} in exactly one component, together they change every component, and none of
     * them equals {@code base}.
     */
    @SafeVarargs
    public static <R extends Record> void assertCoversEveryComponent(R base, R... changed) {
        RecordComponent[] components = base.getClass().getRecordComponents();
        R copy = copyOf(base, components);
        assertEquals(base, copy);
        assertEquals(base.hashCode(), copy.hashCode());
        Set<String> covered = new TreeSet<>();
        for (R other : changed) {
            String component = theOneChanged(base, other, components);
            covered.add(component);
            assertNotEquals(base, other, "equals ignores " + component);
        }
        assertEquals(
                new TreeSet<>(
                        Arrays.stream(components).map(RecordComponent::getName).toList()),
                covered,
                "give a value for each component of " + base.getClass().getSimpleName());
    }

    private static String theOneChanged(Record base, Record other, RecordComponent[] components) {
        String[] names = Arrays.stream(components)
                .filter(c -> !Objects.equals(value(base, c), value(other, c)))
                .map(RecordComponent::getName)
                .toArray(String[]::new);
        assertEquals(1, names.length, "changes one component only: " + other + ", not " + Arrays.toString(names));
        return names[0];
    }

    @SuppressWarnings("unchecked")
    private static <R extends Record> R copyOf(R base, RecordComponent[] components) {
        Class<?>[] types =
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] values = Arrays.stream(components).map(c -> value(base, c)).toArray();
        try {
            return (R) base.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + base, e);
        }
    }

    private static Object value(Record r, RecordComponent c) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r, e);
        }
    }
}
