package org.pro380.twin;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pro380.meter.Load;
import org.pro380.meter.Meter;
import org.pro380.meter.MeterReading;
import org.pro380.meter.MeterServer;
import org.pro380.meter.RegisterAccessException;
import org.pro380.meter.ShownEnergy;
import org.pro380.meter.StorageCheck;
import org.pro380.meter.TariffInput;
import org.pro380.twin.http.ControlApi;
import org.pro380.twin.nv.NvFileStore;
import org.pro380.twin.nv.StateDirLockedException;
import org.pro380.twin.nv.StoreUnavailableException;
import org.pro380.twin.transport.IoTransport;
import org.pro380.twin.transport.ModbusTcpServer;
import org.pro380.twin.transport.RtuGatewayClient;
import org.pro380.twin.transport.RtuTcpServer;
import org.pro380.twin.transport.SerialRtuPort;
import org.pro380.twin.transport.Transport;
import org.pro380.twin.transport.TransportException;
import org.pro380.twin.transport.WireTiming;
import org.pro380.twin.bus.Bus;
import org.pro380.twin.bus.Gateway;
import org.pro380.twin.site.FleetVariation;
import org.pro380.twin.site.MeterEntry;
import org.pro380.twin.site.SiteLayout;
import org.pro380.twin.profile.FleetProfiles;
import org.pro380.twin.profile.Profile;
import org.pro380.twin.profile.ProfileSchedule;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;
import org.pro380.twin.transport.ConnectionLimits;
import org.pro380.twin.source.Mirrors;
import org.pro380.twin.source.SourceSpec;
import org.pro380.twin.source.SourceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running twin: its meters on their buses, their non-volatile memory ({@link SiteMemory}) saved
 * at power-on and at the save interval, and every transport of every bus, all in one process.
 * Closing it saves and releases everything.
 *
 * <p>The meters show the energy their memory holds ({@link ShownEnergy#SAVED}), so no kill, crash
 * or power cut can make a counter that anyone has seen go down.
 */
public final class Twin implements TwinControl, TwinSite, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Twin.class);
    /**
     * Saves closer together than this in real time would only wear the disk at high time scales;
     * nor are they planned closer than one round of the site takes.
     */
    private static final Duration MIN_REAL_SAVE_PERIOD = Duration.ofMillis(10);

    private final TwinConfig config;
    private final List<TwinMeter> meters;
    private final List<Bus> buses;
    private final SiteMemory memory;
    private final EventLoopGroup group = IoTransport.best().group(2);
    private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pro380-save");
        t.setDaemon(true);
        return t;
    });
    /** Per kind of transport, one per bus, bus 1 first. */
    private final List<List<Transport>> transports = new ArrayList<>();
    /** The meters that mirror a source; none until started. */
    private volatile Mirrors mirrors = Mirrors.start(List.of(), Clock.systemUTC());

    private Twin(TwinConfig config, Optional<NvFileStore> store) {
        this.config = config;
        SiteLayout layout = config.site().layout();
        Clock clock = ScaledClock.of(Clock.systemUTC(), config.timeScale());
        List<TwinMeter> all = new ArrayList<>(layout.meters());
        for (int k = 1; k <= layout.meters(); k++) {
            long inSite = config.site().siteIndex(k);
            MeterEntry entry = config.site().entry(k);
            Identity identity = entry.identity().apply(config.identity().withSerialNumber(
                    FleetVariation.serialNumber(config.identity().serialNumber(), inSite)));
            Meter meter = new Meter(clock, identity, fixedLoad(k), ShownEnergy.SAVED);
            startingSchedule(k).ifPresent(meter::follow);
            all.add(new TwinMeter(this, k, layout.bus(k), meter));
        }
        this.meters = List.copyOf(all);
        List<Bus> lines = new ArrayList<>(layout.buses());
        for (int b = 1; b <= layout.buses(); b++) {
            int first = layout.index(b, 1);
            lines.add(new Bus(meters.subList(first - 1, first - 1 + layout.metersOn(b)).stream()
                    .map(TwinMeter::server).toList(), config.strictBroadcast()));
        }
        this.buses = List.copyOf(lines);
        this.memory = new SiteMemory(store, meters, this::factorySettings);
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
            twin.startTransports();
        } catch (TransportException e) {
            twin.close();
            throw new TwinStartException(e.getMessage(), e);
        }
        twin.powerOnAll();
        twin.scheduleSaves();
        twin.startMirrors();
        return twin;
    }

    private void startTransports() throws TransportException {
        WireTiming timing = config.wireTiming() ? WireTiming.of(config.turnaround()) : WireTiming.off();
        ConnectionLimits limits = config.connectionLimits();
        Duration gatewayTimeout = config.site().gatewayTimeout();
        if (config.tcp().isPresent()) {
            startPerBus((bus, b) -> ModbusTcpServer.start(onBus(config.tcp().get(), b), new Gateway(bus, gatewayTimeout),
                    group, limits));
        }
        if (config.rtuTcp().isPresent()) {
            startPerBus((bus, b) -> RtuTcpServer.start(onBus(config.rtuTcp().get(), b), bus, timing, group, limits));
        }
        if (config.rtuTcpConnect().isPresent()) {
            startPerBus((bus, b) -> RtuGatewayClient.start(onBus(config.rtuTcpConnect().get(), b), bus, timing, group));
        }
        if (config.serial().isPresent()) {
            startPerBus((bus, b) -> SerialRtuPort.open(config.serial().get(), bus, timing));
        }
        if (config.http().isPresent()) {
            synchronized (transports) {
                transports.add(List.of(ControlApi.start(config.http().get(), this, config.httpToken(), group, limits)));
            }
        }
    }

    /** A transport of one kind on every bus. */
    private interface PerBus {
        Transport start(Bus bus, int number) throws TransportException;
    }

    private void startPerBus(PerBus start) throws TransportException {
        List<Transport> started = new ArrayList<>(buses.size());
        synchronized (transports) {
            transports.add(started);
        }
        for (int b = 1; b <= buses.size(); b++) {
            Transport t = start.start(buses.get(b - 1), b);
            synchronized (transports) {
                started.add(t);
            }
        }
    }

    /** Bus b listens on the given port + b - 1 (port 0: a free port for each). */
    private static HostPort onBus(HostPort busOne, int bus) {
        return busOne.port() == 0 ? busOne : busOne.withPort(busOne.port() + bus - 1);
    }

    private void scheduleSaves() {
        long roundCost = TwinConfig.SAVE_COST_PER_METER.toNanos() * meters.size();
        long nanos = Math.max(Math.max(MIN_REAL_SAVE_PERIOD.toNanos(), roundCost),
                (long) (config.saveInterval().toNanos() / config.timeScale()));
        saver.scheduleAtFixedRate(memory::save, nanos, nanos, TimeUnit.NANOSECONDS);
        saver.scheduleWithFixedDelay(memory::retryRead, SiteMemory.READ_RETRY.toNanos(),
                SiteMemory.READ_RETRY.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Every meter with a source (its own, or the twin's unless it has a profile of its own)
     * starts mirroring it; staleness is told in real time.
     */
    private void startMirrors() {
        List<Mirrors.Mirrored> mirrored = new ArrayList<>();
        for (TwinMeter m : meters) {
            MeterEntry own = config.site().entry(m.index());
            Optional<SourceSpec> source = own.source().or(() -> own.profile().isPresent() ? Optional.empty() : config.source());
            source.ifPresent(s -> mirrored.add(new Mirrors.Mirrored(m.index(), m.meter(), s,
                    cut -> buses.get(m.bus() - 1).cut(m.meter(), cut))));
        }
        mirrors = Mirrors.start(mirrored, Clock.systemUTC());
    }

    /** How meter {@code index}'s source is doing, if it mirrors one. */
    public Optional<SourceState> source(int index) {
        return mirrors.state(index);
    }

    /** The meters, meter k at index k - 1. */
    public List<TwinMeter> meters() {
        return meters;
    }

    /** Meter {@code index} (1-based). */
    public TwinMeter meter(int index) {
        return meters.get(index - 1);
    }

    /** Meter 1, which the control API's single-meter calls and a twin of one meter act on. */
    public Meter meter() {
        return meters.get(0).meter();
    }

    public MeterServer server() {
        return meters.get(0).server();
    }

    /** The buses, bus b at index b - 1. */
    public List<Bus> buses() {
        return buses;
    }

    public TwinConfig config() {
        return config;
    }

    /** One line per kind of transport, for the console: bus 1's, and the range when there are more buses. */
    public List<String> describeTransports() {
        synchronized (transports) {
            return transports.stream().map(perBus -> perBus.size() == 1 ? perBus.get(0).describe()
                    : perBus.get(0).describe() + " ... " + perBus.get(perBus.size() - 1).describe()
                            + " (" + perBus.size() + " buses)").toList();
        }
    }

    /** Bus 1's Modbus TCP address. */
    public Optional<InetSocketAddress> tcpAddress() {
        return tcpAddress(1);
    }

    /** Bus {@code bus}'s Modbus TCP address. */
    public Optional<InetSocketAddress> tcpAddress(int bus) {
        return find(ModbusTcpServer.class, bus).map(t -> config.tcp().get().withPort(t.port()).toAddress());
    }

    public Optional<InetSocketAddress> rtuTcpAddress() {
        return rtuTcpAddress(1);
    }

    /** Bus {@code bus}'s RTU over TCP address. */
    public Optional<InetSocketAddress> rtuTcpAddress(int bus) {
        return find(RtuTcpServer.class, bus).map(t -> config.rtuTcp().get().withPort(t.port()).toAddress());
    }

    public Optional<InetSocketAddress> httpAddress() {
        return find(ControlApi.class, 1).map(t -> config.http().get().withPort(t.port()).toAddress());
    }

    private <T extends Transport> Optional<T> find(Class<T> type, int bus) {
        synchronized (transports) {
            return transports.stream().filter(l -> l.size() >= bus && type.isInstance(l.get(bus - 1)))
                    .map(l -> type.cast(l.get(bus - 1))).findFirst();
        }
    }

    @Override
    public MeterReading reading() {
        return meters.get(0).reading();
    }

    @Override
    public Load load() {
        return meters.get(0).load();
    }

    @Override
    public void setLoad(Load load) {
        meters.get(0).setLoad(load);
    }

    @Override
    public void setTariffInput(TariffInput input) {
        meters.get(0).setTariffInput(input);
    }

    @Override
    public void setPower(boolean on) {
        setPower(meters.get(0), on);
    }

    @Override
    public void writeRegisters(int address, int[] words) throws RegisterAccessException {
        meters.get(0).writeRegisters(address, words);
    }

    /** Power off (saved, then silent) or on (its memory checked, counted, saved) for one meter. */
    void setPower(TwinMeter m, boolean on) {
        synchronized (memory) {
            if (on == m.meter().powered() || memory.closed()) {
                return;
            }
            if (on) {
                memory.powerOn(m, memory.check().get(m.index() - 1));
            } else {
                m.meter().powerOff();
            }
            memory.save();
        }
    }

    /** Meter k's load when it plays no profile: its own in the config, else the site's varied for it. */
    private Load fixedLoad(int k) {
        return config.site().entry(k).load().orElseGet(() -> FleetVariation.load(config.initialLoad(),
                config.site().siteIndex(k), config.site().seed()));
    }

    /**
     * Meter k's own profile as it is, else the site's as meter k plays it, if there is one and
     * meter k mirrors no source of its own.
     */
    private Optional<ProfileSchedule> startingSchedule(int k) {
        MeterEntry own = config.site().entry(k);
        return own.profile().map(ProfileSchedule::of)
                .or(() -> own.source().isPresent() ? Optional.empty() : config.profile().map(p -> fleetSchedule(k, p)));
    }

    /** {@code profile} as meter k of the site plays it: varied and shifted by the site's seed. */
    private ProfileSchedule fleetSchedule(int k, Profile profile) {
        return FleetProfiles.schedule(profile, config.site().siteIndex(k), config.site().seed());
    }

    /** Meter m plays {@code profile} as meter k of the site, or goes back to its fixed load. */
    void setProfile(TwinMeter m, Optional<Profile> profile) {
        if (profile.isPresent()) {
            m.meter().follow(fleetSchedule(m.index(), profile.get()));
        } else {
            m.meter().setLoad(fixedLoad(m.index()));
        }
    }

    /** Powers on every meter the config does not start without power. */
    private void powerOnAll() {
        synchronized (memory) {
            List<StorageCheck> checks = memory.check();
            for (TwinMeter m : meters) {
                if (config.site().entry(m.index()).powered()) {
                    memory.powerOn(m, checks.get(m.index() - 1));
                }
            }
            memory.save();
        }
    }

    /** The settings of meter k whose memory is new: the configured ones, with unit id (configured + position - 1). */
    private Settings factorySettings(TwinMeter m) {
        Settings s = config.factorySettings();
        return config.site().entry(m.index()).settings()
                .apply(s.withUnitId(s.unitId() + config.site().layout().unitId(m.index()) - 1));
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

    /** Saves and stops: transports, saver, memory lock. */
    @Override
    public void close() {
        mirrors.close();
        saver.shutdown();
        try {
            saver.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (transports) {
            transports.forEach(perBus -> perBus.forEach(Transport::close));
            transports.clear();
        }
        memory.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
