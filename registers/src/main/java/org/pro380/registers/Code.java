package org.pro380.registers;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pro380.protocol.Parity;

/**
 * What the numbers of a register that holds a code stand for (parity 1 even, 2 none, 3 odd;
 * backlight 1 on, 2 off; tariff 1 T1 ...), with the one parser of the words people type for them
 * and the one printer. Every place that turns such a register into words, or words into it, goes
 * through here.
 *
 * @param <V> what the code stands for
 */
public final class Code<V> {

    /** Register 0x4011: 1 even, 2 none, 3 odd. */
    public static final Code<Parity> PARITY = new Code<>(
            "parity",
            List.of(
                    new Entry<>(Parity.EVEN, 1, "even", "e"),
                    new Entry<>(Parity.NONE, 2, "none", "n"),
                    new Entry<>(Parity.ODD, 3, "odd", "o")));

    /** Register 0x4021: 1 on, 2 off. */
    public static final Code<Boolean> BACKLIGHT =
            new Code<>("backlight", List.of(new Entry<>(true, 1, "on"), new Entry<>(false, 2, "off")));

    /** Register 0x6048: the tariff's number, written T1, T2, T3. */
    public static final Code<Tariff> TARIFF = new Code<>(
            "tariff",
            Stream.of(Tariff.values())
                    .map(t -> new Entry<>(t, t.number(), t.name()))
                    .toList());

    /** One value: its code, the word it is printed as, and other words accepted for it. */
    private record Entry<V>(V value, int code, String text, String... aliases) {

        boolean named(String word) {
            return Stream.concat(Stream.of(text), Stream.of(aliases)).anyMatch(word::equalsIgnoreCase)
                    || word.equals(Integer.toString(code));
        }
    }

    private final String subject;
    private final List<Entry<V>> entries;

    private Code(String subject, List<Entry<V>> entries) {
        this.subject = subject;
        this.entries = List.copyOf(entries);
    }

    /** The register's code for {@code value}. */
    public int code(V value) {
        for (int i = 0; i < entries.size(); i++) { // no stream or iterator: every read of the identity block asks
            if (entries.get(i).value().equals(value)) {
                return entries.get(i).code();
            }
        }
        throw new NoSuchElementException("No value present");
    }

    /** What {@code code} stands for; IllegalArgumentException for a code the meter does not know. */
    public V value(int code) {
        return entry(code)
                .orElseThrow(() -> new IllegalArgumentException(
                        subject + " code " + code + " is not " + describe(e -> e.code() + " (" + e.text() + ")")))
                .value();
    }

    /** The word for {@code value}: "even", "on", "T2". */
    public String text(V value) {
        return text(code(value));
    }

    /** The word for a code as read, or "? 7" for a code the meter should not hold. */
    public String text(int code) {
        return entry(code).map(Entry::text).orElse("? " + code);
    }

    /**
     * What a person means: a word in any case ("even", "E", "off", "t2") or the code itself ("1").
     *
     * @throws IllegalArgumentException naming the words accepted, for anything else
     */
    public V parse(String text) {
        String word = text.trim();
        return entries.stream()
                .filter(e -> e.named(word))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        subject + " must be " + describe(Entry::text) + ", got '" + text + "'"))
                .value();
    }

    /**
     * The code a person means, as {@link #parse}; any other number is kept as it is, so that the
     * register's write rule refuses it with the legal values.
     */
    public int parseCode(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return code(parse(text));
        }
    }

    /** The legal codes, for the register's write rule: "1 (even), 2 (none) or 3 (odd)". */
    WriteRule writeRule() {
        return WriteRule.oneOf(
                describe(e -> e.code() + " (" + e.text() + ")"),
                entries.stream().mapToInt(Entry::code).toArray());
    }

    /** The words the parser takes, for help texts: "even|none|odd". */
    public String words() {
        return entries.stream().map(Entry::text).collect(Collectors.joining("|"));
    }

    private Optional<Entry<V>> entry(int code) {
        return entries.stream().filter(e -> e.code() == code).findFirst();
    }

    private String describe(Function<Entry<V>, String> each) {
        List<String> parts = entries.stream().map(each).toList();
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " or " + parts.get(parts.size() - 1);
    }
}
