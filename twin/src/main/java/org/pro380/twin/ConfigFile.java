package org.pro380.twin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.pro380.client.ConfigError;
import org.pro380.meter.Load;
import org.pro380.profile.LoadJson;
import org.pro380.profile.Profile;
import org.pro380.profile.ProfileJson;
import org.pro380.profile.Profiles;
import org.pro380.registers.Code;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;
import org.pro380.registers.Tariff;
import org.pro380.twin.scenario.Scenario;
import org.pro380.twin.scenario.ScenarioJson;
import org.pro380.twin.scenario.Scenarios;
import org.pro380.twin.site.MeterEntry;
import org.pro380.twin.source.SourceJson;

/**
 * The twin's config file (JSON). Every field is optional and falls back to the default; unknown
 * fields are errors, so a typo cannot pass silently. See docs/twin.md for an example.
 */
public final class ConfigFile {

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    /** The file: an object of options by key. */
    private static final TypeReference<LinkedHashMap<String, JsonNode>> ROOT = new TypeReference<>() {};

    private ConfigFile() {}

    record IdentityJson(
            Integer serialNumber,
            Integer meterCode,
            Double protocolVersion,
            Double softwareVersion,
            Double hardwareVersion,
            Integer meterAmps,
            String checksum) {}

    record SettingsJson(
            Integer unitId, Integer baud, String parity, Integer lcdCycleSeconds, Boolean backlight, Integer tariff) {}

    /** One entry of "meters": the top-level fields that make sense for one meter. */
    record MeterJson(
            IdentityJson identity,
            SettingsJson settings,
            JsonNode load,
            Boolean powered,
            JsonNode source,
            JsonNode profile) {}

    /**
     * Reads FILE onto the builder: every key is one of {@link TwinOptions}, applied in the table's
     * order, all read before any is applied. Throws IllegalArgumentException with one line:
     * {@code twin.json:3:14: settings.unitId: expected an integer, got "seven"}.
     */
    public static void apply(Path file, TwinConfig.Builder builder) {
        ConfigError.read(file, text -> {
            Map<String, JsonNode> root = JSON.readValue(text, ROOT);
            if (root == null) {
                throw new IllegalArgumentException(file + ": empty (an empty config is {})");
            }
            read(root, configDir(file)).forEach(change -> change.accept(builder));
            return builder;
        });
    }

    /** What each field of the file does to a builder, in the table's order; each field read and type-checked now. */
    private static List<Consumer<TwinConfig.Builder>> read(Map<String, JsonNode> root, Path dir) {
        for (String key : root.keySet()) {
            if (!TwinOptions.BY_KEY.containsKey(key)) {
                throw new ConfigError.AtField(
                        key,
                        "unknown field; expected one of "
                                + String.join(", ", new TreeSet<>(TwinOptions.BY_KEY.keySet())));
            }
        }
        List<Consumer<TwinConfig.Builder>> changes = new ArrayList<>();
        for (TwinOption<?> option : TwinOptions.ALL) {
            String key = option.key().orElse(null);
            JsonNode node = key == null ? null : root.get(key);
            if (node != null) {
                Consumer<TwinConfig.Builder> change = field(key, () -> option.read(node, dir));
                changes.add(b -> field(key, () -> {
                    change.accept(b);
                    return null;
                }));
            }
        }
        return changes;
    }

    /** A field's reading or applying; a value the twin refuses is reported at that field. */
    private static <T> T field(String key, ConfigError.Step<T> step) {
        try {
            return step.run();
        } catch (JsonProcessingException e) {
            throw ConfigError.at(key, e);
        } catch (IllegalArgumentException e) {
            if (e instanceof ConfigError.AtField) {
                throw e;
            }
            throw new ConfigError.AtField(key, e.getMessage());
        }
    }

    private static Path configDir(Path file) {
        return file.toAbsolutePath().getParent();
    }

