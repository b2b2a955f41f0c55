package org.pro380.bridge;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bridge: a {@link Poller} thread per line, all feeding the same sinks. Closing it
 * lets every read under way finish, then closes the sinks (the database commits and closes).
 */
public final class Bridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final List<Poller> pollers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<ReadingSink> sinks;
    private boolean closed;

    private Bridge(List<ReadingSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    /** Starts polling every line at once. */
    public static Bridge start(List<BridgeLine> lines, List<ReadingSink> sinks, Clock clock, Poller.Opener opener) {
        return start(lines, sinks, clock, opener, new SettingChanges());
    }

    /** Starts polling every line at once; each line's poller also applies the {@code changes} asked of its meters. */
    public static Bridge start(
            List<BridgeLine> lines,
            List<ReadingSink> sinks,
            Clock clock,
            Poller.Opener opener,
            SettingChanges changes) {
        Bridge bridge = new Bridge(sinks);
        for (BridgeLine line : lines) {
            LOG.info("{}", RoundCost.describe(line));
            Poller poller = new Poller(line, sinks, clock, Waiter.of(clock), opener, changes);
            Thread thread = new Thread(poller, "poll " + line.name());
            bridge.pollers.add(poller);
            bridge.threads.add(thread);
            thread.start();
        }
        return bridge;
    }

    /** Stops polling after the reads under way, then closes every sink; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pollers.forEach(Poller::stop);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ReadingSink sink : sinks) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOG.warn("closing {}: {}", sink.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
