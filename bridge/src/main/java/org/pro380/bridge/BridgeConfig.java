package org.pro380.bridge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pro380.client.ClientConfig;
import org.pro380.client.CommissionPlan;
import org.pro380.client.ConfigError;
import org.pro380.client.Durations;
import org.pro380.client.Endpoint;
import org.pro380.client.HostPort;
import org.pro380.client.UnitIds;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.Parity;
import org.pro380.registers.Code;

/**
 * The bridge's config file (docs/bridge.md): several lines, each with its connection and meters.
 * <pre>
 * {"lines": [{"name": "house", "tcp": "192.168.1.50:502",
 *             "meters": [{"unit": 1, "name": "main", "interval": "5s"}, {"units": "2..4"}]},
 *            {"name": "garage", "serial": "/dev/ttyUSB0", "baud": 9600, "parity": "even",
 *             "timeout": "500ms", "retries": 1, "meters": [{"unit": 7}]}]}
 * </pre>
 * Every error is one line "FILE:LINE:COL: field: what", as the twin's config file words it.
 * {@link #of} writes one from a commissioning plan, in the same records the parser reads
 * ({@code pro380 commission --bridge-config} and the guided commissioning of {@code pro380 ui}).
 */
public final class BridgeConfig {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    record Root(List<LineJson> lines) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LineJson(
            String name,
            String tcp,
            String rtuTcp,
            String serial,
            Integer baud,
            String parity,
            String timeout,
            Integer retries,
            List<MeterJson> meters) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MeterJson(Integer unit, String units, String name, String interval) {}

    private BridgeConfig() {}

