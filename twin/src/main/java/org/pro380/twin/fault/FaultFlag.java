package org.pro380.twin.fault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.pro380.meter.WiringFault;

/**
 * One {@code --fault} flag: {@code NAME}, {@code NAME=VALUE}, optionally for one meter with
 * {@code meter=K:} in front, or for one bus's line with {@code bus=B:}. The value is the
 * probability (drop=0.1, corruptCrc=0.5, noise=0.1), the code (exception=6), the delay
 * (delay=50ms, delay=50ms..300ms), the phases of a wiring fault (reversedCt=L2,
 * lostPhase=L1,L3), or a line's noise bytes after its probability (noise=0.1,zero). Without a
 * meter or bus, every meter (every bus for a line fault).
 */
public record FaultFlag(Optional<Integer> meter, Optional<Integer> bus, FaultRule rule) {

    public FaultFlag {
        if (meter.isPresent() && bus.isPresent()) {
            throw new IllegalArgumentException("a fault is for a meter or for a bus, not both");
        }
    }

    /** A meter's fault: every meter's without {@code meter}. */
    public FaultFlag(Optional<Integer> meter, FaultRule rule) {
        this(meter, Optional.empty(), rule);
    }

    /** Whether this is a fault of a bus's line (noise, swappedAB) rather than of a meter. */
    public boolean onLine() {
        return rule.fault().onLine();
    }

    /** Whether this flag gives its fault to meter {@code k} (for a meter's fault) or bus {@code k} (a line's). */
    public boolean appliesTo(int k) {
        return (onLine() ? bus : meter).map(m -> m == k).orElse(true);
    }

    public static FaultFlag parse(String text) {
        String rest = text.trim();
        Optional<Integer> meter = Optional.empty();
        Optional<Integer> bus = Optional.empty();
        if (rest.startsWith("meter=") || rest.startsWith("bus=")) {
            int colon = rest.indexOf(':');
            int eq = rest.indexOf('=');
            if (colon < 0) {
                throw new IllegalArgumentException(
                        "--fault " + text + ": expected meter=K:NAME[=VALUE] or bus=B:NAME[=VALUE]");
            }
            String what = rest.substring(0, eq);
            Optional<Integer> k = Optional.of(positive(text, what, rest.substring(eq + 1, colon)));
            if (rest.startsWith("meter=")) {
                meter = k;
            } else {
                bus = k;
            }
            rest = rest.substring(colon + 1);
        }
        int eq = rest.indexOf('=');
        String name = eq < 0 ? rest : rest.substring(0, eq);
        Optional<String> value = eq < 0 ? Optional.empty() : Optional.of(rest.substring(eq + 1));
        if (!Fault.NAMES.contains(name) && !Fault.LINE_NAMES.contains(name) && !WiringFault.NAMES.contains(name)) {
            throw new IllegalArgumentException("--fault " + text + ": no fault \"" + name + "\": they are "
                    + String.join(", ", Fault.NAMES) + ", " + String.join(", ", WiringFault.NAMES) + ", and for a bus "
                    + String.join(", ", Fault.LINE_NAMES));
        }
        boolean line = Fault.LINE_NAMES.contains(name);
        if (line && meter.isPresent()) {
            throw new IllegalArgumentException(
                    "--fault " + text + ": " + name + " is a fault of a bus's line: bus=B:" + name);
        }
        if (!line && bus.isPresent()) {
            throw new IllegalArgumentException(
                    "--fault " + text + ": " + name + " is a meter's fault: meter=K:" + name);
        }
        try {
            return new FaultFlag(meter, bus, rule(name, value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fault " + text + ": " + e.getMessage());
        }
    }

    private static FaultRule rule(String name, Optional<String> value) {
        if (WiringFault.NAMES.contains(name)) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            value.ifPresent(phases -> {
                var list = body.putArray("phases");
                for (String p : phases.split(",")) {
                    list.add(p.trim());
                }
            });
            return WiringJson.rule(name, body);
        }
        if (name.equals("delay")) {
            String[] range = value.orElseThrow(
                            () -> new IllegalArgumentException("delay needs a value: 50ms or 50ms..300ms"))
                    .split("\\.\\.", 2);
            var min = FaultJson.duration("delay", range[0]);
            return FaultRule.always(
                    new Fault.Delay(min, range.length > 1 ? FaultJson.duration("delay", range[1]) : min));
        }
        if (name.equals("exception")) {
            return FaultRule.always(new Fault.Exception(
                    value.map(v -> integer(v, "exception code")).orElse(6)));
        }
        if (name.equals("noise")) {
            String[] parts = value.orElse("1").split(",", 2);
            Fault noise = new Fault.Noise(
                    FaultJson.noiseBytes(parts.length > 1 ? JsonNodeFactory.instance.textNode(parts[1].trim()) : null));
            return withProbability(noise, Optional.of(parts[0]));
        }
        return withProbability(FaultJson.fault(name, JsonNodeFactory.instance.objectNode()), value);
    }

    private static FaultRule withProbability(Fault fault, Optional<String> value) {
        return new FaultRule(
                fault,
                value.map(FaultFlag::probability).orElse(1.0),
                Set.of(),
                Optional.empty(),
                OptionalInt.empty(),
                Optional.empty());
    }

    private static double probability(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the value is a probability 0..1, got \"" + text + "\"");
        }
    }

    private static int integer(String text, String what) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, got \"" + text + "\"");
        }
    }

    private static int positive(String flag, String what, String text) {
        int k = integer(text, "--fault " + flag + ": " + what);
        if (k < 1) {
            throw new IllegalArgumentException("--fault " + flag + ": " + what + " must be 1 or more, got " + k);
        }
        return k;
    }
}
