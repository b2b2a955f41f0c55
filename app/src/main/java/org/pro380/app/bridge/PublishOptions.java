package org.pro380.app.bridge;

import java.util.List;
import org.pro380.bridge.ReadingSink;

/**
 * The bridge's outputs besides its database: MQTT (with Home Assistant discovery) and a
 * Prometheus {@code /metrics} endpoint. A picocli mixin of {@code pro380 bridge}.
 */
@picocli.CommandLine.Command
public final class PublishOptions {

    /** The sinks these options ask for, started; the bridge closes them when it stops. */
    public List<ReadingSink> start() {
        return List.of();
    }
}
