package org.pro380.bridge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.pro380.bridge.ReadingSink.GapCause;
import org.pro380.client.ClientException;
import org.pro380.client.ModbusLink;
import org.pro380.client.NoReplyException;
import org.pro380.client.Pro380Client;
import org.pro380.client.Snapshot;
import org.pro380.client.format.ValueText;
import org.pro380.registers.Registers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the meters of one line by its {@link Schedule}, one request at a time, and hands each
 * reading or gap to every sink. Connects again with {@link Backoff} when the connection is lost;
 * a meter that misses three turns, or answers with another serial number, is logged as lost.
 */
public final class Poller implements Runnable, Waiter.Stoppable {
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

    /** Opens the line's connection; tests may count or fail the attempts. */
    @FunctionalInterface
    public interface Opener {
        ModbusLink open(BridgeLine line) throws ClientException;

        Opener CLIENT = line -> ModbusLink.open(line.endpoint(), line.timeout(), line.retries());
    }

    private final BridgeLine line;
    private final List<ReadingSink> sinks;
    private final Clock clock;
    private final Waiter waiter;
    private final Opener opener;
    private final Schedule schedule;
    private final SettingChanges changes;
    private final Map<BridgeMeter, MeterHealth> health = new HashMap<>();
    private volatile boolean stopping;
    private ModbusLink link;
    private int connectFailures;
    private Instant nextConnect = Instant.MIN;
    private Instant roundStart;
    private int readsInRound;

    public Poller(BridgeLine line, List<ReadingSink> sinks, Clock clock, Waiter waiter, Opener opener) {
        this(line, sinks, clock, waiter, opener, new SettingChanges());
    }

    /** A poller that also applies the setting changes asked of its meters, between reads. */
    public Poller(
            BridgeLine line,
            List<ReadingSink> sinks,
            Clock clock,
            Waiter waiter,
            Opener opener,
            SettingChanges changes) {
        this.line = line;
        this.changes = changes;
        changes.serve(line.name(), this::wake);
        this.sinks = List.copyOf(sinks);
        this.clock = clock;
        this.waiter = waiter;
        this.opener = opener;
        this.schedule = new Schedule(line.meters(), clock.instant());
        line.meters().forEach(m -> health.put(m.meter(), new MeterHealth()));
    }

