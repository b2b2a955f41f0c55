package org.pro380.twin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.pro380.meter.Load;
import org.pro380.meter.PhaseLoad;

/**
 * The load as JSON, one shape both ways:
 *
 * <pre>
 * {"frequency": 50.0,
 *  "phases": [{"voltage": 230.0, "current": 16.0, "powerFactor": 1.0, "export": false, "capacitive": false}, x3]}
 * </pre>
 *
 * Reading is strict: unknown or mistyped fields are refused; voltage, current and powerFactor are
 * required, export and capacitive default to false. The ranges are those of {@link Load} and
 * {@link PhaseLoad}, whose constructors check them; their message is passed on.
 */
public final class LoadJson {

    private static final List<String> LOAD_FIELDS = List.of("frequency", "phases");
    private static final List<String> PHASE_FIELDS =
            List.of("voltage", "current", "powerFactor", "export", "capacitive");

    private LoadJson() {}

    /** The load in {@code json} (a config file's "load"); IllegalArgumentException says what is wrong. */
    public static Load read(JsonNode json) {
        try {
            return parse(json);
        } catch (ApiException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static Load parse(JsonNode body) throws ApiException {
        JsonFields load = JsonFields.of(body, "", LOAD_FIELDS);
        double frequency = load.number("frequency");
        List<JsonNode> phaseNodes = load.array("phases");
        List<PhaseLoad> phases = new ArrayList<>();
        for (int i = 0; i < phaseNodes.size(); i++) {
            phases.add(phase(phaseNodes.get(i), "phases[" + i + "]"));
        }
        try {
            return new Load(frequency, phases);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static PhaseLoad phase(JsonNode node, String where) throws ApiException {
        JsonFields phase = JsonFields.of(node, where, PHASE_FIELDS);
        double voltage = phase.number("voltage");
        double current = phase.number("current");
        double powerFactor = phase.number("powerFactor");
        boolean export = phase.bool("export", false);
        boolean capacitive = phase.bool("capacitive", false);
        try {
            return new PhaseLoad(voltage, current, powerFactor, export, capacitive);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(where + ": " + e.getMessage());
        }
    }

    static ObjectNode toJson(Load load) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("frequency", load.frequency());
        ArrayNode phases = json.putArray("phases");
        for (PhaseLoad p : load.phases()) {
            phases.addObject()
                    .put("voltage", p.voltage())
                    .put("current", p.current())
                    .put("powerFactor", p.powerFactor())
                    .put("export", p.export())
                    .put("capacitive", p.capacitive());
        }
        return json;
    }
}
