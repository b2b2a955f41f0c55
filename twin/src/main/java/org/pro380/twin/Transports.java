package org.pro380.twin;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pro380.client.HostPort;
import org.pro380.twin.bus.Bus;
import org.pro380.twin.bus.Gateway;
import org.pro380.twin.capture.Capture;
import org.pro380.twin.capture.Recorder;
import org.pro380.twin.http.ControlApi;
import org.pro380.twin.traffic.SiteTraffic;
import org.pro380.twin.traffic.TransportKind;
import org.pro380.twin.transport.ConnectionLimits;
import org.pro380.twin.transport.ModbusTcpServer;
import org.pro380.twin.transport.RtuGatewayClient;
import org.pro380.twin.transport.RtuTcpServer;
import org.pro380.twin.transport.SerialRtuPort;
import org.pro380.twin.transport.Transport;
import org.pro380.twin.transport.TransportException;
import org.pro380.twin.transport.WireTiming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every transport of a running twin: per kind that the config asks for, one per bus (bus b on
 * bus 1's port + b - 1), and the control API once. Thread-safe; closing closes them all.
 */
final class Transports implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Transports.class);

    private final TwinConfig config;
    /** Per kind of transport, one per bus, bus 1 first. */
    private final List<List<Transport>> started = new ArrayList<>();

    private volatile Optional<Capture> capture = Optional.empty();

    private final SiteTraffic traffic;

    Transports(TwinConfig config, SiteTraffic traffic) {
        this.config = config;
        this.traffic = traffic;
    }

    /** A transport of one kind on bus {@code number}. */
    private interface PerBus {
        Transport start(Bus bus, int number) throws TransportException;
    }

    /**
     * Starts what the config asks for on {@code buses}; when one cannot start (a port in use, a
     * missing serial device), those started before it are left for {@link #close}.
     */
    void start(List<Bus> buses, TwinSite site, EventLoopGroup group) throws TransportException {
        WireTiming timing = config.wireTiming() ? WireTiming.of(config.turnaround()) : WireTiming.off();
        ConnectionLimits limits = config.connectionLimits();
        Duration gatewayTimeout = config.site().gatewayTimeout();
        Recorder capture = startCapture();
        if (config.tcp().isPresent()) {
            perBus(
                    "--tcp",
                    buses,
                    (bus, b) -> ModbusTcpServer.start(
                            onBus(config.tcp().get(), b),
                            new Gateway(bus, gatewayTimeout),
                            group,
                            limits,
                            traffic.recorder(bus, TransportKind.TCP, capture)));
        }
        if (config.rtuTcp().isPresent()) {
            perBus(
                    "--rtu-tcp",
                    buses,
                    (bus, b) -> RtuTcpServer.start(
                            onBus(config.rtuTcp().get(), b),
                            bus,
                            timing,
                            group,
                            limits,
                            traffic.recorder(bus, TransportKind.RTU_TCP, capture)));
        }
        if (config.rtuTcpConnect().isPresent()) {
            perBus(
                    "--rtu-tcp-connect",
                    buses,
                    (bus, b) -> RtuGatewayClient.start(
                            onBus(config.rtuTcpConnect().get(), b),
                            bus,
                            timing,
                            group,
                            traffic.recorder(bus, TransportKind.RTU_TCP_CONNECT, capture)));
        }
        if (config.serial().isPresent()) {
            perBus(
                    "--serial",
                    buses,
                    (bus, b) -> SerialRtuPort.open(
                            config.serial().get(), bus, timing, traffic.recorder(bus, TransportKind.SERIAL, capture)));
        }
        if (config.http().isPresent()) {
            ControlApi api = named(
                    "--http", () -> ControlApi.start(config.http().get(), site, config.httpToken(), group, limits));
            synchronized (started) {
                started.add(List.of(api));
            }
        }
    }

    /** Opens the capture file if one is asked for: its recorder, else {@link Recorder#OFF}. */
    private Recorder startCapture() throws TransportException {
        try {
            capture = config.capture().open();
        } catch (IOException | RuntimeException e) {
            throw new TransportException(
                    "cannot write the capture " + config.capture().file().get() + ": "
                            + (e instanceof NoSuchFileException ? "no such folder" : e.getMessage()),
                    e);
        }
        return capture.map(c -> Recorder.into(c, Clock.systemUTC())).orElse(Recorder.OFF);
    }

    /** The capture being written, if any. */
    Optional<Capture> capture() {
        return capture;
    }

    /** What {@code start} gives; its failure names the flag that asked for it: "...; check --tcp". */
    private static <T> T named(String flag, Starting<T> start) throws TransportException {
        try {
            return start.start();
        } catch (TransportException e) {
            throw new TransportException(e.getMessage() + " (" + flag + ")", e);
        }
    }

    private interface Starting<T> {
        T start() throws TransportException;
    }

    private void perBus(String flag, List<Bus> buses, PerBus start) throws TransportException {
        List<Transport> kind = new ArrayList<>(buses.size());
        synchronized (started) {
            started.add(kind);
        }
        for (int b = 1; b <= buses.size(); b++) {
            Bus bus = buses.get(b - 1);
            int number = b;
            Transport t = named(flag, () -> start.start(bus, number));
            synchronized (started) {
                kind.add(t);
            }
        }
    }

    /** Bus b listens on the given port + b - 1 (port 0: a free port for each). */
    private static HostPort onBus(HostPort busOne, int bus) {
        return busOne.port() == 0 ? busOne : busOne.withPort(busOne.port() + bus - 1);
    }

    /** One line per kind of transport, for the console: bus 1's, and the range when there are more buses. */
    List<String> describe() {
        synchronized (started) {
            return started.stream()
                    .map(perBus -> perBus.size() == 1
                            ? perBus.get(0).describe()
                            : perBus.get(0).describe() + " ... "
                                    + perBus.get(perBus.size() - 1).describe() + " (" + perBus.size() + " buses)")
                    .toList();
        }
    }

    /** Bus {@code bus}'s Modbus TCP address. */
    Optional<InetSocketAddress> tcpAddress(int bus) {
        return find(ModbusTcpServer.class, bus)
                .map(t -> config.tcp().get().withPort(t.port()).toAddress());
    }

    /** Bus {@code bus}'s RTU over TCP address. */
    Optional<InetSocketAddress> rtuTcpAddress(int bus) {
        return find(RtuTcpServer.class, bus)
                .map(t -> config.rtuTcp().get().withPort(t.port()).toAddress());
    }

    Optional<InetSocketAddress> httpAddress() {
        return find(ControlApi.class, 1)
                .map(t -> config.http().get().withPort(t.port()).toAddress());
    }

    private <T extends Transport> Optional<T> find(Class<T> type, int bus) {
        synchronized (started) {
            return started.stream()
                    .filter(l -> l.size() >= bus && type.isInstance(l.get(bus - 1)))
                    .map(l -> type.cast(l.get(bus - 1)))
                    .findFirst();
        }
    }

    @Override
    public void close() {
        synchronized (started) {
            started.forEach(perBus -> perBus.forEach(Transport::close));
            started.clear();
        }
        capture.ifPresent(c -> {
            c.close();
            LOG.info("capture {}: {} frames, {} dropped", c.file(), c.written(), c.dropped());
        });
    }
}
