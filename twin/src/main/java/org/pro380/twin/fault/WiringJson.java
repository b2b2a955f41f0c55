package org.pro380.twin.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.pro380.meter.WiringFault;
import org.pro380.registers.Phase;

/**
 * The wiring faults of a faults object: {@code {"reversedCt":{"phases":["L1"]}}}, {@code
 * {"lostPhase":{"phases":"L3","for":"2m"}}}, {@code {"lostNeutral":{}}}. They change what the
 * meter measures, not its replies, so they take {@code for} but none of the reply faults'
 * {@code probability}, {@code count}, {@code functions} or {@code registers}.
 */
final class WiringJson {

    private static final Set<String> REPLY_ONLY = Set.of("probability", "count", "functions", "registers");

    private WiringJson() {}

    static FaultRule rule(String name, JsonNode body) {
        if (!body.isObject()) {
            throw new IllegalArgumentException(name + ": expected an object, e.g. {\"" + name + "\":"
                    + (name.equals("lostNeutral") ? "{}" : "{\"phases\":[\"L1\"]}") + "}");
        }
        boolean phased = !name.equals("lostNeutral");
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (REPLY_ONLY.contains(field)) {
                throw new IllegalArgumentException(name + ": a wiring fault takes no \"" + field
                        + "\": it holds until cleared, or for a duration (\"for\")");
            }
            if (!field.equals("for") && !(phased && field.equals("phases"))) {
                throw new IllegalArgumentException(name + ": unknown field \"" + field + "\"");
            }
        }
        WiringFault fault = switch (name) {
            case "reversedCt" -> new WiringFault.ReversedCt(phases(name, body.get("phases")));
            case "lostPhase" -> new WiringFault.LostPhase(phases(name, body.get("phases")));
            default -> new WiringFault.LostNeutral();
        };
        return new FaultRule(
                new Fault.Wiring(fault),
                1,
                Set.of(),
                Optional.empty(),
                OptionalInt.empty(),
                body.has("for") ? Optional.of(FaultJson.duration(name + ": for", body.get("for"))) : Optional.empty());
    }

    /** "L2" or ["L1", "L3"], any case. */
    private static Set<Phase> phases(String name, JsonNode v) {
        if (v == null || !(v.isTextual() || v.isArray() && !v.isEmpty())) {
            throw new IllegalArgumentException(name + ": phases must be a list of L1, L2, L3, e.g. [\"L1\"]");
        }
        Set<Phase> phases = EnumSet.noneOf(Phase.class);
        for (JsonNode p : v.isArray() ? v : List.of(v)) {
            phases.add(phase(name, p));
        }
        return phases;
    }

    private static Phase phase(String name, JsonNode p) {
        String text = p.isTextual() ? p.textValue().toUpperCase(Locale.ROOT) : "";
        for (Phase phase : Phase.values()) {
            if (phase.name().equals(text)) {
                return phase;
            }
        }
        throw new IllegalArgumentException(name + ": phases are L1, L2, L3, got " + p);
    }

    /** A wiring fault as GET shows it: its phases and, with a duration, when it wears off. */
    static void write(Fault.Wiring wiring, MeterFaults.Status status, ObjectNode into) {
        if (!(wiring.wiring() instanceof WiringFault.LostNeutral)) {
            wiring.wiring().phases().stream().sorted().map(Phase::name).forEach(into.putArray("phases")::add);
        }
        status.until().ifPresent(until -> into.put("until", until.toString()));
    }
}
