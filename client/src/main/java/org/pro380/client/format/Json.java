package org.pro380.client.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.pro380.client.Snapshot;
import org.pro380.registers.DataType;
import org.pro380.registers.LcdPhase;
import org.pro380.registers.Register;

/**
 * A snapshot as one JSON document:
 * <pre>
 * {"unitId":1,"time":"...","requests":3,"bytesSent":24,"bytesReceived":363,
 *  "registers":{"serial-number":{"address":"0x4000","value":"22091039"},
 *               "voltage-l1":{"address":"0x5002","value":230.1,"unit":"V"}, ...}}
 * </pre>
 * Measurements are numbers (the f32's shortest decimal); serial number, hex codes and
 * directions are strings. Every JSON the project writes puts a register's f32 through
 * {@link #f32}: the twin's control API, the bridge's web API, MQTT and {@code watch -f json}.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    public static ObjectNode tree(Snapshot snapshot) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("unitId", snapshot.unitId());
        root.put("time", snapshot.time().toString());
        root.put("requests", snapshot.traffic().requests());
        root.put("bytesSent", snapshot.traffic().bytesSent());
        root.put("bytesReceived", snapshot.traffic().bytesReceived());
        ObjectNode registers = root.putObject("registers");
        for (Map.Entry<Register<?>, Object> e : snapshot.values().entrySet()) {
            Register<?> r = e.getKey();
            ObjectNode node = registers.putObject(r.key());
            node.put("address", String.format("0x%04X", r.address()));
            put(node, r, e.getValue());
            if (!r.unit().symbol().isEmpty()) {
                node.put("unit", r.unit().symbol());
            }
        }
        return root;
    }

    public static String render(Snapshot snapshot) {
        try {
            return MAPPER.writeValueAsString(tree(snapshot)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * An f32 register's value as the meter holds it: the shortest decimal that reads back as the
     * same f32 (3.2, not 3.200000047683716; 1.0925, not 1.0924999999999998). JSON has no NaN or
     * infinity, so those are strings.
     */
    public static JsonNode f32(double value) {
        if (!Double.isFinite(value)) {
            return JsonNodeFactory.instance.textNode(Float.toString((float) value));
        }
        return JsonNodeFactory.instance.numberNode(ValueText.decimal(value));
    }

    /**
     * The LCD's phase marks, as the twin's state document and {@code pro380 ui} write them:
     * {@code [{"phase":"L1","lit":true,"reverse":false,"text":"L1 →"}, ...]}.
     */
    public static ArrayNode lcdPhases(List<LcdPhase> phases) {
        ArrayNode array = MAPPER.createArrayNode();
        phases.forEach(p -> array.addObject()
                .put("phase", p.phase().name())
                .put("lit", p.lit())
                .put("reverse", p.reverse())
                .put("text", p.text()));
        return array;
    }

    private static void put(ObjectNode node, Register<?> r, Object value) {
        if (value instanceof Double d) {
            node.set("value", f32(d));
        } else if (value instanceof Integer i && r.type() != DataType.BCD32) {
            node.put("value", i);
        } else {
            node.put("value", ValueText.exact(r, value));
        }
    }
}
