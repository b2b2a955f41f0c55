package org.pro380.bridge.mqtt;

import java.util.Optional;

/**
 * The bridge's MQTT topics under a prefix ({@code pro380} unless configured), and Home
 * Assistant's discovery topics under its prefix ({@code homeassistant}). See docs/mqtt.md.
 */
public record Topics(String prefix, String discoveryPrefix) {

    public static final Topics DEFAULT = new Topics("pro380", "homeassistant");

    public Topics {
        prefix = checked("topic prefix", prefix);
        discoveryPrefix = checked("discovery prefix", discoveryPrefix);
    }

    private static String checked(String what, String topic) {
        if (topic.isEmpty()
                || topic.startsWith("/")
                || topic.endsWith("/")
                || topic.contains("+")
                || topic.contains("#")
                || topic.contains("//")) {
            throw new IllegalArgumentException(what + " must be a topic without wildcards or empty levels, like "
                    + "pro380 or site/meters, got '" + topic + "'");
        }
        return topic;
    }

    /** The whole reading as JSON, retained. */
    public String state(String serial) {
        return prefix + "/" + serial + "/state";
    }

    /** One register's value, retained. */
    public String value(String serial, String key) {
        return prefix + "/" + serial + "/" + key;
    }

    /** {@code online} or {@code offline}: whether the meter answered at its last turn. */
    public String availability(String serial) {
        return prefix + "/" + serial + "/availability";
    }

    /** {@code online}, or {@code offline} (the last will) once the bridge is gone. */
    public String bridgeAvailability() {
        return prefix + "/bridge/availability";
    }

    /** Where a setting is sent: {@code pro380/SERIAL/set/tariff}. */
    public String command(String serial, String key) {
        return prefix + "/" + serial + "/set/" + key;
    }

    public String commandFilter() {
        return prefix + "/+/set/+";
    }

    /** The answer to a command: what was applied, or why not. */
    public String result(String serial, String key) {
        return command(serial, key) + "/result";
    }

    /** Home Assistant's birth and will: when it comes online, discovery is published again. */
    public String homeAssistantStatus() {
        return discoveryPrefix + "/status";
    }

    public String discovery(String component, String serial, String key) {
        return discoveryPrefix + "/" + component + "/pro380_" + serial + "/" + key.replace('-', '_') + "/config";
    }

    /** The serial and register key of a command topic, or empty if {@code topic} is not one. */
    public Optional<String[]> commandOf(String topic) {
        String head = prefix + "/";
        if (!topic.startsWith(head)) {
            return Optional.empty();
        }
        String[] levels = topic.substring(head.length()).split("/", -1);
        return levels.length == 3 && levels[1].equals("set")
                ? Optional.of(new String[] {levels[0], levels[2]})
                : Optional.empty();
    }
}
