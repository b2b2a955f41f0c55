package org.pro380.twin.source;

import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.Parity;
import org.pro380.registers.Code;
import org.pro380.registers.UnitId;

/**
 * Where a mirrored meter takes its load from, as given with {@code --source}:
 * {@code mqtt://HOST:PORT/TOPIC} (or {@code mqtts://} with TLS), {@code modbus-tcp://HOST:PORT?unit=N},
 * or {@code rtu:PATH?baud=9600&parity=even&unit=N}; a Modbus source with {@code &map=FILE} is a generic meter.
 */
public sealed interface SourceUri permits SourceUri.Mqtt, SourceUri.ModbusTcp, SourceUri.Rtu, SourceUri.Mapped {

    /** A broker and the topic whose messages are the load; {@code tls} for {@code mqtts://}. */
    record Mqtt(String host, int port, String topic, boolean tls) implements SourceUri {
        @Override
        public String toString() {
            return (tls ? "mqtts://" : "mqtt://") + host + ":" + port + "/" + topic;
        }
    }

    /** Another meter polled over Modbus TCP at unit {@code unit}. */
    record ModbusTcp(String host, int port, int unit) implements SourceUri {
        @Override
        public String toString() {
            return "modbus-tcp://" + host + ":" + port + "?unit=" + unit;
        }
    }

    /** Another meter polled over a serial RS485 line. */
    record Rtu(String path, int baud, Parity parity, int unit) implements SourceUri {
        @Override
        public String toString() {
            return "rtu:" + path + "?baud=" + baud + "&parity=" + Code.PARITY.text(parity) + "&unit=" + unit;
        }
    }

    /**
     * A generic meter rather than a PRO380: the meter at {@code meter} (Modbus TCP or serial), read
     * through a register map, given as {@code &map=FILE} after the meter's options.
     */
    record Mapped(SourceUri meter, ModbusSourceMap map) implements SourceUri {
        @Override
        public String toString() {
            return meter + "&map=" + map;
        }
    }

    /** The source in {@code text}; IllegalArgumentException says in one line what is wrong. */
    static SourceUri parse(String text) {
        return parse(text, Path.of(""));
    }

    /** The source in {@code text}, a relative {@code map=FILE} taken from {@code mapDir}. */
    static SourceUri parse(String text, Path mapDir) {
        String lower = text.toLowerCase(Locale.ROOT);
        if ((lower.startsWith("modbus-tcp://") || lower.startsWith("rtu:")) && text.indexOf('?') >= 0) {
            Optional<SourceUri> mapped = mapped(text, mapDir);
            if (mapped.isPresent()) {
                return mapped.get();
            }
        }
        if (lower.startsWith("mqtt://") || lower.startsWith("mqtts://")) {
            return mqtt(text, lower.startsWith("mqtts://"));
        }
        if (lower.startsWith("modbus-tcp://")) {
            URI uri = uri(text);
            Map<String, String> query = query(text, uri.getRawQuery(), List.of("unit"));
            return new ModbusTcp(host(text, uri), port(text, uri, 502), unit(text, query));
        }
        if (lower.startsWith("rtu:")) {
            return rtu(text);
        }
        throw new IllegalArgumentException("source \"" + text
                + "\": expected mqtt://HOST:PORT/TOPIC, mqtts://..., modbus-tcp://HOST:PORT?unit=N or rtu:PATH?unit=N");
    }

    /** The meter of {@code text} without its {@code map=FILE} option, read through that map; empty without one. */
    private static Optional<SourceUri> mapped(String text, Path mapDir) {
        int q = text.indexOf('?');
        List<String> options = new ArrayList<>(List.of(text.substring(q + 1).split("&")));
        Optional<String> map = options.stream()
                .filter(o -> o.equals("map") || o.startsWith("map="))
                .findFirst();
        if (map.isEmpty()) {
            return Optional.empty();
        }
        options.remove(map.get());
        String file = map.get().substring(Math.min(4, map.get().length()));
        if (file.isEmpty()) {
            throw new IllegalArgumentException("source \"" + text + "\": map= needs a file");
        }
        SourceUri meter = parse(text.substring(0, q) + (options.isEmpty() ? "" : "?" + String.join("&", options)));
        try {
            return Optional.of(new Mapped(meter, ModbusSourceMap.load(mapDir.resolve(file))));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("source \"" + text + "\": " + e.getMessage());
        }
    }

    /** The topic is everything after the host, as written: MQTT wildcards (+, #) are no URI syntax. */
    private static Mqtt mqtt(String text, boolean tls) {
        int slash = text.indexOf('/', text.indexOf("://") + 3);
        String topic = slash < 0 ? "" : text.substring(slash + 1);
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("source \"" + text + "\": no topic (mqtt://HOST:PORT/TOPIC)");
        }
        try {
            MqttTopicFilter.of(topic);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "source \"" + text + "\": topic \"" + topic + "\" is no MQTT topic filter");
        }
        URI uri = uri(text.substring(0, slash));
        return new Mqtt(host(text, uri), port(text, uri, tls ? 8883 : 1883), topic, tls);
    }

    private static Rtu rtu(String text) {
        int q = text.indexOf('?');
        String path = q < 0 ? text.substring(4) : text.substring(4, q);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("source \"" + text + "\": no serial device (rtu:PATH?unit=N)");
        }
        Map<String, String> query =
                query(text, q < 0 ? null : text.substring(q + 1), List.of("baud", "parity", "unit"));
        LineSettings factory = LineSettings.FACTORY;
        int baud = number(text, "baud", query.getOrDefault("baud", String.valueOf(factory.baud())), 1, 1_000_000);
        Parity parity;
        try {
            parity = query.containsKey("parity") ? Code.PARITY.parse(query.get("parity")) : factory.parity();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("source \"" + text + "\": " + e.getMessage());
        }
        return new Rtu(path, baud, parity, unit(text, query));
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("source \"" + text + "\": " + e.getReason());
        }
    }

    private static String host(String text, URI uri) {
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("source \"" + text + "\": no host");
        }
        String host = uri.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(String text, URI uri, int standard) {
        if (uri.getPort() == 0) {
            throw new IllegalArgumentException("source \"" + text + "\": port must be 1..65535");
        }
        return uri.getPort() < 0 ? standard : uri.getPort();
    }

    private static int unit(String text, Map<String, String> query) {
        return number(text, "unit", query.getOrDefault("unit", "1"), UnitId.FIRST, UnitId.LAST);
    }

    private static Map<String, String> query(String text, String query, List<String> known) {
        Map<String, String> values = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return values;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (!known.contains(key)) {
                throw new IllegalArgumentException("source \"" + text + "\": unknown option \"" + key + "\""
                        + (known.isEmpty() ? " (none are taken)" : " (expected " + String.join(", ", known) + ")"));
            }
            values.put(key, eq < 0 ? "" : pair.substring(eq + 1));
        }
        return values;
    }

    private static int number(String text, String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(
                "source \"" + text + "\": " + name + " must be " + min + ".." + max + ", got \"" + value + "\"");
    }
}