    @Override
    public void run() {
        roundStart = clock.instant();
        try {
            while (!stopping) {
                Schedule.Turn turn = schedule.next();
                waiter.waitUntil(turn.due(), this);
                if (stopping) {
                    break;
                }
                if (changes.waiting(line.name())) {
                    applyChanges();
                    continue;
                }
                Instant started = clock.instant();
                read(turn.meter().meter());
                schedule.done(turn.meter(), started);
                countRound();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeLink();
        }
    }

    /** Ends the loop after the read under way; {@link #run()} then closes the connection. */
    public void stop() {
        stopping = true;
        wake();
    }

    private void wake() {
        synchronized (this) {
            notifyAll();
        }
    }

    @Override
    public boolean endsWait() {
        return stopping || changes.waiting(line.name());
    }

    /** The line is free between two reads: the setting changes asked meanwhile go out now. */
    private void applyChanges() {
        if (connected()) {
            changes.applyWaiting(line.name(), unitId -> new Pro380Client(link, unitId));
        } else {
            changes.applyWaiting(line.name(), unitId -> {
                throw new NoReplyException("no connection to " + line.endpoint());
            });
        }
    }

    /** Reads one meter now and hands the reading or the gap to every sink. */
    private void read(BridgeMeter meter) {
        if (!connected()) {
            gap(meter, GapCause.CONNECTION_LOST, "no connection to " + line.endpoint());
            return;
        }
        try {
            Snapshot snapshot = new Pro380Client(link, meter.unitId()).snapshot();
            String serial = ValueText.exact(Registers.SERIAL_NUMBER, snapshot.get(Registers.SERIAL_NUMBER));
            MeterHealth h = health.get(meter);
            if (h.serial().isPresent() && !h.serial().get().equals(serial)) {
                if (!h.lost()) {
                    LOG.warn(
                            "{} unit {}: answers with serial {} instead of {}: another meter has this id; marked lost",
                            line.name(),
                            meter.unitId(),
                            serial,
                            h.serial().get());
                }
                missed(
                        meter,
                        GapCause.WRONG_METER,
                        "serial " + serial + " instead of " + h.serial().get());
                return;
            }
            if (h.serial().isEmpty()) {
                h.serial(serial);
            }
            if (h.answered()) {
                LOG.info("{} unit {}: answers again", line.name(), meter.unitId());
            }
            each(sink -> sink.reading(meter, snapshot));
        } catch (ClientException e) {
            GapCause cause = cause(e);
            if (cause == GapCause.CONNECTION_LOST) {
                LOG.warn("{}: connection lost: {}", line.name(), e.getMessage());
                closeLink();
            }
            missed(meter, cause, e.getMessage());
        }
    }

    private void missed(BridgeMeter meter, GapCause cause, String detail) {
        if (health.get(meter).missed()) {
            LOG.warn(
                    "{} unit {}: lost ({} turns without a reading; last: {}); its id, baud or parity may have changed",
                    line.name(),
                    meter.unitId(),
                    MeterHealth.LOST_AFTER,
                    detail);
        }
        gap(meter, cause, detail);
    }

    private void gap(BridgeMeter meter, GapCause cause, String detail) {
        Instant now = clock.instant();
        each(sink -> sink.gap(meter, now, cause, detail));
    }

    private boolean connected() {
        if (link != null) {
            return true;
        }
        Instant now = clock.instant();
        if (now.isBefore(nextConnect)) {
            return false;
        }
        try {
            link = opener.open(line);
            if (connectFailures > 0) {
                LOG.info("{}: connected again to {}", line.name(), line.endpoint());
            }
            connectFailures = 0;
            return true;
        } catch (ClientException e) {
            connectFailures++;
            Duration wait = Backoff.DEFAULT.after(connectFailures);
            nextConnect = clock.instant().plus(wait); // counted from the refusal: an attempt may itself take long
            LOG.warn("{}: cannot connect ({}); next try in {} s", line.name(), e.getMessage(), wait.toSeconds());
            return false;
        }
    }

    private void closeLink() {
        if (link != null) {
            link.close();
            link = null;
        }
    }

    private void countRound() {
        if (++readsInRound < line.meters().size()) {
            return;
        }
        Instant now = clock.instant();
        Duration took = Duration.between(roundStart, now);
        int reads = readsInRound;
        each(sink -> sink.roundDone(line.name(), took, reads));
        roundStart = now;
        readsInRound = 0;
    }

    /** Calls every sink; one sink's failure is logged and never reaches the others or the polling. */
    private void each(Consumer<ReadingSink> call) {
        for (ReadingSink sink : sinks) {
            try {
                call.accept(sink);
            } catch (RuntimeException e) {
                LOG.warn("{}: {}", sink.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** Why a read failed; a gateway's "target failed to respond" is the meter's silence (its kind is NO_REPLY). */
    static GapCause cause(ClientException e) {
        return switch (e.kind()) {
            case NO_REPLY -> GapCause.NO_REPLY;
            case CRC_ERROR -> GapCause.CRC_ERROR;
            case EXCEPTION_REPLY -> GapCause.EXCEPTION_REPLY;
            case WRONG_UNIT -> GapCause.WRONG_METER;
            case CONNECTION_FAILED, CONNECTION_REFUSED, WRONG_TRANSPORT -> GapCause.CONNECTION_LOST;
            case MALFORMED_REPLY, ILLEGAL_WRITE, VERIFY_FAILED -> GapCause.MALFORMED_REPLY;
        };
    }
}
