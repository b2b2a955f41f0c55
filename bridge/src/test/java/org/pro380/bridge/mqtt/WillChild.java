package org.pro380.bridge.mqtt;

/** A bridge's MQTT side in a process of its own, to be killed by {@link LastWillTest}. */
public final class WillChild {

    private WillChild() {}

    public static void main(String[] args) throws InterruptedException {
        MqttSink.start(MqttSettings.of(args[0]), MeterCommands.NONE);
        Thread.sleep(Long.MAX_VALUE); // until killed
    }
}
