package org.pro380.twin.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Stream;
import org.pro380.meter.Load;
import org.pro380.twin.source.RegisterValue.InRegisters;
import org.pro380.twin.source.RegisterValue.Type;
import org.pro380.twin.source.RegisterValue.WordOrder;

/**
 * Where a generic Modbus meter (an SDM630, another Eastron-style float map) keeps the quantities
 * of each phase (docs/mirror.md, examples in docs/source-maps/):
 *
 * <pre>
 * {"function": 4, "type": "f32", "wordOrder": "ABCD", "maxRead": 80,
 *  "frequency": {"address": "0x0046"},
 *  "phases": [{"voltage": {"address": "0x0000"}, "current": {"address": "0x0006"},
 *              "power": {"address": "0x000C"}, "powerFactor": {"address": "0x001E"}}, x3]}
 * </pre>
 *
 * Each quantity is registers ({@code address}, and {@code function}, {@code type},
 * {@code wordOrder}, {@code scale} where they differ from the map's defaults) or a constant. The
 * quantities are those of a {@link SourceMap}'s phases, with its defaults, and what is not mapped
 * is derived the same way ({@link PhaseSample}). The registers are read in as few requests as
 * their addresses allow, each of at most {@code maxRead} registers.
 */
public final class ModbusSourceMap {

    /** One request to the source meter: {@code quantity} registers of {@code function} from {@code address}. */
    public record Read(int function, int address, int quantity) {
        boolean holds(InRegisters v) {
            return v.function() == function && v.address() >= address && v.address() + v.words() <= address + quantity;
        }
    }

    private static final List<String> FIELDS =
            List.of("function", "type", "wordOrder", "maxRead", "frequency", "phases");
    private static final List<String> REGISTER_FIELDS = List.of("address", "function", "type", "wordOrder", "scale");
    private static final int MAX_READ = 125;

    private final String name;
    private final List<Read> reads;
    private final RegisterValue frequency;
    private final List<Map<String, RegisterValue>> phases;

    private ModbusSourceMap(
            String name, List<Read> reads, RegisterValue frequency, List<Map<String, RegisterValue>> phases) {
        this.name = name;
        this.reads = reads;
        this.frequency = frequency;
        this.phases = phases;
    }

    /** The map in {@code file}; IllegalArgumentException says in one line, with the file name, what is wrong. */
    public static ModbusSourceMap load(Path file) {
        return SourceMap.load(file, json -> parse(json, file.toString()));
    }

