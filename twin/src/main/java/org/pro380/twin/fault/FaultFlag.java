package org.pro380.twin.fault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One {@code --fault} flag: {@code NAME}, {@code NAME=VALUE}, optionally for one meter with
 * {@code meter=K:} in front. The value is the probability (drop=0.1, corruptCrc=0.5), the code
 * (exception=6) or the delay (delay=50ms, delay=50ms..300ms). Without a meter, every meter.
 */
public record FaultFlag(Optional<Integer> meter, FaultRule rule) {

    public static FaultFlag parse(String text) {
        String rest = text.trim();
        Optional<Integer> meter = Optional.empty();
        if (rest.startsWith("meter=")) {
            int colon = rest.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("--fault " + text + ": expected meter=K:NAME[=VALUE]");
            }
            meter = Optional.of(positive(text, rest.substring("meter=".length(), colon)));
            rest = rest.substring(colon + 1);
        }
        int eq = rest.indexOf('=');
        String name = eq < 0 ? rest : rest.substring(0, eq);
        Optional<String> value = eq < 0 ? Optional.empty() : Optional.of(rest.substring(eq + 1));
        if (!Fault.NAMES.contains(name)) {
            throw new IllegalArgumentException(
                    "--fault " + text + ": no fault \"" + name + "\": they are " + String.join(", ", Fault.NAMES));
        }
        try {
            return new FaultFlag(meter, rule(name, value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fault " + text + ": " + e.getMessage());
        }
    }

    private static FaultRule rule(String name, Optional<String> value) {
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
        Fault fault = FaultJson.fault(name, JsonNodeFactory.instance.objectNode());
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

    private static int positive(String flag, String text) {
        int k = integer(text, "--fault " + flag + ": meter");
        if (k < 1) {
            throw new IllegalArgumentException("--fault " + flag + ": meter must be 1 or more, got " + k);
        }
        return k;
    }
}
