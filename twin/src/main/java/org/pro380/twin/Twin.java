package org.pro380.twin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.lang.invoke.MethodHandles;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.pro380.meter.Meter;
import org.pro380.meter.MeterServer;
import org.pro380.meter.ShownEnergy;
import org.pro380.twin.bus.Bus;
import org.pro380.twin.capture.Capture;
import org.pro380.twin.fault.MeterFaults;
import org.pro380.twin.nv.NvFileStore;
import org.pro380.twin.nv.StateDirLockedException;
import org.pro380.twin.nv.StoreUnavailableException;
import org.pro380.twin.scenario.ScenarioRunner;
import org.pro380.twin.site.SiteLayout;
import org.pro380.twin.source.Mirrors;
import org.pro380.twin.source.SourceState;
import org.pro380.twin.traffic.SiteTraffic;
import org.pro380.twin.traffic.TrafficLog;
import org.pro380.twin.traffic.TrafficLogs;
import org.pro380.twin.transport.IoTransport;
import org.pro380.twin.transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running twin: its meters ({@link TwinMeter}, made as {@link SitePlan} says) on their buses,
 * their non-volatile memory ({@link SiteMemory}) and every transport of every bus
 * ({@link Transports}), all in one process. Closing it saves and releases everything. What a
 * person at a meter can do is done to that meter ({@link #meter(int)}, a {@link SiteMeter}).
 *
 * <p>The meters show the energy their memory holds ({@link ShownEnergy#SAVED}), so no kill, crash
 * or power cut can make a counter that anyone has seen go down.
 */
public final class Twin implements TwinSite, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Twin.class);
    /**
     * Saves closer together than this in real time would only wear the disk at high time scales;
     * nor are they planned closer than one round of the site takes.
     */
    private static final Duration MIN_REAL_SAVE_PERIOD = Duration.ofMillis(10);

    private final TwinConfig config;
    private final SitePlan plan;
    private final List<TwinMeter> meters;
    private final List<Bus> buses;
    private final SiteMemory memory;
    private final EventLoopGroup group = IoTransport.best().group(2);
    private final Transports transports;
    private final ScenarioRunner scenarios;
    /** The meters that mirror a source; none until started. */
    private volatile Mirrors mirrors = Mirrors.start(List.of(), Clock.systemUTC());

    private Twin(TwinConfig config, Optional<NvFileStore> store) {
        this.config = config;
        this.plan = new SitePlan(config);
        Clock clock = ScaledClock.of(Clock.systemUTC(), config.timeScale());
        List<Meter> site = new ArrayList<>(config.site().layout().meters());
        for (int k = 1; k <= config.site().layout().meters(); k++) {
            Meter meter = new Meter(clock, plan.identity(k), plan.fixedLoad(k), ShownEnergy.SAVED);
            plan.startingSchedule(k).ifPresent(meter::follow);
            site.add(meter);
        }
        this.memory = new SiteMemory(store, site, plan::factorySettings);
        List<TwinMeter> all = new ArrayList<>(site.size());
        TrafficLogs traffic = new TrafficLogs();
        for (int k = 1; k <= site.size(); k++) {
            all.add(new TwinMeter(
                    k, plan, memory, site.get(k - 1), this::source, plan.faults(k, clock), traffic.next()));
        }
        this.meters = List.copyOf(all);
        this.buses = wire(config.site().layout(), meters, config.strictBroadcast(), b -> plan.lineFaults(b, clock));
        Map<MeterServer, TrafficLog> trafficOf = new IdentityHashMap<>();
        meters.forEach(m -> trafficOf.put(m.server(), m.traffic()));
        this.transports = new Transports(config, new SiteTraffic(trafficOf::get, Clock.systemUTC()));
        this.scenarios = new ScenarioRunner(meters, clock, config.timeScale());
    }

    /** Bus b of {@code layout} with its meters' Modbus sides, each showing its own faults. */
    private static List<Bus> wire(
            SiteLayout layout, List<TwinMeter> meters, boolean strictBroadcast, IntFunction<MeterFaults> lineFaults) {
        Map<MeterServer, MeterFaults> faultsOf = new IdentityHashMap<>();
        meters.forEach(m -> faultsOf.put(m.server(), m.faults()));
        List<Bus> lines = new ArrayList<>(layout.buses());
        for (int b = 1; b <= layout.buses(); b++) {
            int first = layout.index(b, 1);
            lines.add(new Bus(
                    meters.subList(first - 1, first - 1 + layout.metersOn(b)).stream()
                            .map(TwinMeter::server)
                            .toList(),
                    strictBroadcast,
                    faultsOf::get,
                    lineFaults.apply(b)));
        }
        return List.copyOf(lines);
    }

    /**
     * Does ahead what every start does first, for a caller that runs it on another thread while
     * it does other work: Netty's platform checks and epoll's native library (which Netty copies
     * out of its jar to a file whose random name starts the JDK's secure random generator), then
     * the classes {@link #start} initialises. A class is initialised once, by one thread: a start
     * that reaches one meanwhile waits for it, and the transport's choice and its one log line are
     * as they would be.
     */
    public static void prepare() {
        List<Class<?>> used = new ArrayList<>(List.of(
                MultiThreadIoEventLoopGroup.class,
                ServerBootstrap.class,
                DefaultChannelId.class,
                Twin.class,
                Meter.class,
                HttpServerCodec.class));
        if (IoTransport.best() == IoTransport.EPOLL) {
            used.addAll(List.of(EpollIoHandler.class, EpollServerSocketChannel.class));
        }
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            for (Class<?> c : used) {
                lookup.ensureInitialized(c);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e); // each class is public
        }
    }

    /**
     * Opens the memory, starts every transport of every bus, then powers the meters on. A start
     * that fails (a port in use, a missing serial device) leaves the memory as it was: no check,
     * no power-on counted, no save.
     */
    public static Twin start(TwinConfig config) throws TwinStartException {
        Optional<NvFileStore> store;
        try {
            store = Optional.of(NvFileStore.open(config.stateDir()));
        } catch (StateDirLockedException e) {
            throw new TwinStartException(e.getMessage(), e);
        } catch (StoreUnavailableException e) {
            LOG.warn("non-volatile memory unavailable ({}): running with ERR 80", e.getMessage());
            store = Optional.empty();
        }
        Twin twin = new Twin(config, store);
        try {
            twin.transports.start(twin.buses, twin, twin.group);
        } catch (TransportException e) {
            twin.close();
            throw new TwinStartException(e.getMessage(), e);
        }
        twin.memory.powerOn(twin.plan::powered);
        twin.startFaults();
        twin.memory.saveEvery(twin.savePeriod());
        twin.startMirrors();
        try {
            config.scenario().ifPresent(twin.scenarios::play);
        } catch (IllegalArgumentException e) {
            twin.close();
            throw new TwinStartException("scenario " + config.scenario().get().name() + ": " + e.getMessage(), e);
        }
        return twin;
    }

    /**
     * Gives the meters and buses the faults of the config ({@code --fault}), once the meters are
     * powered: a stuck meter freezes what it shows then.
     */
    private void startFaults() {
        for (TwinMeter m : meters) {
            m.faults().replace(plan.startingFaults(false, m.index()));
        }
        for (int b = 1; b <= buses.size(); b++) {
            buses.get(b - 1).lineFaults().replace(plan.startingFaults(true, b));
        }
    }

    /** The save interval in real time, never shorter than a round of the site takes. */
    private Duration savePeriod() {
        long roundCost = TwinConfig.SAVE_COST_PER_METER.toNanos() * meters.size();
        return Duration.ofNanos(Math.max(Math.max(MIN_REAL_SAVE_PERIOD.toNanos(), roundCost), (long)
                (config.saveInterval().toNanos() / config.timeScale())));
    }

    /** Every meter with a source starts mirroring it; staleness is told in real time. */
    private void startMirrors() {
        List<Mirrors.Mirrored> mirrored = new ArrayList<>();
        for (TwinMeter m : meters) {
            plan.source(m.index())
                    .ifPresent(s -> mirrored.add(new Mirrors.Mirrored(
                            m.index(),
                            m.meter(),
                            s,
                            cut -> buses.get(m.bus() - 1).cut(m.meter(), cut))));
        }
        mirrors = Mirrors.start(mirrored, Clock.systemUTC());
    }

    /** How meter {@code index}'s source is doing, if it mirrors one. */
    public Optional<SourceState> source(int index) {
        return mirrors.state(index);
    }

    /** The meters, meter k at index k - 1. */
    @Override
    public List<TwinMeter> meters() {
        return meters;
    }

    /** Meter {@code index} (1-based). */
    public TwinMeter meter(int index) {
        return meters.get(index - 1);
    }

    /** What plays scenarios on the site's meters. */
    @Override
    public Optional<ScenarioRunner> scenarios() {
        return Optional.of(scenarios);
    }

    /** The buses, bus b at index b - 1. */
    @Override
    public List<Bus> buses() {
        return buses;
    }

    public TwinConfig config() {
        return config;
    }

    @Override
    public Optional<Path> captureFile() {
        return transports.capture().map(Capture::file);
    }

    /** One line per kind of transport, for the console: bus 1's, and the range when there are more buses. */
    public List<String> describeTransports() {
        return transports.describe();
    }

    /** Bus 1's Modbus TCP address. */
    public Optional<InetSocketAddress> tcpAddress() {
        return tcpAddress(1);
    }

    /** Bus {@code bus}'s Modbus TCP address. */
    public Optional<InetSocketAddress> tcpAddress(int bus) {
        return transports.tcpAddress(bus);
    }

    public Optional<InetSocketAddress> rtuTcpAddress() {
        return rtuTcpAddress(1);
    }

    /** Bus {@code bus}'s RTU over TCP address. */
    public Optional<InetSocketAddress> rtuTcpAddress(int bus) {
        return transports.rtuTcpAddress(bus);
    }

    public Optional<InetSocketAddress> httpAddress() {
        return transports.httpAddress();
    }

    /**
     * Saves every meter's memory now, in one round. Never throws: a failure is shown by the
     * meters and logged, and the next round retries.
     */
    public void save() {
        memory.save();
    }

    /**
     * What the memory could not keep, for the last words of a stopping twin: empty when the last
     * round reached both copies of every meter.
     */
    public Optional<String> unsavedReason() {
        return memory.unsavedReason();
    }

    /** Saves and stops: scenario, mirrors, transports, saves, memory lock. */
    @Override
    public void close() {
        scenarios.close();
        mirrors.close();
        transports.close();
        memory.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
