package org.pro380.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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

    /**
     * The load in {@code json} (a config file's "load", a request body, a profile's point);
     * {@link JsonFieldException} says what is wrong.
     */
    public static Load read(JsonNode json) {
        JsonFields load = JsonFields.of(json, "", LOAD_FIELDS);
        double frequency = load.number("frequency");
        List<JsonNode> phaseNodes = load.array("phases");
        List<PhaseLoad> phases = new ArrayList<>();
        for (int i = 0; i < phaseNodes.size(); i++) {
            phases.add(phase(phaseNodes.get(i), "phases[" + i + "]"));
        }
        try {
            return new Load(frequency, phases);
        } catch (IllegalArgumentException e) {
            throw new JsonFieldException(e.getMessage());
        }
    }

    private static PhaseLoad phase(JsonNode node, String where) {
        JsonFields phase = JsonFields.of(node, where, PHASE_FIELDS);
        double voltage = phase.number("voltage");
        double current = phase.number("current");
        double powerFactor = phase.number("powerFactor");
        boolean export = phase.bool("export", false);
        boolean capacitive = phase.bool("capacitive", false);
        try {
            return new PhaseLoad(voltage, current, powerFactor, export, capacitive);
        } catch (IllegalArgumentException e) {
            throw new JsonFieldException(where + ": " + e.getMessage());
        }
    }

    public static ObjectNode toJson(Load load) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
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
