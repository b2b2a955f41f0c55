package org.pro380.app.bridge;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.pro380.bridge.BridgeMeter;
import org.pro380.bridge.ReadingSink;
import org.pro380.client.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the bridge is doing: on a terminal a status line rewritten after every round, otherwise
 * a plain log line every hour (the poller logs trouble as it happens).
 */
final class StatusSink implements ReadingSink {
    private static final Logger LOG = LoggerFactory.getLogger("bridge");
    static final Duration LOG_EVERY = Duration.ofHours(1);

    private final PrintWriter terminal;
    private final Clock clock;
    private long readings;
    private long gaps;
    private Instant lastLogged;
    private String lastRound = "";

    /** {@code terminal} null: log lines instead of the status line. */
    StatusSink(PrintWriter terminal, Clock clock) {
        this.terminal = terminal;
        this.clock = clock;
        this.lastLogged = clock.instant();
    }

    @Override
    public synchronized void reading(BridgeMeter meter, Snapshot snapshot) {
        readings++;
    }

    @Override
    public synchronized void gap(BridgeMeter meter, Instant time, GapCause cause, String detail) {
        gaps++;
    }

    @Override
    public synchronized void roundDone(String connection, Duration took, int meters) {
        lastRound = String.format(Locale.ROOT, "%s: %d meters in %.1f s", connection, meters, took.toMillis() / 1000.0);
        if (terminal != null) {
            terminal.print("\r" + status() + "\u001b[K");
            terminal.flush();
        } else if (Duration.between(lastLogged, clock.instant()).compareTo(LOG_EVERY) >= 0) {
            lastLogged = clock.instant();
            LOG.info(status());
        }
    }

    synchronized String status() {
        return String.format(Locale.ROOT, "%s · %d readings, %d gaps since start", lastRound, readings, gaps);
    }

    @Override
    public synchronized void close() {
        if (terminal != null) {
            terminal.println();
            terminal.flush();
        }
        LOG.info("stopped: {} readings, {} gaps", readings, gaps);
    }
}
