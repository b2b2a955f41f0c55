package org.pro380.bridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.bridge.BridgeMeter;
import org.pro380.bridge.TwinReading;
import org.pro380.registers.Meaning;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.testkit.Mosquitto;

/**
 * The discovery configs the sink publishes for a twin's reading, every field checked against
 * what Home Assistant documents for MQTT entities.
 */
class DiscoveryTest {

    // Keys of an MQTT sensor: https://www.home-assistant.io/integrations/sensor.mqtt/#configuration-variables
    // (origin: https://www.home-assistant.io/integrations/mqtt/#discovery-messages)
    static final Set<String> COMMON = Set.of(
            "availability",
            "availability_mode",
            "availability_template",
            "availability_topic",
            "default_entity_id",
            "device",
            "enabled_by_default",
            "encoding",
            "entity_category",
            "entity_picture",
            "icon",
            "json_attributes_template",
            "json_attributes_topic",
            "name",
            "object_id",
            "origin",
            "payload_available",
            "payload_not_available",
            "platform",
            "qos",
            "unique_id",
            "value_template");
    static final Set<String> SENSOR = union(
            COMMON,
            "device_class",
            "expire_after",
            "force_update",
            "last_reset_value_template",
            "options",
            "state_class",
            "state_topic",
            "suggested_display_precision",
            "unit_of_measurement");
    // https://www.home-assistant.io/integrations/select.mqtt/#configuration-variables
    static final Set<String> SELECT =
            union(COMMON, "command_template", "command_topic", "optimistic", "options", "retain", "state_topic");
    // https://www.home-assistant.io/integrations/switch.mqtt/#configuration-variables
    static final Set<String> SWITCH = union(
            COMMON,
            "command_template",
            "command_topic",
            "device_class",
            "optimistic",
            "payload_off",
            "payload_on",
            "retain",
            "state_off",
            "state_on",
            "state_topic");
    // https://www.home-assistant.io/integrations/number.mqtt/#configuration-variables
    static final Set<String> NUMBER = union(
            COMMON,
            "command_template",
            "command_topic",
            "device_class",
            "max",
            "min",
            "mode",
            "optimistic",
            "payload_reset",
            "retain",
            "state_topic",
            "step",
            "unit_of_measurement");
    static final Map<String, Set<String>> KEYS =
            Map.of("sensor", SENSOR, "select", SELECT, "switch", SWITCH, "number", NUMBER);
    static final Map<String, Set<String>> REQUIRED = Map.of(
            "sensor",
            Set.of("state_topic"),
            "select",
            Set.of("command_topic", "options"),
            "switch",
            Set.of("command_topic"),
            "number",
            Set.of("command_topic"));
    // "device" map: same pages, "device" entry
    static final Set<String> DEVICE = Set.of(
            "configuration_url",
            "connections",
            "hw_version",
            "identifiers",
            "manufacturer",
            "model",
            "model_id",
            "name",
            "serial_number",
            "suggested_area",
            "sw_version",
            "via_device");
    static final Set<String> AVAILABILITY =
            Set.of("payload_available", "payload_not_available", "topic", "value_template");
    static final Set<String> ORIGIN = Set.of("name", "sw_version", "support_url");
    // Units each sensor device class accepts: https://www.home-assistant.io/integrations/sensor/#device-class
    static final Map<String, Set<String>> UNITS = Map.of(
            "apparent_power", Set.of("VA"),
            "current", Set.of("A", "mA"),
            "duration", Set.of("d", "h", "min", "s", "ms"),
            "energy", Set.of("J", "kJ", "MJ", "GJ", "Wh", "kWh", "MWh", "GWh", "TWh"),
            "frequency", Set.of("Hz", "kHz", "MHz", "GHz"),
            "power", Set.of("mW", "W", "kW", "MW", "GW", "TW"),
            "power_factor", Set.of("%", ""),
            "reactive_energy", Set.of("varh", "kvarh"),
            "reactive_power", Set.of("var"),
            "voltage", Set.of("V", "mV", "kV", "MV"));
    // https://developers.home-assistant.io/docs/core/entity/sensor/#available-state-classes
    static final Set<String> STATE_CLASSES = Set.of("measurement", "total", "total_increasing");

