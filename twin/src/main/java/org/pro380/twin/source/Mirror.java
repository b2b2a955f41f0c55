package org.pro380.twin.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.pro380.meter.Load;
import org.pro380.meter.Meter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mirrored meter: takes each fresh load of its source into the meter (energy integrates
 * from it as from any load), and when none came for the stale-after time does what the
 * source's {@link StaleMode} says. Starts stale: until a first value comes, nothing is known.
 * Logs each change of state once; malformed messages are counted, never applied, and logged
 * at most once a minute. Thread-safe.
 */
public final class Mirror implements Feed.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Mirror.class);
    static final Duration MALFORMED_LOG_PERIOD = Duration.ofMinutes(1);

    private final int index;
    private final Meter meter;
    private final SourceSpec spec;
    private final BusWire wire;
    private final Clock clock;
    private Load last;
    private Instant lastValueAt;
    private boolean stale;
    private boolean connected;
    private long malformed;
    private String lastMalformed;
    private Instant malformedLoggedAt;
    private long malformedLogged;

    /**
     * Meter {@code index} of the site, fed by {@code spec}, on its bus through {@code wire};
     * {@code clock} tells the age of values (real time).
     */
    public Mirror(int index, Meter meter, SourceSpec spec, BusWire wire, Clock clock) {
        this.index = index;
        this.meter = meter;
        this.spec = spec;
        this.wire = wire;
        this.clock = clock;
        this.last = meter.load();
        synchronized (this) {
            goStale("no value yet");
        }
    }

    public SourceSpec spec() {
        return spec;
    }

    @Override
    public synchronized void loaded(Load load) {
        lastValueAt = clock.instant();
        last = load;
        meter.setLoad(load);
        if (stale) {
            stale = false;
            wire.cut(false);
            LOG.info("{}: fresh value, mirroring again", who());
        }
    }

    @Override
    public synchronized void malformed(String why) {
        malformed++;
        lastMalformed = why;
        Instant now = clock.instant();
        if (malformedLoggedAt == null || !now.isBefore(malformedLoggedAt.plus(MALFORMED_LOG_PERIOD))) {
            LOG.warn("{}: {} malformed message(s) not applied, the last: {}", who(), malformed - malformedLogged, why);
            malformedLoggedAt = now;
            malformedLogged = malformed;
        }
    }

    @Override
    public synchronized void connected(boolean now) {
        if (now != connected) {
            connected = now;
            LOG.info("{}: {}", who(), now ? "connected" : "disconnected");
        }
    }

    /** Makes the source stale if its last value is older than the stale-after time. */
    public synchronized void check() {
        if (!stale && !clock.instant().isBefore(lastValueAt.plus(spec.staleAfter()))) {
            goStale("no fresh value for " + spec.staleAfter().toMillis() + " ms");
        }
    }

    private void goStale(String why) {
        stale = true;
        meter.setLoad(spec.onStale().staleLoad(last));
        if (!spec.onStale().answers()) {
            wire.cut(true);
        }
        LOG.warn(
                "{}: stale ({}): {}",
                who(),
                why,
                switch (spec.onStale()) {
                    case SILENT -> "not answering Modbus until a fresh value comes";
                    case ZERO -> "answering with no current";
                    case HOLD -> "answering with the last value";
                });
    }

    public synchronized SourceState state() {
        Optional<Duration> age = Optional.ofNullable(lastValueAt).map(t -> Duration.between(t, clock.instant()));
        return new SourceState(
                spec.uri().toString(),
                connected,
                age,
                stale,
                spec.staleAfter(),
                spec.onStale(),
                malformed,
                Optional.ofNullable(lastMalformed));
    }

    /** The meter answers again as any meter; its load stays as it is. */
    public synchronized void release() {
        wire.cut(false);
    }

    private String who() {
        return "meter " + index + ": source " + spec.uri();
    }
}
