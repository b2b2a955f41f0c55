package org.pro380.bridge;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pro380.client.Applied;
import org.pro380.client.Change;
import org.pro380.client.ClientException;
import org.pro380.client.NoReplyException;
import org.pro380.client.Pro380Client;

/**
 * Setting changes for polled meters (from MQTT commands): each waits for its line's poller,
 * which applies it between two reads, when the line is free, so a change never overlaps a read.
 * Thread-safe.
 */
public final class SettingChanges {

    /** How long a change waits for its line before it is given up. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private final Map<String, Queue<Pending>> byLine = new HashMap<>();
    private final Map<String, Runnable> wakeUps = new HashMap<>();

    private record Pending(BridgeMeter meter, Change change, CompletableFuture<Applied> result) {}

    /** Applies {@code change} to {@code meter} through its line's poller; waits for it. */
    public Applied apply(BridgeMeter meter, Change change) throws ClientException {
        Pending pending = new Pending(meter, change, new CompletableFuture<>());
        Runnable wakeUp;
        synchronized (this) {
            Queue<Pending> queue = byLine.get(meter.connection());
            if (queue == null) {
                throw new IllegalArgumentException("no line " + meter.connection() + " is polled");
            }
            queue.add(pending);
            wakeUp = wakeUps.get(meter.connection());
        }
        wakeUp.run();
        try {
            return pending.result().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ClientException c) {
                throw c;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            pending.result().cancel(false);
            throw new NoReplyException(
                    "the line " + meter.connection() + " was not free within " + WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoReplyException("interrupted while waiting for the line " + meter.connection());
        }
    }

    /** The poller of {@code line} takes its changes; {@code wakeUp} ends its wait for the next read. */
    synchronized void serve(String line, Runnable wakeUp) {
        byLine.put(line, new ArrayDeque<>());
        wakeUps.put(line, wakeUp);
    }

    synchronized boolean waiting(String line) {
        Queue<Pending> queue = byLine.get(line);
        return queue != null && !queue.isEmpty();
    }

    /** The client of a unit id on a line, or why there is none. */
    @FunctionalInterface
    interface Clients {
        Pro380Client at(int unitId) throws ClientException;
    }

    /** Applies every change waiting for {@code line} through {@code clients}; called by its poller. */
    void applyWaiting(String line, Clients clients) {
        Pending next;
        while ((next = take(line)) != null) {
            if (next.result().isCancelled()) {
                continue;
            }
            try {
                next.result().complete(clients.at(next.meter().unitId()).apply(next.change()));
            } catch (ClientException | RuntimeException e) {
                next.result().completeExceptionally(e);
            }
        }
    }

    private synchronized Pending take(String line) {
        Queue<Pending> queue = byLine.get(line);
        return queue == null ? null : queue.poll();
    }
}
