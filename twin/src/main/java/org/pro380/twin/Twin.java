package org.pro380.twin;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
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
import org.pro380.meter.StorageCheck;
import org.pro380.meter.TariffInput;
import org.pro380.protocol.ExceptionCode;
import org.pro380.twin.http.ControlApi;
import org.pro380.twin.nv.NvFileStore;
import org.pro380.twin.nv.StateDirLockedException;
import org.pro380.twin.nv.StoreUnavailableException;
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
 * A running twin: the meter, its non-volatile memory saved at the save interval, and every
 * transport of its config, all in one process. Closing it saves and releases everything.
 */
public final class Twin implements TwinControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Twin.class);
    /** Saves closer together than this in real time would only wear the disk at high time scales. */
    private static final Duration MIN_REAL_SAVE_PERIOD = Duration.ofMillis(10);

    private final TwinConfig config;
    private final Meter meter;
    private final MeterServer server;
    private final Optional<NvFileStore> store;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pro380-save");
        t.setDaemon(true);
        return t;
    });
    private final List<Transport> transports = new ArrayList<>();
    private long nextSequence;
    private boolean saveFailureLogged;
    private boolean closed;

    private Twin(TwinConfig config, Optional<NvFileStore> store, StorageCheck check) {
        this.config = config;
        this.store = store;
        this.meter = new Meter(ScaledClock.of(Clock.systemUTC(), config.timeScale()), config.identity(),
                config.initialLoad());
        this.server = new MeterServer(meter, config.strictBroadcast());
        powerOn(check);
    }

    /** Opens the memory, powers the meter on and starts every transport of the config. */
    public static Twin start(TwinConfig config) throws TwinStartException {
        Optional<NvFileStore> store;
        StorageCheck check;
        try {
            NvFileStore opened = NvFileStore.open(config.stateDir());
            store = Optional.of(opened);
            check = check(opened, config);
        } catch (StateDirLockedException e) {
            throw new TwinStartException(e.getMessage(), e);
        } catch (StoreUnavailableException e) {
            LOG.warn("non-volatile memory unavailable ({}): running with ERR 80", e.getMessage());
            store = Optional.empty();
            check = StorageCheck.cannotInitialize(config.factorySettings());
        }
        Twin twin = new Twin(config, store, check);
        try {
            twin.startTransports();
        } catch (TransportException e) {
            twin.close();
            throw new TwinStartException(e.getMessage(), e);
        }
        twin.scheduleSaves();
        return twin;
    }

    private void startTransports() throws TransportException {
        WireTiming timing = config.wireTiming() ? WireTiming.of(config.turnaround()) : WireTiming.off();
        if (config.tcp().isPresent()) {
            transports.add(ModbusTcpServer.start(config.tcp().get(), server, group, config.connectionLimits()));
        }
        if (config.rtuTcp().isPresent()) {
            transports.add(RtuTcpServer.start(config.rtuTcp().get(), server, timing, group,
                    config.connectionLimits()));
        }
        if (config.rtuTcpConnect().isPresent()) {
            transports.add(RtuGatewayClient.start(config.rtuTcpConnect().get(), server, timing, group));
        }
        if (config.serial().isPresent()) {
            transports.add(SerialRtuPort.open(config.serial().get(), server, timing));
        }
        if (config.http().isPresent()) {
            transports.add(ControlApi.start(config.http().get(), this, config.httpToken(), group,
                    config.connectionLimits()));
        }
    }

    private void scheduleSaves() {
        long nanos = Math.max(MIN_REAL_SAVE_PERIOD.toNanos(),
                (long) (config.saveInterval().toNanos() / config.timeScale()));
        saver.scheduleAtFixedRate(this::saveQuietly, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    public Meter meter() {
        return meter;
    }

    public MeterServer server() {
        return server;
    }

    public TwinConfig config() {
        return config;
    }

    /** One line per transport, for the console. */
    public List<String> describeTransports() {
        return transports.stream().map(Transport::describe).toList();
    }

    public Optional<InetSocketAddress> tcpAddress() {
        return find(ModbusTcpServer.class).map(t -> config.tcp().get().withPort(t.port()).toAddress());
    }

    public Optional<InetSocketAddress> rtuTcpAddress() {
        return find(RtuTcpServer.class).map(t -> config.rtuTcp().get().withPort(t.port()).toAddress());
    }

    public Optional<InetSocketAddress> httpAddress() {
        return find(ControlApi.class).map(t -> config.http().get().withPort(t.port()).toAddress());
    }

    private <T extends Transport> Optional<T> find(Class<T> type) {
        synchronized (transports) {
            return transports.stream().filter(type::isInstance).map(type::cast).findFirst();
        }
    }

    @Override
    public MeterReading reading() {
        return meter.reading();
    }

    @Override
    public Load load() {
        return meter.load();
    }

    @Override
    public void setLoad(Load load) {
        meter.setLoad(load);
    }

    @Override
    public void setTariffInput(TariffInput input) {
        meter.setTariffInput(input);
    }

    @Override
    public synchronized void setPower(boolean on) {
        if (on == meter.powered()) {
            return;
        }
        if (on) {
            powerOn(store.map(nv -> check(nv, config))
                    .orElseGet(() -> StorageCheck.cannotInitialize(config.factorySettings())));
        } else {
            meter.powerOff();
            saveQuietly();
        }
    }

    private static StorageCheck check(NvFileStore nv, TwinConfig config) {
        StorageCheck check = nv.check(config.factorySettings());
        LOG.info("storage check: {}", nv.describeLastCheck());
        return check;
    }

    private synchronized void powerOn(StorageCheck check) {
        check.error().ifPresent(e -> LOG.warn("storage check: {} ({})", e.lcdText(), e.meaning()));
        nextSequence = check.nextSequence();
        meter.powerOn(check.state(), check.error());
    }

    @Override
    public void writeRegisters(int address, int[] words) throws RegisterAccessException {
        if (!meter.powered()) {
            throw new RegisterAccessException(ExceptionCode.SERVER_DEVICE_FAILURE, "the meter is powered off");
        }
        meter.write(address, words);
    }

    /** Saves the meter's memory now (main copy, then backup). */
    public synchronized void save() throws IOException {
        if (store.isPresent() && !closed) {
            store.get().save(nextSequence++, meter.storedState());
        }
    }

    private void saveQuietly() {
        try {
            save();
            saveFailureLogged = false;
        } catch (IOException | RuntimeException e) {
            if (!saveFailureLogged) {
                LOG.warn("saving the meter's memory failed: {}", e.toString());
                saveFailureLogged = true;
            }
        }
    }

    /** Saves and stops: transports, saver, memory lock. */
    @Override
    public void close() {
        saver.shutdown();
        try {
            saver.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (transports) {
            transports.forEach(Transport::close);
            transports.clear();
        }
        if (meter.powered()) {
            saveQuietly();
        }
        synchronized (this) {
            closed = true;
            store.ifPresent(NvFileStore::close);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
