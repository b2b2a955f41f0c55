package org.pro380.twin.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pro380.meter.WiringFault;

/**
 * The faults as the control API and the config file give them: a JSON object keyed by fault name,
 * {@code {"drop":{"probability":0.1}, "exception":{"code":6,"count":3}, "delay":{"min":"300ms","max":"900ms"}}}.
 * A bad name or value is an IllegalArgumentException with one line that names it.
 */
public final class FaultJson {

    private static final Set<String> COMMON = Set.of("probability", "functions", "registers", "count", "for");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private FaultJson() {}

    /** The rules of a meter's faults object, in its order. */
    public static List<FaultRule> read(JsonNode faults) {
        return read(faults, "{\"drop\":{}}", FaultJson::rule);
    }

    /** The rules of a bus's line faults object: {@code {"noise":{"probability":0.2,"bytes":"zero"}}, {"swappedAB":{}}}. */
    public static List<FaultRule> readLine(JsonNode faults) {
        return read(faults, "{\"noise\":{\"probability\":0.1}}", FaultJson::lineRule);
    }

    private static List<FaultRule> read(
            JsonNode faults, String example, java.util.function.BiFunction<String, JsonNode, FaultRule> rule) {
        if (faults == null || !faults.isObject()) {
            throw new IllegalArgumentException("faults must be a JSON object keyed by fault name, e.g. " + example);
        }
        List<FaultRule> rules = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = faults.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            rules.add(rule.apply(e.getKey(), e.getValue()));
        }
        return rules;
    }

    private static FaultRule lineRule(String name, JsonNode body) {
        if (!Fault.LINE_NAMES.contains(name)) {
            throw new IllegalArgumentException("no line fault \"" + name + "\": they are "
                    + String.join(", ", Fault.LINE_NAMES) + " (a meter's faults go to /api/meters/{k}/faults)");
        }
        checkFields(name, body, name.equals("noise") ? Set.of("probability", "count", "for", "bytes") : Set.of("for"));
        return new FaultRule(
                name.equals("noise") ? new Fault.Noise(noiseBytes(body.get("bytes"))) : new Fault.SwappedAB(),
                number(name, body, "probability", 1),
                Set.of(),
                Optional.empty(),
                body.has("count") ? OptionalInt.of(integer(name, body.get("count"), "count")) : OptionalInt.empty(),
                body.has("for") ? Optional.of(duration(name + ": for", body.get("for"))) : Optional.empty());
    }

    /** "random" (the default) or "zero". */
    static Fault.NoiseBytes noiseBytes(JsonNode v) {
        if (v == null) {
            return Fault.NoiseBytes.RANDOM;
        }
        return switch (v.asText()) {
            case "random" -> Fault.NoiseBytes.RANDOM;
            case "zero" -> Fault.NoiseBytes.ZERO;
            default -> throw new IllegalArgumentException("noise: bytes must be \"random\" or \"zero\", got " + v);
        };
    }

    private static void checkFields(String name, JsonNode body, Set<String> allowed) {
        if (!body.isObject()) {
            throw new IllegalArgumentException(name + ": expected an object, e.g. {\"" + name + "\":{}}");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw new IllegalArgumentException(name + ": unknown field \"" + field + "\"");
            }
        }
    }

    private static FaultRule rule(String name, JsonNode body) {
        if (WiringFault.NAMES.contains(name)) {
            return WiringJson.rule(name, body);
        }
        if (Fault.LINE_NAMES.contains(name)) {
            throw new IllegalArgumentException(
                    name + " is a fault of a bus's line: PUT it to /api/buses/{b}/faults (docs/faults.md)");
        }
        if (!Fault.NAMES.contains(name)) {
            throw new IllegalArgumentException("no fault \"" + name + "\": they are " + String.join(", ", Fault.NAMES)
                    + ", " + String.join(", ", WiringFault.NAMES));
        }
        Set<String> allowed = new java.util.HashSet<>(COMMON);
        allowed.addAll(ownFields(name));
        checkFields(name, body, allowed);
        return new FaultRule(
                fault(name, body),
                number(name, body, "probability", 1),
                functions(name, body.get("functions")),
                registers(name, body.get("registers")),
                body.has("count") ? OptionalInt.of(integer(name, body.get("count"), "count")) : OptionalInt.empty(),
                body.has("for") ? Optional.of(duration(name + ": for", body.get("for"))) : Optional.empty());
    }

    private static Set<String> ownFields(String name) {
        return switch (name) {
            case "delay" -> Set.of("min", "max", "ms");
            case "exception" -> Set.of("code");
            case "split" -> Set.of("gap");
            default -> Set.of();
        };
    }

    static Fault fault(String name, JsonNode body) {
        return switch (name) {
            case "drop" -> new Fault.Drop();
            case "delay" -> delay(body);
            case "exception" -> new Fault.Exception(body.has("code") ? integer(name, body.get("code"), "code") : 6);
            case "corruptCrc" -> new Fault.CorruptCrc();
            case "corruptLength" -> new Fault.CorruptLength();
            case "wrongUnit" -> new Fault.WrongUnit();
            case "wrongFunction" -> new Fault.WrongFunction();
            case "truncate" -> new Fault.Truncate();
            case "extraBytes" -> new Fault.ExtraBytes();
            case "wrongTransaction" -> new Fault.WrongTransaction();
            case "split" ->
                new Fault.Split(
                        body.has("gap") ? Optional.of(duration("split: gap", body.get("gap"))) : Optional.empty());
            case "stuck" -> new Fault.Stuck();
            case "disconnect" -> new Fault.Disconnect();
            case "swappedAB" -> new Fault.SwappedAB();
            default -> new Fault.Garbage();
        };
    }

    private static Fault.Delay delay(JsonNode body) {
        if (body.has("ms")) {
            Duration fixed = duration("delay: ms", body.get("ms"));
            return new Fault.Delay(fixed, fixed);
        }
        if (!body.has("min")) {
            throw new IllegalArgumentException(
                    "delay: give \"ms\" (fixed) or \"min\" and \"max\", e.g. {\"min\":\"300ms\",\"max\":\"900ms\"}");
        }
        Duration min = duration("delay: min", body.get("min"));
        return new Fault.Delay(min, body.has("max") ? duration("delay: max", body.get("max")) : min);
    }

    private static double number(String name, JsonNode body, String field, double otherwise) {
        JsonNode v = body.get(field);
        if (v == null) {
            return otherwise;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(name + ": " + field + " must be a number, got " + v);
        }
        return v.doubleValue();
    }

    private static int integer(String name, JsonNode v, String field) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException(name + ": " + field + " must be a whole number, got " + v);
        }
        return v.intValue();
    }

    private static Set<Integer> functions(String name, JsonNode v) {
        if (v == null) {
            return Set.of();
        }
        if (!v.isArray() || v.isEmpty()) {
            throw new IllegalArgumentException(name + ": functions must be a list of function codes, e.g. [3, 16]");
        }
        Set<Integer> codes = new LinkedHashSet<>();
        v.forEach(f -> codes.add(integer(name, f, "functions")));
        return codes;
    }

    private static Optional<FaultRule.Registers> registers(String name, JsonNode v) {
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isObject() || !v.has("from")) {
            throw new IllegalArgumentException(name + ": registers must be {\"from\": ..., \"to\": ...}");
        }
        int from = integer(name, v.get("from"), "registers.from");
        int to = v.has("to") ? integer(name, v.get("to"), "registers.to") : from;
        try {
            return Optional.of(new FaultRule.Registers(from, to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    /** "300ms", "2s", "1m", "1h", or a number of milliseconds; {@code what} leads the error. */
    public static Duration duration(String what, JsonNode v) {
        if (v.isIntegralNumber() && v.longValue() >= 0) {
            return Duration.ofMillis(v.longValue());
        }
        return duration(what, v.asText());
    }

    /** "300ms", "2s", "1m" or "1h". */
    static Duration duration(String what, String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " must be a duration like 300ms, 2s or 1m, got \"" + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** {@code {"reply":[...],"wiring":[...]}}: every fault's name, for the panel to offer them. */
    public static ObjectNode kinds() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Fault.NAMES.forEach(out.putArray("reply")::add);
        WiringFault.NAMES.forEach(out.putArray("wiring")::add);
        return out;
    }

    /** The active faults as GET shows them: each rule as it was given, with {@code applied} and what is left. */
    public static ObjectNode write(List<MeterFaults.Status> active) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (MeterFaults.Status s : active) {
            FaultRule r = s.rule();
            ObjectNode f = out.putObject(r.fault().name());
            if (r.fault() instanceof Fault.Wiring w) {
                WiringJson.write(w, s, f);
                continue;
            }
            if (r.fault() instanceof Fault.Delay d) {
                f.put("min", d.min().toMillis() + "ms").put("max", d.max().toMillis() + "ms");
            } else if (r.fault() instanceof Fault.Exception e) {
                f.put("code", e.code());
            } else if (r.fault() instanceof Fault.Split sp && sp.gap().isPresent()) {
                f.put("gap", sp.gap().get().toMillis() + "ms");
            } else if (r.fault() instanceof Fault.Noise n) {
                f.put("bytes", n.bytes().name().toLowerCase(java.util.Locale.ROOT));
            }
            f.put("probability", r.probability());
            if (!r.functions().isEmpty()) {
                r.functions().stream().sorted().forEach(f.putArray("functions")::add);
            }
            r.registers()
                    .ifPresent(reg ->
                            f.putObject("registers").put("from", reg.from()).put("to", reg.to()));
            s.left().ifPresent(left -> f.put("count", left));
            s.until().ifPresent(until -> f.put("until", until.toString()));
            f.put("applied", s.applied());
        }
        return out;
    }
}
