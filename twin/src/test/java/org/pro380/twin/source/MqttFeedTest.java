package org.pro380.twin.source;

import static org.pro380.twin.source.MirrorTwins.await;

import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pro380.meter.Load;

/** The MQTT feed on its own: it keeps trying while the broker is away, and stops when closed. */
class MqttFeedTest {

    @Test
    void aClosedFeedStopsReconnectingToABrokerThatIsNotThere() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        Feed.Listener listener = new Feed.Listener() {
            @Override
            public void loaded(Load load) {}

            @Override
            public void malformed(String why) {}

            @Override
            public void connected(boolean connected) {
                if (!connected) {
                    failures.incrementAndGet();
                }
            }
        };
        // nothing listens on port 1 of the loopback
        SourceSpec spec = SourceSpec.of("mqtt://127.0.0.1:1/nobody");
        SourceUri.Mqtt uri = (SourceUri.Mqtt) spec.uri();
        MqttFeed feed = new MqttFeed(
                MqttFeed.Broker.of(uri, spec),
                List.of(new MqttFeed.Subscriber(MqttTopicFilter.of(uri.topic()), spec.reader(), listener)));
        feed.start();
        await("two attempts that fail", () -> failures.get() >= 2);
        feed.close();
        await("no attempt planned after close", () -> !feed.active());
    }
}
