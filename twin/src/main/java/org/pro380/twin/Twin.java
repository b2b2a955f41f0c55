package org.pro380.twin;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
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
import org.pro380.meter.StoredState;
import org.pro380.meter.MemoryStatus;
import org.pro380.meter.TariffInput;
import org.pro380.protocol.ExceptionCode;
import org.pro380.twin.http.ControlApi;
import org.pro380.twin.nv.FailureLog;
import org.pro380.twin.nv.NvFileStore;
import org.pro380.twin.nv.SaveResult;
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
 * A running twin: the meter, its non-volatile memory saved at power-on and at the save interval,
 * and every transport of its config, all in one process. Closing it saves and releases everything.
 *
 * <p>The meter shows the energy its memory holds ({@link ShownEnergy#SAVED}): each save that
 * reaches a copy moves what it shows forward, so no kill, crash or power cut can make a counter
 * that anyone has seen go down. A save that fails is shown (status word bit 2, the API, the log)
 * and retried at the next interval; copies that cannot be read at power-on are never saved over,
 * and their read is retried every {@link #READ_RETRY} until it succeeds.
 */
public final class Twin implements TwinControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Twin.class);
    /** Saves closer together than this in real time would only wear the disk at high time scales. */
    private static final Duration MIN_REAL_SAVE_PERIOD = Duration.ofMillis(10);
    /** How often copies that could not be read at power-on are read again (real time). */
    static final Duration READ_RETRY = Duration.ofSeconds(2);

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
    private final FailureLog saveLog = new FailureLog(LOG, "saving the meter's memory", Clock.systemUTC());
    private final FailureLog readLog = new FailureLog(LOG, "reading the meter's memory", Clock.systemUTC());
    private long nextSequence;
    private boolean closed;

    private Twin(TwinConfig config, Optional<NvFileStore> store) {
        this.config = config;
        this.store = store;
        this.meter = new Meter(ScaledClock.of(Clock.systemUTC(), config.timeScale()), config.identity(),
                config.initialLoad(), ShownEnergy.SAVED);
        this.server = new MeterServer(meter, config.strictBroadcast());
    }

    /**
     * Opens the memory, starts every transport of the config, then powers the meter on. A start
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
        twin.setPower(true);
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
        saver.scheduleAtFixedRate(this::save, nanos, nanos, TimeUnit.NANOSECONDS);
        saver.scheduleWithFixedDelay(this::retryRead, READ_RETRY.toNanos(), READ_RETRY.toNanos(),
                TimeUnit.NANOSECONDS);
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
        if (on == meter.powered() || closed) {
            return;
        }
        if (on) {
            meter.powerOn(check());
            save();
        } else {
            meter.powerOff();
            save();
        }
    }

    /** The power-on check of the memory: what the meter takes up, and the error it shows. */
    private StorageCheck check() {
        if (store.isEmpty()) {
            return StorageCheck.cannotInitialize(config.factorySettings());
        }
        StorageCheck check = store.get().check(config.factorySettings());
        LOG.info("storage check: {}", store.get().describeLastCheck());
        check.error().ifPresent(e -> LOG.warn("storage check: {} ({})", e.lcdText(), e.meaning()));
        check.readFailure().ifPresent(why -> LOG.warn("the meter's memory cannot be read ({}): nothing is saved "
                + "over it until it can; reading again every {} s", why, READ_RETRY.toSeconds()));
        nextSequence = check.nextSequence();
        return check;
    }

    /** While the copies could not be read: read them again, and take them up once they can be. */
    private synchronized void retryRead() {
        if (closed || store.isEmpty() || meter.memory().readFailure().isEmpty()) {
            return;
        }
        StorageCheck check = store.get().check(config.factorySettings());
        if (check.readFailure().isPresent()) {
            readLog.failed(check.readFailure().get());
            return;
        }
        readLog.succeeded();
        LOG.info("the meter's memory can be read again: {}", store.get().describeLastCheck());
        nextSequence = check.nextSequence();
        meter.memoryRead(check);
        save();
    }

    @Override
    public void writeRegisters(int address, int[] words) throws RegisterAccessException {
        if (!meter.powered()) {
            throw new RegisterAccessException(ExceptionCode.SERVER_DEVICE_FAILURE, "the meter is powered off");
        }
        meter.write(address, words);
    }

    /**
     * Saves the meter's memory now (main copy, then backup). Nothing is saved while the copies
     * could not be read, nor without a store (ERR 80). Never throws: a failure is shown by the
     * meter and logged, and the next save retries.
     */
    public synchronized void save() {
        if (store.isEmpty() || closed || meter.memory().readFailure().isPresent()) {
            return;
        }
        StoredState state = meter.storedState();
        SaveResult result;
        try {
            result = store.get().save(nextSequence++, state);
        } catch (RuntimeException e) {
            result = new SaveResult(Optional.of(e.toString()), Optional.of(e.toString()));
        }
        if (result.reachedACopy()) {
            meter.saved(state, result.failure());
        } else {
            meter.saveFailed(result.failure().orElseThrow());
        }
        result.failure().ifPresentOrElse(saveLog::failed, saveLog::succeeded);
    }

    /**
     * What the memory could not keep, for the last words of a stopping twin: empty when the last
     * save reached both copies.
     */
    public Optional<String> unsavedReason() {
        if (store.isEmpty()) {
            return Optional.of("no non-volatile memory (ERR 80): nothing was saved");
        }
        MemoryStatus memory = meter.memory();
        return memory.readFailure().map(why -> "the memory could not be read, so nothing was saved over it: " + why)
                .or(() -> memory.saveFailure().map(why -> "the last save failed: " + why));
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
        synchronized (this) {
            if (meter.powered()) {
                save();
            }
            closed = true;
            store.ifPresent(NvFileStore::close);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
