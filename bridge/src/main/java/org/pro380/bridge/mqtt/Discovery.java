package org.pro380.bridge.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.pro380.bridge.BridgeMeter;
import org.pro380.client.Snapshot;
import org.pro380.client.format.ValueText;
import org.pro380.registers.Code;
import org.pro380.registers.Meaning;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.registers.WriteRule;

/**
 * Home Assistant MQTT discovery for one meter: a sensor for every register read, and a select
 * (tariff), a switch (backlight) and a number (LCD cycle time) for the settings MQTT may change.
 * Unique ids are built from the serial number and the register key, so they survive restarts.
 */
final class Discovery {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String ORIGIN = "pro380 bridge";

    /** One retained config message. */
    record Config(String topic, ObjectNode payload) {}

    private final Topics topics;

    Discovery(Topics topics) {
        this.topics = topics;
    }

    List<Config> of(BridgeMeter meter, Snapshot snapshot) {
        String serial = Mqtt.serial(snapshot);
        List<Config> configs = new ArrayList<>();
        for (Register<?> r : snapshot.registers()) {
            configs.add(new Config(topics.discovery("sensor", serial, r.key()), sensor(meter, snapshot, r)));
        }
        configs.add(new Config(topics.discovery("select", serial, Registers.TARIFF.key()), tariff(meter, snapshot)));
        configs.add(
                new Config(topics.discovery("switch", serial, Registers.BACKLIGHT.key()), backlight(meter, snapshot)));
        configs.add(new Config(
                topics.discovery("number", serial, Registers.LCD_CYCLE_TIME.key()), lcdCycle(meter, snapshot)));
        return configs;
    }

    private ObjectNode sensor(BridgeMeter meter, Snapshot snapshot, Register<?> r) {
        ObjectNode c = entity(meter, snapshot, r, r.name());
        SensorClass sc = SensorClass.of(r);
        sc.deviceClass().ifPresent(d -> c.put("device_class", d));
        sc.unit().ifPresent(u -> c.put("unit_of_measurement", u));
        sc.stateClass().ifPresent(s -> c.put("state_class", s));
        if (sc.factor() != 1) {
            c.put("value_template", "{{ (value | float * " + sc.factor() + ") | round(3) }}");
        }
        if (r.meaning() instanceof Meaning.Setting) {
            c.put("entity_category", "diagnostic");
        }
        return c;
    }

    private ObjectNode tariff(BridgeMeter meter, Snapshot snapshot) {
        Register<Integer> r = Registers.TARIFF;
        ObjectNode c = command(meter, snapshot, r, r.name());
        ArrayNode options = c.putArray("options");
        rule(r).values().forEach(v -> options.add(Code.TARIFF.text(v)));
        c.put("value_template", "T{{ value }}");
        return c;
    }

    private ObjectNode backlight(BridgeMeter meter, Snapshot snapshot) {
        Register<Integer> r = Registers.BACKLIGHT;
        ObjectNode c = command(meter, snapshot, r, r.name());
        c.put("payload_on", Code.BACKLIGHT.text(true))
                .put("payload_off", Code.BACKLIGHT.text(false))
                .put("state_on", String.valueOf(Code.BACKLIGHT.code(true)))
                .put("state_off", String.valueOf(Code.BACKLIGHT.code(false)));
        return c;
    }

    private ObjectNode lcdCycle(BridgeMeter meter, Snapshot snapshot) {
        Register<Integer> r = Registers.LCD_CYCLE_TIME;
        ObjectNode c = command(meter, snapshot, r, r.name());
        List<Integer> values = rule(r).values();
        c.put("min", values.get(0))
                .put("max", values.get(values.size() - 1))
                .put("step", 1)
                .put("mode", "box")
                .put("unit_of_measurement", r.unit().symbol());
        return c;
    }

    private ObjectNode command(BridgeMeter meter, Snapshot snapshot, Register<?> r, String name) {
        ObjectNode c = entity(meter, snapshot, r, name);
        c.put("unique_id", uniqueId(snapshot, r) + "_set");
        c.put("command_topic", topics.command(Mqtt.serial(snapshot), r.key()));
        c.put("entity_category", "config");
        return c;
    }

    /** What every entity of the meter has: name, ids, state topic, availability, device. */
    private ObjectNode entity(BridgeMeter meter, Snapshot snapshot, Register<?> r, String name) {
        String serial = Mqtt.serial(snapshot);
        ObjectNode c = MAPPER.createObjectNode();
        c.put("name", name);
        c.put("unique_id", uniqueId(snapshot, r));
        c.put("state_topic", topics.value(serial, r.key()));
        ArrayNode availability = c.putArray("availability");
        availability.addObject().put("topic", topics.bridgeAvailability());
        availability.addObject().put("topic", topics.availability(serial));
        c.put("availability_mode", "all");
        c.set("device", device(meter, snapshot));
        c.putObject("origin").put("name", ORIGIN);
        return c;
    }

    private static ObjectNode device(BridgeMeter meter, Snapshot snapshot) {
        String serial = Mqtt.serial(snapshot);
        ObjectNode d = MAPPER.createObjectNode();
        d.putArray("identifiers").add("pro380_" + serial);
        d.put("name", meter.name().isEmpty() ? "PRO380 " + serial : meter.name());
        d.put("manufacturer", "inepro");
        d.put("model", "PRO380-Compact");
        d.put("serial_number", serial);
        snapshot.find(Registers.SOFTWARE_VERSION)
                .ifPresent(v -> d.put("sw_version", ValueText.exact(Registers.SOFTWARE_VERSION, v)));
        snapshot.find(Registers.HARDWARE_VERSION)
                .ifPresent(v -> d.put("hw_version", ValueText.exact(Registers.HARDWARE_VERSION, v)));
        return d;
    }

    static String uniqueId(Snapshot snapshot, Register<?> r) {
        return "pro380_" + Mqtt.serial(snapshot) + "_" + r.key().replace('-', '_');
    }

    private static WriteRule rule(Register<Integer> r) {
        return r.writeRule().orElseThrow();
    }
}
