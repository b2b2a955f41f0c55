package org.pro380.twin.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.pro380.meter.Load;
import org.pro380.meter.PhaseLoad;

/**
 * A mapping of messages of another shape (Tasmota, Shelly, OpenDTU, ...) to a load
 * (docs/mirror.md, examples in docs/source-maps/):
 *
 * <pre>
 * {"frequency": "$.ENERGY.Frequency",
 *  "phases": [{"voltage": "$.ENERGY.Voltage[0]", "current": "$.ENERGY.Current[0]",
 *              "power": "$.ENERGY.Power[0]", "powerFactor": "$.ENERGY.Factor[0]"}, x3]}
 * </pre>
 *
 * Each quantity is a JSON path, {@code {"path": ..., "scale": n}} or a constant. Per phase,
 * current or power is required; voltage defaults to 230 V, frequency to 50 Hz; what is not
 * mapped is derived ({@link PhaseSample}).
 */
public final class SourceMap implements LoadReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FIELDS = List.of("frequency", "phases");
    private static final MappedValue DEFAULT_FREQUENCY = new MappedValue.Constant(PhaseSample.DEFAULT_FREQUENCY);

    private final MappedValue frequency;
    private final List<Map<String, MappedValue>> phases;

    private SourceMap(MappedValue frequency, List<Map<String, MappedValue>> phases) {
        this.frequency = frequency;
        this.phases = phases;
    }

    /** The map in {@code file}; IllegalArgumentException says in one line, with the file name, what is wrong. */
    public static SourceMap load(Path file) {
        return load(file, SourceMap::parse);
    }

    /** The map that {@code parse} makes of the JSON in {@code file}; IllegalArgumentException says in one line what is wrong. */
    static <T> T load(Path file, Function<JsonNode, T> parse) {
        try {
            return parse.apply(MAPPER.readTree(Files.readString(file)));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    static SourceMap parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("expected an object with \"phases\"");
        }
        onlyKnown(json, "", FIELDS);
        JsonNode phaseNodes = json.path("phases");
        if (!phaseNodes.isArray() || phaseNodes.size() != 3) {
            throw new IllegalArgumentException("phases: expected an array of 3 phases");
        }
        List<Map<String, MappedValue>> phases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            phases.add(phase(phaseNodes.get(i), "phases[" + i + "]"));
        }
        MappedValue frequency =
                json.has("frequency") ? MappedValue.of(json.get("frequency"), "frequency") : DEFAULT_FREQUENCY;
        return new SourceMap(frequency, List.copyOf(phases));
    }

    private static Map<String, MappedValue> phase(JsonNode node, String where) {
        checkPhase(node, where);
        Map<String, MappedValue> values = new HashMap<>();
        node.fields()
                .forEachRemaining(f -> values.put(f.getKey(), MappedValue.of(f.getValue(), where + "." + f.getKey())));
        return Map.copyOf(values);
    }

    /** A phase of any source map: an object of {@link PhaseSample#QUANTITIES}, with current or power. */
    static void checkPhase(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": expected an object");
        }
        onlyKnown(node, where + ".", PhaseSample.QUANTITIES);
        if (!node.has("current") && !node.has("power")) {
            throw new IllegalArgumentException(where + ": needs \"current\" or \"power\"");
        }
    }

    static void onlyKnown(JsonNode node, String where, List<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(
                        where + name + ": unknown field (expected one of " + String.join(", ", known) + ")");
            }
        }
    }

    @Override
    public Load read(JsonNode message) {
        List<PhaseLoad> loads = PhaseSample.loads(i -> sample(phases.get(i), message));
        return new Load(frequency.in(message), loads);
    }

    private static PhaseSample sample(Map<String, MappedValue> phase, JsonNode message) {
        return PhaseSample.of(name -> value(phase, name, message));
    }

    private static OptionalDouble value(Map<String, MappedValue> phase, String name, JsonNode message) {
        return Optional.ofNullable(phase.get(name))
                .map(v -> OptionalDouble.of(v.in(message)))
                .orElse(OptionalDouble.empty());
    }
}
