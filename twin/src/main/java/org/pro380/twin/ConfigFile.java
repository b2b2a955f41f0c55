package org.pro380.twin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.pro380.meter.Load;
import org.pro380.twin.site.MeterEntry;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;
import org.pro380.registers.Code;
import org.pro380.registers.Tariff;
import org.pro380.twin.http.LoadJson;
import org.pro380.twin.profile.Profile;
import org.pro380.twin.profile.ProfileJson;
import org.pro380.twin.profile.Profiles;
import org.pro380.twin.source.SourceJson;

/**
 * The twin's config file (JSON). Every field is optional and falls back to the default; unknown
 * fields are errors, so a typo cannot pass silently. See docs/twin.md for an example.
 */
public final class ConfigFile {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ConfigFile() {
    }

    record IdentityJson(Integer serialNumber, Integer meterCode, Double protocolVersion, Double softwareVersion,
            Double hardwareVersion, Integer meterAmps, String checksum) {
    }

    record SettingsJson(Integer unitId, Integer baud, String parity, Integer lcdCycleSeconds, Boolean backlight,
            Integer tariff) {
    }

    /** One entry of "meters": the top-level fields that make sense for one meter. */
    record MeterJson(IdentityJson identity, SettingsJson settings, JsonNode load, Boolean powered,
            JsonNode source, JsonNode profile) {
    }

    record Root(IdentityJson identity, SettingsJson settings, JsonNode load, String tcp, String rtuTcp,
            String rtuTcpConnect, String serial, String http, String httpToken, Boolean wireTiming,
            Long turnaroundMillis, Boolean strictBroadcast, Long saveIntervalMillis, Double timeScale,
            Integer maxConnections, Long idleTimeoutMillis, JsonNode meters, Integer busSize,
            Long gatewayTimeoutMillis, Long seed,
            JsonNode source, JsonNode profile) {
    }

