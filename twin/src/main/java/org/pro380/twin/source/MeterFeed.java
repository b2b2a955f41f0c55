package org.pro380.twin.source;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.pro380.client.ClientConfig;
import org.pro380.client.ClientException;
import org.pro380.client.Endpoint;
import org.pro380.client.Group;
import org.pro380.client.PhaseValues;
import org.pro380.client.Pro380Client;
import org.pro380.client.Snapshot;
import org.pro380.meter.Load;
import org.pro380.meter.PhaseLoad;
import org.pro380.protocol.LineSettings;
import org.pro380.registers.Phase;

/**
 * Another PRO380 as a source, polled through the project's client over Modbus TCP or a serial
 * line: its instantaneous values every poll period (a quarter of the stale-after time, at most
 * 1 s). A generic meter ({@link SourceUri.Mapped}) is polled the same way, for the registers of
 * its map ({@link MappedMeter}). A meter that does not answer is retried with a backoff that
 * doubles up to 10 s. The polls of every polled meter share the twin's few poller threads.
 */
final class MeterFeed implements Feed {

    static final Duration MAX_POLL = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final SourceUri uri;
    private final Listener listener;
    private final Duration poll;
    private final ScheduledExecutorService poller;
    private Polled meter;
    private Duration backoff = Duration.ZERO;
    private boolean closed;

    MeterFeed(SourceUri uri, SourceSpec spec, Listener listener, ScheduledExecutorService poller) {
        this.uri = uri;
        this.listener = listener;
        Duration quarter = spec.staleAfter().dividedBy(4);
        this.poll = quarter.compareTo(MAX_POLL) < 0 ? quarter : MAX_POLL;
        this.poller = poller;
    }

    @Override
    public void start() {
        poller.execute(this::poll);
    }

    private synchronized void poll() {
        if (closed) {
            return;
        }
        try {
            if (meter == null) {
                meter = open();
            }
            Supplier<Load> reading = meter.read();
            listener.connected(true);
            backoff = Duration.ZERO;
            deliver(reading);
            poller.schedule(this::poll, poll.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ClientException e) {
            listener.connected(false);
            disconnect();
            backoff = backoff.isZero() ? poll : backoff.multipliedBy(2);
            backoff = backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
            poller.schedule(this::poll, backoff.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void deliver(Supplier<Load> reading) {
        Load load;
        try {
            load = reading.get();
        } catch (IllegalArgumentException e) {
            listener.malformed(e.getMessage());
            return;
        }
        listener.loaded(load);
    }

    /** A meter that a feed polls: one read over the wire, whose load may then be none (IllegalArgumentException). */
    interface Polled {
        Supplier<Load> read() throws ClientException;

        void close();
    }

    /** A PRO380 through the project's client: its instantaneous values. */
    private record Pro380(Pro380Client client) implements Polled {
        @Override
        public Supplier<Load> read() throws ClientException {
            Snapshot snapshot = client.read(Group.INSTANTANEOUS);
            return () -> load(snapshot);
        }

        @Override
        public void close() {
            client.close();
        }
    }

    private Polled open() throws ClientException {
        if (uri instanceof SourceUri.Mapped m) {
            return MappedMeter.open(config(m.meter()), m.map());
        }
        return new Pro380(Pro380Client.connect(config(uri)));
    }

    private static Load load(Snapshot snapshot) {
        List<PhaseLoad> phases = PhaseSample.loads(i -> sample(snapshot.phase(Phase.values()[i])));
        return new Load(snapshot.totals().frequency(), phases);
    }

    /** The registers say kW, kvar and kVA; a sample is in W, var and VA. */
    private static PhaseSample sample(PhaseValues v) {
        double activeWatts = v.exporting() ? -Math.abs(v.activePower() * 1000) : Math.abs(v.activePower() * 1000);
        return new PhaseSample(
                v.voltage(),
                OptionalDouble.of(v.current()),
                OptionalDouble.of(activeWatts),
                OptionalDouble.of(v.powerFactor()),
                OptionalDouble.of(v.reactivePower() * 1000),
                OptionalDouble.of(v.apparentPower() * 1000));
    }

    private static ClientConfig config(SourceUri uri) {
        if (uri instanceof SourceUri.ModbusTcp t) {
            return ClientConfig.of(new Endpoint.ModbusTcp(t.host(), t.port())).withUnitId(t.unit());
        }
        SourceUri.Rtu r = (SourceUri.Rtu) uri;
        return ClientConfig.of(new Endpoint.Serial(r.path(), new LineSettings(r.baud(), r.parity())))
                .withUnitId(r.unit());
    }

    private void disconnect() {
        if (meter != null) {
            meter.close();
            meter = null;
        }
    }

    /** Waits for a poll under way, then polls no more. */
    @Override
    public synchronized void close() {
        closed = true;
        disconnect();
    }
}
