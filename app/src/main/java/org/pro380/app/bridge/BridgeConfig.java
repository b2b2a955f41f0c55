package org.pro380.app.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pro380.app.UserError;
import org.pro380.app.client.DurationText;
import org.pro380.bridge.BridgeLine;
import org.pro380.bridge.BridgeMeter;
import org.pro380.bridge.PolledMeter;
import org.pro380.bridge.UnitIds;
import org.pro380.client.ClientConfig;
import org.pro380.client.Endpoint;
import org.pro380.protocol.LineSettings;
import org.pro380.registers.Code;
import org.pro380.twin.HostPort;

/**
 * The bridge's config file (docs/bridge.md): several lines, each with its connection and meters.
 * <pre>
 * {"lines": [{"name": "house", "tcp": "192.168.1.50:502",
 *             "meters": [{"unit": 1, "name": "main", "interval": "5s"}, {"units": "2..4"}]},
 *            {"name": "garage", "serial": "/dev/ttyUSB0", "baud": 9600, "parity": "even",
 *             "timeout": "500ms", "retries": 1, "meters": [{"unit": 7}]}]}
 * </pre>
 * Errors are one line: "FILE:LINE:COL: what" for JSON that does not fit, "FILE: lines[0].meters[1]: what" for values.
 */
final class BridgeConfig {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    record Root(List<LineJson> lines) {
    }

    record LineJson(String name, String tcp, String rtuTcp, String serial, Integer baud, String parity, String timeout,
            Integer retries, List<MeterJson> meters) {
    }

    record MeterJson(Integer unit, String units, String name, String interval) {
    }

    private BridgeConfig() {
    }

    static List<BridgeLine> read(Path file, Duration defaultInterval) {
        Root root;
        try {
            root = JSON.readValue(Files.readString(file), Root.class);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr() + ":";
            throw new UserError(file + ":" + at + " " + e.getOriginalMessage().lines().findFirst().orElse(""), 2);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), 2);
        }
        if (root == null || root.lines() == null || root.lines().isEmpty()) {
            throw new UserError(file + ": lines: expected a list of at least one line", 2);
        }
        List<BridgeLine> lines = new ArrayList<>();
        for (int i = 0; i < root.lines().size(); i++) {
            String where = file + ": lines[" + i + "]";
            try {
                BridgeLine line = line(root.lines().get(i), defaultInterval, where);
                if (lines.stream().anyMatch(l -> l.name().equals(line.name()))) {
                    throw new IllegalArgumentException("name: another line is named '" + line.name() + "'");
                }
                lines.add(line);
            } catch (IllegalArgumentException e) {
                throw new UserError(where + ": " + e.getMessage(), 2);
            }
        }
        return lines;
    }

    private static BridgeLine line(LineJson j, Duration defaultInterval, String where) {
        Endpoint endpoint = endpoint(j);
        String name = j.name() != null ? j.name() : endpoint.toString();
        if (j.meters() == null || j.meters().isEmpty()) {
            throw new IllegalArgumentException("meters: expected a list of at least one meter");
        }
        List<PolledMeter> meters = new ArrayList<>();
        for (int k = 0; k < j.meters().size(); k++) {
            try {
                meters.addAll(meters(j.meters().get(k), name, defaultInterval));
            } catch (IllegalArgumentException e) {
                throw new UserError(where + ".meters[" + k + "]: " + e.getMessage(), 2);
            }
        }
        Duration timeout = j.timeout() == null ? ClientConfig.DEFAULT_TIMEOUT : duration(j.timeout());
        return new BridgeLine(name, endpoint, timeout, j.retries() == null ? 2 : j.retries(), meters);
    }

    private static Endpoint endpoint(LineJson j) {
        int given = (j.tcp() != null ? 1 : 0) + (j.rtuTcp() != null ? 1 : 0) + (j.serial() != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("give exactly one of tcp, rtuTcp and serial");
        }
        if (j.serial() != null) {
            return new Endpoint.Serial(j.serial(), new LineSettings(j.baud() == null ? LineSettings.FACTORY.baud() : j.baud(),
                    j.parity() == null ? LineSettings.FACTORY.parity() : Code.PARITY.parse(j.parity())));
        }
        if (j.baud() != null || j.parity() != null) {
            throw new IllegalArgumentException("baud and parity are for serial lines; a gateway's serial side is set on the gateway");
        }
        HostPort hp = HostPort.parse(j.tcp() != null ? j.tcp() : j.rtuTcp());
        return j.tcp() != null ? new Endpoint.ModbusTcp(hp.host(), hp.port()) : new Endpoint.RtuOverTcp(hp.host(), hp.port());
    }

    private static List<PolledMeter> meters(MeterJson j, String line, Duration defaultInterval) {
        if ((j.unit() == null) == (j.units() == null)) {
            throw new IllegalArgumentException("give exactly one of unit and units");
        }
        List<Integer> ids = j.unit() != null ? UnitIds.parse(String.valueOf(j.unit())) : UnitIds.parse(j.units());
        if (j.name() != null && ids.size() > 1) {
            throw new IllegalArgumentException("a name is for one meter; give each meter its own entry");
        }
        Duration interval = j.interval() == null ? defaultInterval : duration(j.interval());
        return ids.stream().map(id -> new PolledMeter(new BridgeMeter(line, id, j.name() == null ? "" : j.name()), interval)).toList();
    }

    private static Duration duration(String text) {
        try {
            return new DurationText().convert(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