    /**
     * The config file of one line with the meters of {@code plan}, each by its id and its label as
     * its name, polled at the bridge's {@code --interval}.
     *
     * @throws IllegalArgumentException if the plan has no meters
     */
    public static String of(String lineName, Endpoint endpoint, CommissionPlan plan) {
        if (plan.entries().isEmpty()) {
            throw new IllegalArgumentException("the plan has no meters yet");
        }
        List<MeterJson> meters = plan.entries().stream()
                .map(e -> new MeterJson(e.unitId(), null, e.label().isEmpty() ? null : e.label(), null))
                .toList();
        LineJson line;
        if (endpoint instanceof Endpoint.Serial s) {
            line = new LineJson(
                    lineName,
                    null,
                    null,
                    s.path(),
                    s.line().baud(),
                    Code.PARITY.text(s.line().parity()),
                    null,
                    null,
                    meters);
        } else if (endpoint instanceof Endpoint.RtuOverTcp t) {
            String at = new HostPort(t.host(), t.port()).toString();
            line = new LineJson(lineName, null, at, null, null, null, null, null, meters);
        } else {
            Endpoint.ModbusTcp t = (Endpoint.ModbusTcp) endpoint;
            String at = new HostPort(t.host(), t.port()).toString();
            line = new LineJson(lineName, at, null, null, null, null, null, null, meters);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new Root(List.of(line))) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code text} beside {@code file} and moves it there, so that the file is always whole. */
    public static void write(Path file, String text) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(part, text);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The bridge's name of a plan's line: the plan file's name without .csv; null (the line's address) without one. */
    public static String lineName(Path planFile) {
        if (planFile == null) {
            return null;
        }
        String name = planFile.getFileName().toString();
        return name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }

    /** The lines of {@code file}; ConfigError.InFile with one line "FILE:LINE:COL: field: what". */
    public static List<BridgeLine> read(Path file, Duration defaultInterval) {
        return ConfigError.read(file, text -> lines(JSON.readValue(text, Root.class), defaultInterval));
    }

    private static List<BridgeLine> lines(Root root, Duration defaultInterval) {
        if (root == null || root.lines() == null || root.lines().isEmpty()) {
            throw new ConfigError.AtField("lines", "expected a list of at least one line");
        }
        List<BridgeLine> lines = new ArrayList<>();
        for (int i = 0; i < root.lines().size(); i++) {
            BridgeLine line = line(root.lines().get(i), defaultInterval, "lines[" + i + "]");
            if (lines.stream().anyMatch(l -> l.name().equals(line.name()))) {
                throw new ConfigError.AtField("lines[" + i + "].name", "another line is named '" + line.name() + "'");
            }
            lines.add(line);
        }
        return lines;
    }

    private static BridgeLine line(LineJson j, Duration defaultInterval, String where) {
        Endpoint endpoint = endpoint(j, where);
        String name = j.name() != null ? j.name() : endpoint.toString();
        if (j.meters() == null || j.meters().isEmpty()) {
            throw new ConfigError.AtField(where + ".meters", "expected a list of at least one meter");
        }
        List<PolledMeter> meters = new ArrayList<>();
        for (int k = 0; k < j.meters().size(); k++) {
            meters.addAll(meters(j.meters().get(k), name, defaultInterval, where + ".meters[" + k + "]"));
        }
        Duration timeout =
                j.timeout() == null ? ClientConfig.DEFAULT_TIMEOUT : duration(j.timeout(), where + ".timeout");
        try {
            return new BridgeLine(name, endpoint, timeout, j.retries() == null ? 2 : j.retries(), meters);
        } catch (IllegalArgumentException e) {
            throw new ConfigError.AtField(where, e.getMessage());
        }
    }

    private static Endpoint endpoint(LineJson j, String where) {
        int given = (j.tcp() != null ? 1 : 0) + (j.rtuTcp() != null ? 1 : 0) + (j.serial() != null ? 1 : 0);
        if (given != 1) {
            throw new ConfigError.AtField(where, "give exactly one of tcp, rtuTcp and serial");
        }
        if (j.serial() != null) {
            return new Endpoint.Serial(
                    j.serial(),
                    new LineSettings(
                            j.baud() == null ? LineSettings.FACTORY.baud() : j.baud(),
                            j.parity() == null
                                    ? LineSettings.FACTORY.parity()
                                    : parity(j.parity(), where + ".parity")));
        }
        if (j.baud() != null || j.parity() != null) {
            throw new ConfigError.AtField(
                    where + (j.baud() != null ? ".baud" : ".parity"),
                    "baud and parity are for serial lines; a gateway's serial side is set on the gateway");
        }
        String field = where + (j.tcp() != null ? ".tcp" : ".rtuTcp");
        HostPort hp;
        try {
            hp = HostPort.parse(j.tcp() != null ? j.tcp() : j.rtuTcp(), 502);
        } catch (IllegalArgumentException e) {
            throw new ConfigError.AtField(field, e.getMessage());
        }
        return j.tcp() != null
                ? new Endpoint.ModbusTcp(hp.host(), hp.port())
                : new Endpoint.RtuOverTcp(hp.host(), hp.port());
    }

    private static List<PolledMeter> meters(MeterJson j, String line, Duration defaultInterval, String where) {
        if ((j.unit() == null) == (j.units() == null)) {
            throw new ConfigError.AtField(where, "give exactly one of unit and units");
        }
        List<Integer> ids;
        try {
            ids = UnitIds.parse(j.unit() != null ? String.valueOf(j.unit()) : j.units());
        } catch (IllegalArgumentException e) {
            throw new ConfigError.AtField(where + (j.unit() != null ? ".unit" : ".units"), e.getMessage());
        }
        if (j.name() != null && ids.size() > 1) {
            throw new ConfigError.AtField(where + ".name", "a name is for one meter; give each meter its own entry");
        }
        Duration interval = j.interval() == null ? defaultInterval : duration(j.interval(), where + ".interval");
        return ids.stream()
                .map(id -> new PolledMeter(new BridgeMeter(line, id, j.name() == null ? "" : j.name()), interval))
                .toList();
    }

    private static Parity parity(String text, String field) {
        try {
            return Code.PARITY.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigError.AtField(field, e.getMessage());
        }
    }

    private static Duration duration(String text, String field) {
        try {
            return Durations.positive(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigError.AtField(field, e.getMessage());
        }
    }
}
