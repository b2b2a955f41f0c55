package org.pro380.bridge.mqtt;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages on their way to the broker. {@link #add} never blocks: when the queue is full (the
 * broker is down or slow) the oldest message is dropped, so the poller keeps its pace and the
 * broker gets the newest values when it is back. What must never be dropped (a meter's state
 * and availability) is {@link #keep kept} beside the queue instead: the newest message of each
 * such topic, published before the queue. One thread publishes, in order, at most
 * {@value #IN_FLIGHT} messages waiting for their acknowledgement, and only while connected.
 */
final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    static final int IN_FLIGHT = 64;
    private static final long POLL_MILLIS = 100;

    record Message(String topic, byte[] payload, boolean retain) {}

    private final BlockingQueue<Message> queue;
    private final Map<String, Message> kept = new LinkedHashMap<>();
    private final Function<Message, CompletableFuture<?>> publish;
    private final BooleanSupplier connected;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final Object connection = new Object();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;

    Outbox(int capacity, Function<Message, CompletableFuture<?>> publish, BooleanSupplier connected) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.publish = publish;
        this.connected = connected;
        this.thread = new Thread(this::run, "pro380-mqtt-outbox");
        thread.setDaemon(true);
        thread.start();
    }

    void add(Message m) {
        while (!queue.offer(m)) {
            if (queue.poll() != null && dropped.incrementAndGet() == 1) {
                LOG.warn("MQTT: the broker does not keep up; the oldest waiting messages are dropped");
            }
        }
    }

    /** Keeps {@code m} until it is published, in place of a waiting message of its topic; never dropped. */
    void keep(Message m) {
        synchronized (kept) {
            kept.put(m.topic(), m);
        }
    }

    /** Called when the client connects: the publishing thread goes on. */
    void connected() {
        synchronized (connection) {
            connection.notifyAll();
        }
    }

    long dropped() {
        return dropped.get();
    }

    int waiting() {
        synchronized (kept) {
            return queue.size() + kept.size();
        }
    }

    private void run() {
        try {
            while (!closing || waiting() > 0) {
                Message m = next();
                if (m != null && awaitConnection()) {
                    inFlight.acquire();
                    publish.apply(m).whenComplete((result, error) -> done(m, error));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first kept message, else the queue's head (waiting for one at most {@value #POLL_MILLIS} ms). */
    private Message next() throws InterruptedException {
        synchronized (kept) {
            Iterator<Message> first = kept.values().iterator();
            if (first.hasNext()) {
                Message m = first.next();
                first.remove();
                return m;
            }
        }
        return queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Waits until connected; false if the outbox closes first (the message is given up). */
    private boolean awaitConnection() throws InterruptedException {
        synchronized (connection) {
            while (!connected.getAsBoolean()) {
                if (closing) {
                    return false;
                }
                connection.wait(POLL_MILLIS);
            }
        }
        return true;
    }

    private void done(Message m, Throwable error) {
        inFlight.release();
        if (error != null && failed.incrementAndGet() % 1000 == 1) {
            LOG.warn("MQTT: could not publish {} ({}); {} failed so far", m.topic(), error.getMessage(), failed.get());
        }
    }

    /** Publishes what is waiting, for at most {@code wait} while connected; then stops. */
    void drain(Duration wait) {
        closing = true;
        connected();
        try {
            thread.join(wait.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
            } else if (inFlight.tryAcquire(IN_FLIGHT, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                inFlight.release(IN_FLIGHT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
