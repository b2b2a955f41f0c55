package org.pro380.bridge.mqtt;

import org.pro380.bridge.BridgeMeter;
import org.pro380.client.Applied;
import org.pro380.client.Change;
import org.pro380.client.ClientException;

/**
 * How an MQTT command reaches a meter: the bridge applies the change with the meter's
 * {@code Pro380Client.apply}, at a moment its line is free. The sink has already checked the
 * change against the register's rule.
 */
@FunctionalInterface
public interface MeterCommands {

    /** For a bridge that takes no commands: every command is refused with this reason. */
    MeterCommands NONE = (meter, change) -> {
        throw new UnsupportedOperationException("this bridge takes no settings over MQTT");
    };

    Applied apply(BridgeMeter meter, Change change) throws ClientException;
}
