package org.pro380.twin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One option of the twin, declared once in {@link TwinOptions}: its flags on the command line,
 * its key in the config file, its default, its description, and how a value is checked and set
 * on a {@link TwinConfig.Builder}. The command line, the config file and the builder's defaults
 * are all made from it. Immutable.
 *
 * @param <T> the value a flag gives, as the command line converts it: Integer, Long, Double,
 *     Boolean (a switch), Duration ("500ms", "10s"), Path or String
 */
public final class TwinOption<T> {

    /** The values of other options given on the same command line, for options that go together. */
    public interface Given {
        <V> Optional<V> get(TwinOption<V> option);
    }

    /** Sets a value on a builder; throws IllegalArgumentException for a value the twin refuses. */
    interface Apply<T> {
        void apply(TwinConfig.Builder builder, T value, Given given);
    }

    /** Reads a config file's value: what it does to the builder. Relative paths are relative to the config's folder. */
    interface Read {
        Consumer<TwinConfig.Builder> read(JsonNode node, Path configDir) throws JsonProcessingException;
    }

    private static final Given NONE_GIVEN = new Given() {
        @Override
        public <V> Optional<V> get(TwinOption<V> option) {
            return Optional.empty();
        }
    };

    private final Class<T> type;
    private final List<String> flags;
    private final String label;
    private final String key;
    private final Read read;
    private final T defaultValue;
    private final String shownDefault;
    private final String description;
    private final Apply<T> apply;

    private TwinOption(
            Class<T> type,
            List<String> flags,
            String label,
            String key,
            Read read,
            T defaultValue,
            String shownDefault,
            String description,
            Apply<T> apply) {
        this.type = type;
        this.flags = flags;
        this.label = label;
        this.key = key;
        this.read = read;
        this.defaultValue = defaultValue;
        this.shownDefault = shownDefault;
        this.description = description;
        this.apply = apply;
    }

    /** An option with a value of {@code type}, set on the builder by {@code apply}; no flag, no key yet. */
    static <T> TwinOption<T> of(Class<T> type, String description, BiConsumer<TwinConfig.Builder, T> apply) {
        return new TwinOption<>(
                type, List.of(), "", null, null, null, null, description, (b, v, given) -> apply.accept(b, v));
    }

    /** An option set together with others given beside it. */
    static <T> TwinOption<T> of(Class<T> type, String description, Apply<T> apply) {
        return new TwinOption<>(type, List.of(), "", null, null, null, null, description, apply);
    }

    /** Given on the command line as {@code names} (a switch for a Boolean, else with a value shown as {@code label}). */
    TwinOption<T> flag(String label, String... names) {
        return new TwinOption<>(type, List.of(names), label, key, read, defaultValue, shownDefault, description, apply);
    }

    /** Given in the config file as {@code key}, a JSON value of the option's own type. */
    TwinOption<T> key(String key) {
        return key(key, type, Function.identity());
    }

    /** Given in the config file as {@code key}, a JSON value of {@code json}'s type, turned into the option's. */
    <J> TwinOption<T> key(String key, Class<J> json, Function<J, T> convert) {
        return readAs(key, (node, dir) -> {
            T value = convert.apply(ConfigFile.JSON.treeToValue(node, json));
            return b -> apply.apply(b, value, NONE_GIVEN);
        });
    }

    /** Given in the config file as {@code key}, a number of milliseconds (for a Duration option). */
    TwinOption<T> millisKey(String key) {
        return key(key, Long.class, millis -> type.cast(Duration.ofMillis(millis)));
    }

    /** Given in the config file as {@code key}, read by {@code read}. */
    TwinOption<T> readAs(String key, Read read) {
        return new TwinOption<>(type, flags, label, key, read, defaultValue, shownDefault, description, apply);
    }

    /** What the option is when it is given nowhere, set on every new builder and shown as it is in the help. */
    TwinOption<T> byDefault(T value) {
        return byDefault(value, String.valueOf(value));
    }

    /** What the option is when it is given nowhere, set on every new builder; {@code shown} in the help. */
    TwinOption<T> byDefault(T value, String shown) {
        return new TwinOption<>(type, flags, label, key, read, value, shown, description, apply);
    }

    /** What the option is when it is given nowhere, as the help says it: a default that another type holds or that depends on other options. */
    TwinOption<T> shows(String shown) {
        return new TwinOption<>(type, flags, label, key, read, null, shown, description, apply);
    }

    public Class<T> type() {
        return type;
    }

    /** The flags, longest last; empty for an option of the config file only. */
    public List<String> flags() {
        return flags;
    }

    /** How the flag's value is shown in the help (HOST:PORT, DURATION, ...). */
    public String paramLabel() {
        return label;
    }

    /** A switch: given without a value. */
    public boolean isSwitch() {
        return type == Boolean.class;
    }

    /** The config file's key; empty for an option of the command line only. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** One line for the help and the docs, with the default where there is one. */
    public String description() {
        return shownDefault == null ? description : description + " (default " + shownDefault + ")";
    }

    /** Sets {@code value} (of {@link #type}) from the command line, beside the other options {@code given}. */
    public void apply(TwinConfig.Builder builder, Object value, Given given) {
        apply.apply(builder, type.cast(value), given);
    }

    void applyDefault(TwinConfig.Builder builder) {
        if (defaultValue != null) {
            apply.apply(builder, defaultValue, NONE_GIVEN);
        }
    }

    /** What the config file's value does to a builder; the value is read (and its type checked) now. */
    Consumer<TwinConfig.Builder> read(JsonNode node, Path configDir) throws JsonProcessingException {
        return read.read(node, configDir);
    }

    @Override
    public String toString() {
        return key().orElse(flags.isEmpty() ? description : flags.get(flags.size() - 1));
    }
}
