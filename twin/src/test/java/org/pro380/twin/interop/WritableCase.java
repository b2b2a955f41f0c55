package org.pro380.twin.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.pro380.registers.Meaning;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.registers.WriteRule;

/**
 * One writable register of {@link Registers#MAP} with values to try on it, all derived from its
 * write rule and data type: a few legal values (all of them when there are few) and raw words the
 * meter must refuse with exception 03 (values just outside the rule, 0 where 0 is illegal, and
 * 0xFFFF, which no rule allows and which is not BCD either).
 */
record WritableCase(Register<Integer> register, List<Integer> legalValues, List<Integer> illegalWords) {

    private static final int ALL_LEGAL_UP_TO = 8;
    private static List<WritableCase> all;

    /** Every writable register of the map, in address order (computed once: it scans every 16-bit value). */
    static synchronized List<WritableCase> all() {
        if (all == null) {
            all = derive();
        }
        return all;
    }

    private static List<WritableCase> derive() {
        List<WritableCase> cases = new ArrayList<>();
        for (Register<?> r : Registers.MAP.all()) {
            if (r.writable()) {
                cases.add(of(asInteger(r)));
            }
        }
        assertThat(cases).as("writable registers in the map").isNotEmpty();
        return List.copyOf(cases);
    }

    static WritableCase of(Register<Integer> register) {
        WriteRule rule = register.writeRule().orElseThrow();
        List<Integer> allowed = IntStream.rangeClosed(0, 0xFFFF)
                .filter(v -> rule.allowed().test(v) && encodable(register, v))
                .boxed()
                .toList();
        assertThat(allowed).as("legal values of %s", register).isNotEmpty();
        int min = allowed.get(0);
        int max = allowed.get(allowed.size() - 1);
        List<Integer> legal = allowed.size() <= ALL_LEGAL_UP_TO
                ? allowed
                : List.copyOf(new TreeSet<>(List.of(min, allowed.get(allowed.size() / 2), max)));

        TreeSet<Integer> candidates = new TreeSet<>(List.of(0, min - 1, max + 1));
        if (allowed.size() <= ALL_LEGAL_UP_TO) {
            allowed.forEach(v -> candidates.add(v + 1));
        }
        List<Integer> illegal = new ArrayList<>();
        for (int v : candidates) {
            if (v >= 0 && !rule.allowed().test(v) && encodable(register, v)) {
                illegal.add(register.type().encode(v)[0]);
            }
        }
        illegal.add(0xFFFF);
        for (int word : illegal) {
            assertThat(register.rejectWrite(new int[] {word}))
                    .as("0x%04X at %s", word, register)
                    .isPresent();
        }
        return new WritableCase(register, legal, List.copyOf(new TreeSet<>(illegal)));
    }

    /** The raw word of a decoded value (BCD for the LCD cycle time). */
    int word(int value) {
        return register.type().encode(value)[0];
    }

    /** Which setting the register holds. */
    Meaning.Field field() {
        return ((Meaning.Setting) register.meaning()).field();
    }

    /** Writing this register moves the meter to another unit id. */
    boolean setsUnitId() {
        return field() == Meaning.Field.UNIT_ID;
    }

    boolean setsBaud() {
        return field() == Meaning.Field.BAUD_RATE;
    }

    boolean setsParity() {
        return field() == Meaning.Field.PARITY;
    }

    /** The value to write back afterwards: the register's value now, if a write may set it (not so for the power counter). */
    Optional<Integer> restoreValue(Object valueNow) {
        int v = (Integer) valueNow;
        return register.writeRule().orElseThrow().allowed().test(v) ? Optional.of(v) : Optional.empty();
    }

    static WritableCase of(Meaning.Field field) {
        return all().stream()
                .filter(c -> c.field() == field)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no writable register holds " + field));
    }

    private static boolean encodable(Register<Integer> register, int value) {
        try {
            int[] words = register.type().encode(value);
            return words.length == 1 && register.type().decode(words, 0) == value;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static Register<Integer> asInteger(Register<?> r) {
        assertThat(r.type().javaType()).as("%s", r).isEqualTo(Integer.class);
        return (Register<Integer>) r;
    }

    @Override
    public String toString() {
        return register.toString();
    }
}