    /** "meters": a number of meters, or one entry per meter (each as the top-level fields, all optional). */
    static Consumer<TwinConfig.Builder> meters(JsonNode node, Path dir) {
        if (node.isInt()) {
            int count = node.intValue();
            return b -> b.meters(count);
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("expected a number of meters, or a list of meters like "
                    + "[{\"settings\": {\"unitId\": 3}, \"powered\": false}]");
        }
        List<MeterEntry> entries = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            try {
                entries.add(entry(JSON.treeToValue(node.get(i), MeterJson.class), dir));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                String why = e instanceof JsonProcessingException j
                        ? ConfigError.of(j, "").replaceFirst("^[-0-9:]*\\s*", "")
                        : e.getMessage();
                throw new IllegalArgumentException("meter " + (i + 1) + ": " + why);
            }
        }
        return b -> b.meterEntries(entries);
    }

    private static MeterEntry entry(MeterJson j, Path dir) {
        if (j == null) {
            throw new IllegalArgumentException("expected an object");
        }
        UnaryOperator<Identity> identity =
                j.identity() == null ? UnaryOperator.identity() : base -> identity(j.identity(), base);
        UnaryOperator<Settings> settings =
                j.settings() == null ? UnaryOperator.identity() : base -> settings(j.settings(), base);
        identity.apply(Identity.typical()); // refused now, not when the twin starts
        settings.apply(Settings.factory());
        Optional<Load> load = Optional.ofNullable(j.load()).map(LoadJson::read);
        Optional<Profile> profile = Optional.ofNullable(j.profile()).map(p -> profile(p, dir));
        return new MeterEntry(
                identity,
                settings,
                load,
                j.powered() == null || j.powered(),
                Optional.ofNullable(j.source()).map(s -> sourceOf(s, dir)),
                profile);
    }

    private static org.pro380.twin.source.SourceSpec sourceOf(JsonNode node, Path dir) {
        try {
            return SourceJson.read(node, dir);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("source: " + e.getMessage());
        }
    }

    /** "profile": a built-in's name, a file (relative to the config's folder), or a series inline. */
    static Profile profile(JsonNode node, Path dir) {
        if (!node.isTextual()) {
            return ProfileJson.read("inline", node);
        }
        String name = node.textValue();
        return Profiles.builtIn(name)
                .orElseGet(() -> Profiles.resolve(dir.resolve(name).toString()));
    }

    /** "scenario": a shipped one's name, a file (relative to the config's folder), or one inline. */
    static Scenario scenario(JsonNode node, Path dir) {
        if (!node.isTextual()) {
            return ScenarioJson.read("inline", node);
        }
        String name = node.textValue();
        return Scenarios.shipped(name)
                .orElseGet(() -> Scenarios.resolve(dir.resolve(name).toString()));
    }

    static Identity identity(IdentityJson j) {
        return identity(j, Identity.typical());
    }

    static Settings settings(SettingsJson j) {
        return settings(j, Settings.factory());
    }

    private static Identity identity(IdentityJson j, Identity d) {
        return new Identity(
                or(j.serialNumber(), d.serialNumber()),
                or(j.meterCode(), d.meterCode()),
                or(j.protocolVersion(), d.protocolVersion()),
                or(j.softwareVersion(), d.softwareVersion()),
                or(j.hardwareVersion(), d.hardwareVersion()),
                or(j.meterAmps(), d.meterAmps()),
                j.checksum() == null ? d.checksum() : parseHex(j.checksum()));
    }

    private static Settings settings(SettingsJson j, Settings d) {
        return new Settings(
                or(j.unitId(), d.unitId()),
                or(j.baud(), d.baud()),
                j.parity() == null ? d.parity() : Code.PARITY.parse(j.parity()),
                or(j.lcdCycleSeconds(), d.lcdCycleSeconds()),
                or(j.backlight(), d.backlight()),
                j.tariff() == null ? d.modbusTariff() : Tariff.ofNumber(j.tariff()));
    }

    private static long parseHex(String text) {
        try {
            return Long.parseLong(text.replaceFirst("^0[xX]", ""), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("checksum must be hex like 0607E329, got '" + text + "'");
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