    /**
     * Reads FILE onto the builder, all or nothing. Throws IllegalArgumentException with one line:
     * {@code twin.json:3:14: settings.unitId: expected an integer, got "seven"}.
     */
    public static void apply(Path file, TwinConfig.Builder builder) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        Root root;
        try {
            ConfigError.refuseNulls(text);
            root = JSON.readValue(text, Root.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ":" + ConfigError.of(e, text));
        }
        if (root == null) {
            throw new IllegalArgumentException(file + ": empty (an empty config is {})");
        }
        try {
            applyRoot(root, builder, configDir(file));
        } catch (ConfigError.AtField e) {
            throw new IllegalArgumentException(file + ":" + ConfigError.locate(text, e.path()) + " " + e.path() + ": "
                    + e.getMessage());
        }
    }

    private static Path configDir(Path file) {
        return file.toAbsolutePath().getParent();
    }

    private static void applyRoot(Root root, TwinConfig.Builder b, Path dir) {
        field("identity", root.identity(), i -> b.identity(identity(i)));
        field("settings", root.settings(), s -> b.factorySettings(settings(s)));
        field("load", root.load(), l -> b.initialLoad(LoadJson.read(l)));
        field("tcp", root.tcp(), v -> b.tcp(HostPort.parse(v)));
        field("rtuTcp", root.rtuTcp(), v -> b.rtuTcp(HostPort.parse(v)));
        field("rtuTcpConnect", root.rtuTcpConnect(), v -> b.rtuTcpConnect(HostPort.parse(v)));
        field("serial", root.serial(), b::serial);
        field("http", root.http(), v -> b.http(HostPort.parse(v)));
        field("httpToken", root.httpToken(), b::httpToken);
        field("wireTiming", root.wireTiming(), b::wireTiming);
        field("turnaroundMillis", root.turnaroundMillis(), v -> b.turnaround(Duration.ofMillis(v)));
        field("strictBroadcast", root.strictBroadcast(), b::strictBroadcast);
        field("saveIntervalMillis", root.saveIntervalMillis(), v -> b.saveInterval(Duration.ofMillis(v)));
        field("timeScale", root.timeScale(), b::timeScale);
        field("maxConnections", root.maxConnections(), b::maxConnections);
        field("idleTimeoutMillis", root.idleTimeoutMillis(), v -> b.idleTimeout(Duration.ofMillis(v)));
        field("busSize", root.busSize(), b::busSize);
        field("source", root.source(), v -> b.source(SourceJson.read(v, dir)));
        field("meters", root.meters(), v -> meters(v, b, dir));
        field("gatewayTimeoutMillis", root.gatewayTimeoutMillis(), v -> b.gatewayTimeout(Duration.ofMillis(v)));
        field("seed", root.seed(), b::seed);
        field("profile", root.profile(), v -> b.profile(profile(v, dir)));
    }

    /** Applies a field that is present; a value the twin refuses is reported at that field. */
    private static <T> void field(String name, T value, Consumer<T> apply) {
        if (value == null) {
            return;
        }
        try {
            apply.accept(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigError.AtField(name, e.getMessage());
        }
    }

    /** "meters": a number of meters, or one entry per meter (each as the top-level fields, all optional). */
    private static void meters(JsonNode node, TwinConfig.Builder b, Path dir) {
        if (node.isInt()) {
            b.meters(node.intValue());
            return;
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
                String why = e instanceof JsonProcessingException j ? ConfigError.of(j, "").replaceFirst("^[-0-9:]*\\s*", "")
                        : e.getMessage();
                throw new IllegalArgumentException("meter " + (i + 1) + ": " + why);
            }
        }
        b.meterEntries(entries);
    }

    private static MeterEntry entry(MeterJson j, Path dir) {
        if (j == null) {
            throw new IllegalArgumentException("expected an object");
        }
        UnaryOperator<Identity> identity = j.identity() == null ? UnaryOperator.identity() : base -> identity(j.identity(), base);
        UnaryOperator<Settings> settings = j.settings() == null ? UnaryOperator.identity() : base -> settings(j.settings(), base);
        identity.apply(Identity.typical()); // refused now, not when the twin starts
        settings.apply(Settings.factory());
        Optional<Load> load = Optional.ofNullable(j.load()).map(LoadJson::read);
        Optional<Profile> profile = Optional.ofNullable(j.profile()).map(p -> profile(p, dir));
        return new MeterEntry(identity, settings, load, j.powered() == null || j.powered(),
                Optional.ofNullable(j.source()).map(s -> sourceOf(s, dir)), profile);
    }

    private static org.pro380.twin.source.SourceSpec sourceOf(JsonNode node, Path dir) {
        try {
            return SourceJson.read(node, dir);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("source: " + e.getMessage());
        }
    }

    /** "profile": a built-in's name, a file (relative to the config's folder), or a series inline. */
    private static Profile profile(JsonNode node, Path dir) {
        if (!node.isTextual()) {
            return ProfileJson.read("inline", node);
        }
        String name = node.textValue();
        return Profiles.builtIn(name).orElseGet(() -> Profiles.resolve(dir.resolve(name).toString()));
    }

    private static Identity identity(IdentityJson j) {
        return identity(j, Identity.typical());
    }

    private static Settings settings(SettingsJson j) {
        return settings(j, Settings.factory());
    }

    private static Identity identity(IdentityJson j, Identity d) {
        return new Identity(or(j.serialNumber(), d.serialNumber()), or(j.meterCode(), d.meterCode()),
                or(j.protocolVersion(), d.protocolVersion()), or(j.softwareVersion(), d.softwareVersion()),
                or(j.hardwareVersion(), d.hardwareVersion()), or(j.meterAmps(), d.meterAmps()),
                j.checksum() == null ? d.checksum() : parseHex(j.checksum()));
    }

    private static Settings settings(SettingsJson j, Settings d) {
        return new Settings(or(j.unitId(), d.unitId()), or(j.baud(), d.baud()),
                j.parity() == null ? d.parity() : Code.PARITY.parse(j.parity()), or(j.lcdCycleSeconds(), d.lcdCycleSeconds()),
                or(j.backlight(), d.backlight()), j.tariff() == null ? d.modbusTariff() : Tariff.ofNumber(j.tariff()));
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
