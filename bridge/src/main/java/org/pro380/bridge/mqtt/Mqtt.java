package org.pro380.bridge.mqtt;

import org.pro380.client.Snapshot;
import org.pro380.client.format.ValueText;
import org.pro380.registers.Registers;

/** What every part of the MQTT side names a meter by: its serial number, 8 digits as on its label. */
final class Mqtt {

    private Mqtt() {}

    static String serial(Snapshot snapshot) {
        return ValueText.exact(Registers.SERIAL_NUMBER, snapshot.get(Registers.SERIAL_NUMBER));
    }
}
