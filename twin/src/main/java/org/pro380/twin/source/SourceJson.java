package org.pro380.twin.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.pro380.client.tls.ClientIdentity;
import org.pro380.client.tls.TrustedCertificates;

/**
 * A source in the config file, for all meters (top level) or one meter (in "meters"): a URI, or
 * an object that says more:
 *
 * <pre>
 * "source": "mqtt://127.0.0.1:1883/site/meter"
 * "source": {"uri": "mqtt://broker:1883/tele/meter/SENSOR", "map": "tasmota-sensor.json",
 *            "username": "twin", "password": "...", "staleAfterMillis": 10000, "onStale": "silent"}
 * "source": {"uri": "mqtts://broker.home:8883/site/meter", "ca": "home-ca.pem", "cert": "twin.pem", "key": "twin.key"}
 * </pre>
 *
 * A relative map, CA, certificate or key path is taken from the config file's directory.
 */
public final class SourceJson {

    private static final List<String> FIELDS =
            List.of("uri", "map", "username", "password", "ca", "cert", "key", "staleAfterMillis", "onStale");

    private SourceJson() {}

    /** The source in {@code node}; IllegalArgumentException says in one line what is wrong. */
    public static SourceSpec read(JsonNode node, Path configDir) {
        if (node.isTextual()) {
            return SourceSpec.of(node.asText(), configDir);
        }
        if (!node.isObject() || !node.path("uri").isTextual()) {
            throw new IllegalArgumentException("expected a source URI, or an object with \"uri\" and any of "
                    + String.join(", ", FIELDS.subList(1, FIELDS.size())));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(
                        name + ": unknown field (expected one of " + String.join(", ", FIELDS) + ")");
            }
        }
        SourceSpec spec = SourceSpec.of(node.get("uri").asText(), configDir);
        if (node.has("map")) {
            spec = spec.withMap(SourceMap.load(configDir.resolve(text(node, "map"))));
        }
        if (node.has("username") || node.has("password")) {
            spec = spec.withLogin(optionalText(node, "username"), optionalText(node, "password"));
        }
        if (node.has("ca")) {
            spec = spec.withCa(TrustedCertificates.read("ca", configDir.resolve(text(node, "ca"))));
        }
        if (node.has("cert") != node.has("key")) {
            throw new IllegalArgumentException("cert and key go together: a client certificate and its private key");
        }
        if (node.has("cert")) {
            spec = spec.withIdentity(ClientIdentity.read(
                    "cert", configDir.resolve(text(node, "cert")), "key", configDir.resolve(text(node, "key"))));
        }
        if (node.has("staleAfterMillis")) {
            if (!node.get("staleAfterMillis").canConvertToLong()
                    || !node.get("staleAfterMillis").isIntegralNumber()) {
                throw new IllegalArgumentException("staleAfterMillis: expected a whole number of milliseconds");
            }
            spec = spec.withStaleAfter(
                    Duration.ofMillis(node.get("staleAfterMillis").asLong()));
        }
        if (node.has("onStale")) {
            spec = spec.withOnStale(StaleMode.parse(text(node, "onStale")));
        }
        return spec;
    }

    private static String optionalText(JsonNode node, String name) {
        return node.has(name) ? text(node, name) : null;
    }

    private static String text(JsonNode node, String name) {
        return Optional.of(node.get(name))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .orElseThrow(() -> new IllegalArgumentException(name + ": expected a string"));
    }
}