    /** One broker and one twin for the class: its tests only read them. */
    @TempDir
    static Path dir;

    static Mosquitto broker;
    static TwinReading reading;

    @BeforeAll
    static void start() throws Exception {
        broker = Mosquitto.start(dir);
        reading = TwinReading.start(dir.resolve("state"));
    }

    @AfterAll
    static void stop() throws Exception {
        reading.close();
        broker.close();
    }

    @Test
    void everyConfigHasOnlyFieldsHomeAssistantDocumentsWithValuesItAccepts() throws Exception {
        int registers = Registers.MAP.all().size();
        Map<String, String> all;
        try (MqttSink sink = MqttSink.start(MqttSettings.of(broker.uri()), MeterCommands.NONE);
                Observer mqtt = new Observer(broker)) {
            sink.reading(new BridgeMeter("tcp", 1, ""), reading.snapshot);
            mqtt.awaitCount(t -> t.startsWith("pro380/22091039/"), registers + 2);
            all = mqtt.awaitCount(t -> t.startsWith("homeassistant/"), registers + 3);
        }
        List<String> uniqueIds = new ArrayList<>();
        for (Map.Entry<String, String> e : all.entrySet()) {
            if (!e.getKey().startsWith("homeassistant/")) {
                continue;
            }
            String component = e.getKey().split("/")[1];
            JsonNode config = Discovery.MAPPER.readTree(e.getValue());
            assertThat(KEYS).as(e.getKey()).containsKey(component);
            assertThat(fields(config))
                    .as(e.getKey())
                    .isSubsetOf(KEYS.get(component))
                    .containsAll(REQUIRED.get(component));
            assertThat(fields(config.get("device"))).isSubsetOf(DEVICE);
            assertThat(fields(config.get("origin"))).isSubsetOf(ORIGIN);
            config.get("availability").forEach(a -> assertThat(fields(a)).isSubsetOf(AVAILABILITY));
            assertThat(config.get("availability_mode").asText()).isIn("all", "any", "latest");
            assertThat(all)
                    .as("state topic of " + e.getKey())
                    .containsKey(config.get("state_topic").asText());
            if (config.has("entity_category")) {
                assertThat(config.get("entity_category").asText()).isIn("config", "diagnostic");
            }
            if (config.has("state_class")) {
                assertThat(config.get("state_class").asText()).isIn(STATE_CLASSES);
            }
            if (component.equals("sensor") && config.has("device_class")) {
                String deviceClass = config.get("device_class").asText();
                assertThat(UNITS).as(e.getKey()).containsKey(deviceClass);
                assertThat(config.path("unit_of_measurement").asText(""))
                        .as(e.getKey())
                        .isIn(UNITS.get(deviceClass));
            }
            uniqueIds.add(config.get("unique_id").asText());
        }
        assertThat(uniqueIds).hasSize(registers + 3).doesNotHaveDuplicates();
    }