    static ModbusSourceMap parse(JsonNode json, String name) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("expected an object with \"phases\"");
        }
        SourceMap.onlyKnown(json, "", FIELDS);
        InRegisters defaults = new InRegisters(
                function(json, "", 4), 0, type(json, "", Type.F32), wordOrder(json, "", WordOrder.ABCD), 1);
        int maxRead = json.has("maxRead") ? whole(json.get("maxRead"), "maxRead", 2, MAX_READ) : MAX_READ;
        JsonNode phaseNodes = json.path("phases");
        if (!phaseNodes.isArray() || phaseNodes.size() != 3) {
            throw new IllegalArgumentException("phases: expected an array of 3 phases");
        }
        List<Map<String, RegisterValue>> phases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            phases.add(phase(phaseNodes.get(i), "phases[" + i + "]", defaults));
        }
        RegisterValue frequency = json.has("frequency")
                ? value(json.get("frequency"), "frequency", defaults)
                : new RegisterValue.Constant(PhaseSample.DEFAULT_FREQUENCY);
        Stream<RegisterValue> all =
                Stream.concat(Stream.of(frequency), phases.stream().flatMap(p -> p.values().stream()));
        return new ModbusSourceMap(name, reads(all.toList(), maxRead), frequency, List.copyOf(phases));
    }

    private static Map<String, RegisterValue> phase(JsonNode node, String where, InRegisters defaults) {
        SourceMap.checkPhase(node, where);
        Map<String, RegisterValue> values = new HashMap<>();
        node.fields()
                .forEachRemaining(f -> values.put(f.getKey(), value(f.getValue(), where + "." + f.getKey(), defaults)));
        return Map.copyOf(values);
    }

    /** A number, or {"address": ..., "function": 3|4, "type": ..., "wordOrder": ..., "scale": n}. */
    private static RegisterValue value(JsonNode node, String where, InRegisters defaults) {
        if (node.isNumber()) {
            return new RegisterValue.Constant(node.asDouble());
        }
        if (!node.isObject() || !node.has("address")) {
            throw new IllegalArgumentException(where + ": expected {\"address\": ...} or a number, got " + node);
        }
        String at = where + ".";
        SourceMap.onlyKnown(node, at, REGISTER_FIELDS);
        Type type = type(node, at, defaults.type());
        int address = address(node.get("address"), at + "address", type);
        if (node.has("scale") && !node.get("scale").isNumber()) {
            throw new IllegalArgumentException(at + "scale: expected a number, got " + node.get("scale"));
        }
        return new InRegisters(
                function(node, at, defaults.function()),
                address,
                type,
                wordOrder(node, at, defaults.order()),
                node.path("scale").asDouble(1));
    }

    /** 0..0xFFFF as a number or a "0x..." string, with room for the number's words. */
    private static int address(JsonNode node, String where, Type type) {
        int last = 0x10000 - type.words;
        if (node.isTextual() && node.asText().toLowerCase(Locale.ROOT).startsWith("0x")) {
            try {
                int address = Integer.parseInt(node.asText().substring(2), 16);
                if (address <= last) {
                    return address;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new IllegalArgumentException(
                    where + ": expected 0x0000.." + String.format("0x%04X", last) + ", got " + node);
        }
        return whole(node, where, 0, last);
    }

    /** The {@code function} field of {@code node} (at {@code at} in the map), if it has one. */
    private static int function(JsonNode node, String at, int otherwise) {
        return node.has("function") ? whole(node.get("function"), at + "function", 3, 4) : otherwise;
    }

    private static Type type(JsonNode node, String at, Type otherwise) {
        return named(node, at, "type", Type.values(), otherwise, Type::key);
    }

    private static WordOrder wordOrder(JsonNode node, String at, WordOrder otherwise) {
        return named(node, at, "wordOrder", WordOrder.values(), otherwise, Enum::name);
    }

    private static <E> E named(
            JsonNode node, String at, String field, E[] values, E otherwise, Function<E, String> key) {
        if (!node.has(field)) {
            return otherwise;
        }
        JsonNode given = node.get(field);
        return Stream.of(values)
                .filter(v -> given.isTextual() && key.apply(v).equals(given.asText()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(at + field + ": expected one of "
                        + String.join(", ", Stream.of(values).map(key).toList()) + ", got " + given));
    }

    private static int whole(JsonNode node, String where, int min, int max) {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            throw new IllegalArgumentException(
                    where + ": expected a whole number " + min + ".." + max + ", got " + node);
        }
        return node.asInt();
    }

    /** The fewest reads of at most {@code maxRead} registers each that hold every value in registers. */
    private static List<Read> reads(List<RegisterValue> values, int maxRead) {
        List<InRegisters> sorted = values.stream()
                .filter(InRegisters.class::isInstance)
                .map(InRegisters.class::cast)
                .sorted(Comparator.comparingInt(InRegisters::function).thenComparingInt(InRegisters::address))
                .toList();
        List<Read> reads = new ArrayList<>();
        Read current = null;
        for (InRegisters v : sorted) {
            int end = v.address() + v.words();
            if (current != null && current.function() == v.function() && end - current.address() <= maxRead) {
                current = new Read(
                        current.function(), current.address(), Math.max(current.quantity(), end - current.address()));
            } else {
                if (current != null) {
                    reads.add(current);
                }
                current = new Read(v.function(), v.address(), v.words());
            }
        }
        Optional.ofNullable(current).ifPresent(reads::add);
        return List.copyOf(reads);
    }

    /** The requests that read this map's registers, in the order {@link #load} takes their answers. */
    public List<Read> reads() {
        return reads;
    }

    /** The load in {@code words}, the answers to {@link #reads()}; IllegalArgumentException when they are no load. */
    public Load load(List<int[]> words) {
        return new Load(
                value(frequency, words),
                PhaseSample.loads(i ->
                        PhaseSample.of(name -> Optional.ofNullable(phases.get(i).get(name))
                                .map(v -> OptionalDouble.of(value(v, words)))
                                .orElse(OptionalDouble.empty()))));
    }

    private double value(RegisterValue v, List<int[]> words) {
        if (v instanceof RegisterValue.Constant c) {
            return c.value();
        }
        InRegisters r = (InRegisters) v;
        for (int i = 0; i < reads.size(); i++) {
            if (reads.get(i).holds(r)) {
                return r.in(words.get(i), r.address() - reads.get(i).address());
            }
        }
        throw new IllegalStateException("no read holds " + r);
    }

    @Override
    public String toString() {
        return name;
    }
}
