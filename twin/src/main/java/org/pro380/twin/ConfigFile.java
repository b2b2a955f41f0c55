package org.pro380.twin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.pro380.meter.Identity;
import org.pro380.meter.Settings;
import org.pro380.registers.ParityCode;
import org.pro380.registers.Tariff;
import org.pro380.twin.http.LoadJson;

/**
 * The twin's config file (JSON). Every field is optional and falls back to the default; unknown
 * fields are errors, so a typo cannot pass silently. See docs/twin.md for an example.
 */
public final class ConfigFile {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ConfigFile() {
    }

    record IdentityJson(Integer serialNumber, Integer meterCode, Double protocolVersion, Double softwareVersion,
            Double hardwareVersion, Integer meterAmps, String checksum) {
    }

    record SettingsJson(Integer unitId, Integer baud, String parity, Integer lcdCycleSeconds, Boolean backlight,
            Integer tariff) {
    }

    record Root(IdentityJson identity, SettingsJson settings, JsonNode load, String tcp, String rtuTcp,
            String rtuTcpConnect, String serial, String http, String httpToken, Boolean wireTiming,
            Long turnaroundMillis, Boolean strictBroadcast, Long saveIntervalMillis, Double timeScale,
            Integer maxConnections, Long idleTimeoutMillis) {
    }

    /** Reads FILE onto the builder; throws IllegalArgumentException with one line naming the file and the problem. */
    public static void apply(Path file, TwinConfig.Builder builder) {
        Root root;
        try {
            root = JSON.readValue(Files.readString(file), Root.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(file + ": " + clean(e));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        if (root == null) {
            throw new IllegalArgumentException(file + ": empty");
        }
        try {
            applyRoot(root, builder);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    private static String clean(JsonMappingException e) {
        Throwable cause = e.getCause();
        String what = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
        String where = e.getPath().isEmpty() ? "" : " (at " + e.getPathReference().replaceAll(".*Root", "")
                .replaceAll("org\\.pro380\\.twin\\.ConfigFile\\$\\w+", "") + ")";
        return what.lines().findFirst().orElse(what) + where;
    }

    private static void applyRoot(Root root, TwinConfig.Builder b) {
        Optional.ofNullable(root.identity()).ifPresent(i -> b.identity(identity(i)));
        Optional.ofNullable(root.settings()).ifPresent(s -> b.factorySettings(settings(s)));
        Optional.ofNullable(root.load()).ifPresent(l -> b.initialLoad(LoadJson.read(l)));
        Optional.ofNullable(root.tcp()).ifPresent(v -> b.tcp(HostPort.parse(v)));
        Optional.ofNullable(root.rtuTcp()).ifPresent(v -> b.rtuTcp(HostPort.parse(v)));
        Optional.ofNullable(root.rtuTcpConnect()).ifPresent(v -> b.rtuTcpConnect(HostPort.parse(v)));
        Optional.ofNullable(root.serial()).ifPresent(b::serial);
        Optional.ofNullable(root.http()).ifPresent(v -> b.http(HostPort.parse(v)));
        Optional.ofNullable(root.httpToken()).ifPresent(b::httpToken);
        Optional.ofNullable(root.wireTiming()).ifPresent(b::wireTiming);
        Optional.ofNullable(root.turnaroundMillis()).ifPresent(v -> b.turnaround(Duration.ofMillis(v)));
        Optional.ofNullable(root.strictBroadcast()).ifPresent(b::strictBroadcast);
        Optional.ofNullable(root.saveIntervalMillis()).ifPresent(v -> b.saveInterval(Duration.ofMillis(v)));
        Optional.ofNullable(root.timeScale()).ifPresent(b::timeScale);
        Optional.ofNullable(root.maxConnections()).ifPresent(b::maxConnections);
        Optional.ofNullable(root.idleTimeoutMillis()).ifPresent(v -> b.idleTimeout(Duration.ofMillis(v)));
    }

    private static Identity identity(IdentityJson j) {
        Identity d = Identity.typical();
        return new Identity(or(j.serialNumber(), d.serialNumber()), or(j.meterCode(), d.meterCode()),
                or(j.protocolVersion(), d.protocolVersion()), or(j.softwareVersion(), d.softwareVersion()),
                or(j.hardwareVersion(), d.hardwareVersion()), or(j.meterAmps(), d.meterAmps()),
                j.checksum() == null ? d.checksum() : parseHex(j.checksum()));
    }

    private static Settings settings(SettingsJson j) {
        Settings d = Settings.factory();
        return new Settings(or(j.unitId(), d.unitId()), or(j.baud(), d.baud()),
                j.parity() == null ? d.parity() : parity(j.parity()), or(j.lcdCycleSeconds(), d.lcdCycleSeconds()),
                or(j.backlight(), d.backlight()), j.tariff() == null ? d.modbusTariff() : Tariff.ofNumber(j.tariff()));
    }

    /** "even", "none" or "odd" (any case), or the register's code 1, 2, 3. */
    public static org.pro380.protocol.Parity parity(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "even", "e", "1" -> ParityCode.parity(1);
            case "none", "n", "2" -> ParityCode.parity(2);
            case "odd", "o", "3" -> ParityCode.parity(3);
            default -> throw new IllegalArgumentException("parity must be even, none or odd, got '" + text + "'");
        };
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
