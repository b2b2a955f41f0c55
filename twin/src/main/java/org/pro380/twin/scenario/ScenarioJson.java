package org.pro380.twin.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.pro380.meter.StorageError;
import org.pro380.meter.TariffInput;
import org.pro380.profile.LoadJson;
import org.pro380.profile.Profile;
import org.pro380.profile.ProfileJson;
import org.pro380.profile.Profiles;
import org.pro380.twin.fault.FaultJson;

/**
 * A scenario file (docs/scenarios.md):
 *
 * <pre>
 * {"name": "grid-meter-lost", "loop": false,
 *  "steps": [{"at": "10s", "faults": {"drop": {}}},
 *            {"at": "130s", "meter": 2, "faults": {}}]}
 * </pre>
 *
 * Each step's actions take the bodies of the control API's calls. Reading is strict: a bad value
 * is an IllegalArgumentException of one line that names the step ({@code step 3: ...}).
 */
public final class ScenarioJson {

    /** A step's action keys, in the order a step applies them. */
    public static final List<String> ACTIONS =
            List.of("storageFault", "faults", "load", "profile", "tariffInput", "power");

    private static final Set<String> FIELDS = Set.of("name", "description", "loop", "length", "steps");
    private static final Set<String> STEP_FIELDS = Set.of("at", "meter", "note");
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ScenarioJson() {}

    /** The scenario in a file's {@code text}, named {@code name} unless it names itself; errors start with {@code source}. */
    public static Scenario parse(String name, String source, String text) {
        JsonNode json;
        try {
            json = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new IllegalArgumentException(source + ":" + line + ": not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        try {
            return read(name, json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }

    /** The scenario in {@code json} (a request body, a config file's value), named {@code name} unless it names itself. */
    public static Scenario read(String name, JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a scenario is a JSON object with \"steps\", e.g. "
                    + "{\"steps\":[{\"at\":\"10s\",\"faults\":{\"drop\":{}}}]}");
        }
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field \"" + field + "\": a scenario has "
                        + String.join(", ", List.of("name", "description", "loop", "length", "steps")));
            }
        }
        JsonNode stepsNode = json.get("steps");
        if (stepsNode == null || !stepsNode.isArray() || stepsNode.isEmpty()) {
            throw new IllegalArgumentException("\"steps\" must be a list of at least one step");
        }
        List<Step> steps = new ArrayList<>();
        for (JsonNode node : stepsNode) {
            Step step = step(steps.size() + 1, node);
            if (!steps.isEmpty()
                    && step.at().compareTo(steps.get(steps.size() - 1).at()) < 0) {
                throw new IllegalArgumentException("step " + step.number() + ": at " + Durations.text(step.at())
                        + " comes before step " + (step.number() - 1) + "'s "
                        + Durations.text(steps.get(steps.size() - 1).at()) + ": list the steps in time order");
            }
            steps.add(step);
        }
        Duration last = steps.get(steps.size() - 1).at();
        Duration length = json.has("length") ? FaultJson.duration("length", json.get("length")) : last;
        return new Scenario(
                text(json, "name").orElse(name),
                text(json, "description").orElse(""),
                bool(json, "loop"),
                length,
                steps);
    }

    private static Step step(int number, JsonNode node) {
        try {
            return readStep(number, node);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("step " + number + ": " + e.getMessage());
        }
    }

    private static Step readStep(int number, JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("a step is an object, e.g. {\"at\":\"10s\",\"power\":\"off\"}");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!STEP_FIELDS.contains(field) && !ACTIONS.contains(field)) {
                throw new IllegalArgumentException("unknown field \"" + field + "\": a step has at, meter, note and "
                        + String.join(", ", ACTIONS));
            }
        }
        if (!node.has("at")) {
            throw new IllegalArgumentException("missing \"at\": the meter time of the step, e.g. \"10s\"");
        }
        Duration at = FaultJson.duration("at", node.get("at"));
        List<Action> actions = new ArrayList<>();
        for (String key : ACTIONS) {
            if (node.has(key)) {
                actions.add(action(key, node.get(key)));
            }
        }
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("does nothing: give one of " + String.join(", ", ACTIONS));
        }
        return new Step(
                number,
                at,
                meters(node.get("meter")),
                actions,
                text(node, "note").orElse(""));
    }

    private static Action action(String key, JsonNode value) {
        try {
            return switch (key) {
                case "storageFault" -> new Action.SetStorageFault(storageFault(value));
                case "faults" -> new Action.ReplaceFaults(FaultJson.read(value));
                case "load" -> new Action.SetLoad(LoadJson.read(value));
                case "profile" -> new Action.PlayProfile(profile(value));
                case "tariffInput" -> new Action.SetTariffInput(tariffInput(value));
                default -> new Action.SetPower(power(value));
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    /** 3, or [1, 3]; absent: every meter. */
    private static List<Integer> meters(JsonNode value) {
        if (value == null) {
            return List.of();
        }
        List<Integer> meters = new ArrayList<>();
        for (JsonNode m : value.isArray() && !value.isEmpty() ? value : List.of(value)) {
            if (!m.isIntegralNumber() || !m.canConvertToInt() || m.intValue() < 1) {
                throw new IllegalArgumentException(
                        "meter must be a meter's number (1, 2, ...) or a list of them, got " + value);
            }
            meters.add(m.intValue());
        }
        return meters;
    }

    private static Optional<StorageError> storageFault(JsonNode value) {
        if (value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(StorageError.ofDisplay(value.asText())
                .filter(e -> value.isTextual())
                .orElseThrow(() -> new IllegalArgumentException("must be one of "
                        + Arrays.stream(StorageError.values())
                                .map(e -> "\"" + e.display() + "\"")
                                .collect(Collectors.joining(", "))
                        + " or null, got " + value)));
    }

    /** A built-in's name, a series inline, or null for the fixed load (as {@code PUT /api/profile}). */
    private static Optional<Profile> profile(JsonNode value) {
        if (value.isNull()) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            return Optional.of(Profiles.builtIn(value.textValue())
                    .orElseThrow(() -> new IllegalArgumentException("no built-in profile \"" + value.textValue()
                            + "\": they are " + String.join(", ", Profiles.BUILT_IN)
                            + "; give any other as a series inline")));
        }
        return Optional.of(ProfileJson.read("inline", value));
    }

    private static TariffInput tariffInput(JsonNode value) {
        return Arrays.stream(TariffInput.values())
                .filter(i -> value.isTextual() && i.name().equalsIgnoreCase(value.textValue()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "must be \"none\", \"T2\" (12 V on pin 2) or \"T3\" (12 V on pin 1), got " + value));
    }

    private static boolean power(JsonNode value) {
        if (value.isTextual()
                && (value.textValue().equals("on") || value.textValue().equals("off"))) {
            return value.textValue().equals("on");
        }
        throw new IllegalArgumentException("must be \"on\" or \"off\", got " + value);
    }

    private static Optional<String> text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, got " + v);
        }
        return Optional.of(v.textValue());
    }

    private static boolean bool(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false, got " + v);
        }
        return v.booleanValue();
    }
}
