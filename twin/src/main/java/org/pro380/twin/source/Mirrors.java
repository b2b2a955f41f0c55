package org.pro380.twin.source;

import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pro380.meter.Meter;

/**
 * The mirrored meters of a twin: their feeds (one connection per MQTT broker, one poller per
 * polled meter), and one thread that checks them all for
 * staleness ten times per stale-after time (at least every 20 ms, at most every second).
 */
public final class Mirrors implements AutoCloseable {

    private static final Duration MIN_CHECK = Duration.ofMillis(20);
    private static final Duration MAX_CHECK = Duration.ofSeconds(1);

    private final Map<Integer, Mirror> mirrors;
    private final List<Feed> feeds;
    /** Polls of meters over Modbus: short, and blocking for at most the client's timeout each. */
    private static final int POLLERS = 4;

    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pro380-source-check");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService pollers;

    private Mirrors(Map<Integer, Mirror> mirrors, List<Feed> feeds, ScheduledExecutorService pollers) {
        this.mirrors = mirrors;
        this.feeds = feeds;
        this.pollers = pollers;
    }

    /** A mirrored meter: its place in the site (1-based), the meter, its source and its wire to its bus. */
    public record Mirrored(int index, Meter meter, SourceSpec spec, BusWire wire) {}

    /** Starts a feed per mirrored meter; none waits for its source, which may be down. */
    public static Mirrors start(List<Mirrored> meters, Clock clock) {
        Map<Integer, Mirror> mirrors = new HashMap<>();
        List<Feed> feeds = new ArrayList<>();
        Map<MqttFeed.Broker, List<MqttFeed.Subscriber>> brokers = new LinkedHashMap<>();
        Duration check = MAX_CHECK;
        ScheduledExecutorService pollers = Executors.newScheduledThreadPool(POLLERS, r -> {
            Thread t = new Thread(r, "pro380-source-poll");
            t.setDaemon(true);
            return t;
        });
        for (Mirrored m : meters) {
            Mirror mirror = new Mirror(m.index(), m.meter(), m.spec(), m.wire(), clock);
            mirrors.put(m.index(), mirror);
            if (m.spec().uri() instanceof SourceUri.Mqtt mqtt) {
                brokers.computeIfAbsent(MqttFeed.Broker.of(mqtt, m.spec()), b -> new ArrayList<>())
                        .add(new MqttFeed.Subscriber(
                                MqttTopicFilter.of(mqtt.topic()), m.spec().reader(), mirror));
            } else {
                feeds.add(new MeterFeed(m.spec().uri(), m.spec(), mirror, pollers));
            }
            Duration tenth = m.spec().staleAfter().dividedBy(10);
            check = tenth.compareTo(check) < 0 ? tenth : check;
        }
        brokers.forEach((broker, subscribers) -> feeds.add(new MqttFeed(broker, subscribers)));
        Mirrors all = new Mirrors(Map.copyOf(mirrors), List.copyOf(feeds), pollers);
        if (!meters.isEmpty()) {
            long nanos = Math.max(MIN_CHECK.toNanos(), check.toNanos());
            all.checker.scheduleWithFixedDelay(all::check, nanos, nanos, TimeUnit.NANOSECONDS);
        }
        all.feeds.forEach(Feed::start);
        return all;
    }

    private void check() {
        mirrors.values().forEach(Mirror::check);
    }

    /** Meter {@code index}'s source, if it is mirrored. */
    public Optional<SourceState> state(int index) {
        return Optional.ofNullable(mirrors.get(index)).map(Mirror::state);
    }

    public boolean isEmpty() {
        return mirrors.isEmpty();
    }

    /** Stops every feed; the meters answer again as any meter, with the load they have. */
    @Override
    public void close() {
        checker.shutdownNow();
        feeds.forEach(Feed::close);
        pollers.shutdownNow();
        mirrors.values().forEach(Mirror::release);
    }
}