    @Test
    void theMeterIsOneDeviceAndEachKindOfValueHasItsClassUnitAndStateClass() {
        BridgeMeter meter = new BridgeMeter("tcp", 1, "garage");
        Map<String, JsonNode> configs = new java.util.HashMap<>();
        new Discovery(Topics.DEFAULT).of(meter, reading.snapshot).forEach(c -> configs.put(c.topic(), c.payload()));

        JsonNode voltage = configs.get("homeassistant/sensor/pro380_22091039/voltage_l1/config");
        assertThat(voltage.get("name").asText()).isEqualTo("L1 voltage");
        assertThat(voltage.get("unique_id").asText()).isEqualTo("pro380_22091039_voltage_l1");
        assertThat(voltage.get("state_topic").asText()).isEqualTo("pro380/22091039/voltage-l1");
        assertClass(voltage, "voltage", "V", "measurement");
        JsonNode device = voltage.get("device");
        assertThat(device.get("identifiers").get(0).asText()).isEqualTo("pro380_22091039");
        assertThat(device.get("manufacturer").asText()).isEqualTo("inepro");
        assertThat(device.get("model").asText()).isEqualTo("PRO380-Compact");
        assertThat(device.get("serial_number").asText()).isEqualTo("22091039");
        assertThat(device.get("sw_version").asText()).isEqualTo("2.18");
        assertThat(device.get("hw_version").asText()).isEqualTo("1.32");
        assertThat(device.get("name").asText()).isEqualTo("garage");
        assertThat(voltage.get("availability").findValuesAsText("topic"))
                .containsExactly("pro380/bridge/availability", "pro380/22091039/availability");

        assertClass(sensor(configs, "active-energy-t1"), "energy", "kWh", "total_increasing");
        assertClass(sensor(configs, "reverse-reactive-energy-l2"), "reactive_energy", "kvarh", "total_increasing");
        assertClass(sensor(configs, "active-power-l3"), "power", "kW", "measurement");
        assertClass(sensor(configs, "current-l2"), "current", "A", "measurement");
        assertClass(sensor(configs, "frequency"), "frequency", "Hz", "measurement");
        JsonNode reactive = sensor(configs, "reactive-power");
        assertClass(reactive, "reactive_power", "var", "measurement");
        assertThat(reactive.get("value_template").asText()).isEqualTo("{{ (value | float * 1000) | round(3) }}");
        assertClass(sensor(configs, "apparent-power-l1"), "apparent_power", "VA", "measurement");
        JsonNode pf = sensor(configs, "power-factor");
        assertThat(pf.get("device_class").asText()).isEqualTo("power_factor");
        assertThat(pf.has("unit_of_measurement")).isFalse();
        assertThat(sensor(configs, "baud-rate").get("entity_category").asText()).isEqualTo("diagnostic");
        assertThat(sensor(configs, "baud-rate").has("state_class")).isFalse();

        for (Register<?> r : Registers.MAP.all()) {
            JsonNode c = sensor(configs, r.key());
            if (r.meaning() instanceof Meaning.Energy) {
                assertThat(c.get("state_class").asText()).as(r.key()).isEqualTo("total_increasing");
            } else if (r.meaning() instanceof Meaning.Measured && r.type().javaType() != String.class) {
                assertThat(c.get("state_class").asText()).as(r.key()).isEqualTo("measurement");
            }
        }

        JsonNode tariff = configs.get("homeassistant/select/pro380_22091039/tariff/config");
        assertThat(tariff.get("command_topic").asText()).isEqualTo("pro380/22091039/set/tariff");
        assertThat(tariff.get("options").toString()).isEqualTo("[\"T1\",\"T2\",\"T3\"]");
        JsonNode lcd = configs.get("homeassistant/number/pro380_22091039/lcd_cycle_time/config");
        assertThat(lcd.get("min").asInt()).isEqualTo(1);
        assertThat(lcd.get("max").asInt()).isEqualTo(30);
        JsonNode backlight = configs.get("homeassistant/switch/pro380_22091039/backlight/config");
        assertThat(backlight.get("state_on").asText()).isEqualTo("1");
        assertThat(backlight.get("payload_off").asText()).isEqualTo("off");
    }

    private static JsonNode sensor(Map<String, JsonNode> configs, String key) {
        return configs.get("homeassistant/sensor/pro380_22091039/" + key.replace('-', '_') + "/config");
    }

    private static void assertClass(JsonNode config, String deviceClass, String unit, String stateClass) {
        assertThat(config.get("device_class").asText()).isEqualTo(deviceClass);
        assertThat(config.get("unit_of_measurement").asText()).isEqualTo(unit);
        assertThat(config.get("state_class").asText()).isEqualTo(stateClass);
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }
}
