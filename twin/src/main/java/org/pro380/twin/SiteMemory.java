package org.pro380.twin;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.pro380.meter.MemoryStatus;
import org.pro380.meter.Meter;
import org.pro380.registers.Settings;
import org.pro380.meter.StorageCheck;
import org.pro380.meter.StoredState;
import org.pro380.twin.nv.FailureLog;
import org.pro380.twin.nv.MeterSave;
import org.pro380.twin.nv.NvFileStore;
import org.pro380.twin.nv.SaveResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The non-volatile memory of every meter of a running twin: the power-on check, save rounds,
 * reading again copies that could not be read, and what a stopping twin could not keep.
 *
 * <p>Each meter shows the energy its memory holds ({@code ShownEnergy.SAVED}): each round that
 * reaches a copy moves what it shows forward. A round that fails is shown by every meter in it
 * (status word bit 2) and logged, and the next round retries. Copies that cannot be read are
 * never saved over, and are read again every {@link #READ_RETRY} until they can be. Thread-safe:
 * one operation at a time.
 */
final class SiteMemory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SiteMemory.class);
    /** How often copies that could not be read at power-on are read again (real time). */
    static final Duration READ_RETRY = Duration.ofSeconds(2);

    private final Optional<NvFileStore> store;
    private final List<TwinMeter> meters;
    private final Function<TwinMeter, Settings> factorySettings;
    private final FailureLog saveLog = new FailureLog(LOG, "saving the meters' memory", Clock.systemUTC());
    private final FailureLog readLog = new FailureLog(LOG, "reading the meters' memory", Clock.systemUTC());
    private boolean closed;

    /**
     * @param store the state directory's files, or empty when they could not be created (ERR 80)
     * @param factorySettings the settings of a meter whose memory is new
     */
    SiteMemory(Optional<NvFileStore> store, List<TwinMeter> meters, Function<TwinMeter, Settings> factorySettings) {
        this.store = store;
        this.meters = meters;
        this.factorySettings = factorySettings;
    }

    /** The power-on check of every meter's memory: what each takes up, and the error it shows. */
    synchronized List<StorageCheck> check() {
        if (store.isEmpty()) {
            return meters.stream().map(m -> StorageCheck.cannotInitialize(factorySettings.apply(m))).toList();
        }
        List<StorageCheck> checks = store.get().check(meters.stream().map(factorySettings).toList());
        LOG.info("storage check: {}", store.get().describeLastCheck());
        return checks;
    }

    /** Powers {@code m} on with its check's result. */
    synchronized void powerOn(TwinMeter m, StorageCheck check) {
        check.error().ifPresent(e -> LOG.warn("meter {}: storage check: {} ({})", m.index(), e.lcdText(), e.meaning()));
        check.readFailure().ifPresent(why -> LOG.warn("meter {}: its memory cannot be read ({}): nothing is saved "
                + "over it until it can; reading again every {} s", m.index(), why, READ_RETRY.toSeconds()));
        m.nextSequence = check.nextSequence();
        m.memoryTakenUp = true;
        m.meter().powerOn(check);
    }

    /** While some copies could not be read: reads them again, and has the meters take them up once they can be. */
    synchronized void retryRead() {
        if (closed || store.isEmpty() || meters.stream().allMatch(m -> m.meter().memory().readFailure().isEmpty())) {
            return;
        }
        List<StorageCheck> checks = store.get().check(meters.stream().map(factorySettings).toList());
        Optional<String> still = Optional.empty();
        for (TwinMeter m : meters) {
            StorageCheck check = checks.get(m.index() - 1);
            if (m.meter().memory().readFailure().isEmpty()) {
                continue;
            }
            if (check.readFailure().isPresent()) {
                still = check.readFailure();
            } else {
                LOG.info("meter {}: its memory can be read again", m.index());
                m.nextSequence = check.nextSequence();
                m.meter().memoryRead(check);
            }
        }
        still.ifPresentOrElse(readLog::failed, readLog::succeeded);
        save();
    }

    /**
     * Saves every meter's memory now, in one round. Nothing is saved over a meter's copies that
     * could not be read, nor over those of a meter not powered on yet, nor without a store.
     */
    synchronized void save() {
        if (store.isEmpty() || closed) {
            return;
        }
        List<MeterSave> round = new ArrayList<>(meters.size());
        List<StoredState> states = new ArrayList<>(meters.size());
        for (TwinMeter m : meters) {
            if (!m.memoryTakenUp || m.meter().memory().readFailure().isPresent()) {
                round.add(MeterSave.keep());
                states.add(null);
            } else {
                StoredState state = m.meter().storedState();
                round.add(MeterSave.of(m.nextSequence++, state));
                states.add(state);
            }
        }
        SaveResult result;
        try {
            result = store.get().save(round);
        } catch (RuntimeException e) {
            result = new SaveResult(Optional.of(e.toString()), Optional.of(e.toString()));
        }
        for (int i = 0; i < meters.size(); i++) {
            if (states.get(i) != null) {
                Meter meter = meters.get(i).meter();
                if (result.reachedACopy()) {
                    meter.saved(states.get(i), result.failure());
                } else {
                    meter.saveFailed(result.failure().orElseThrow());
                }
            }
        }
        result.failure().ifPresentOrElse(saveLog::failed, saveLog::succeeded);
    }

    /** What the memory could not keep: empty when the last round reached both copies of every meter. */
    Optional<String> unsavedReason() {
        if (store.isEmpty()) {
            return Optional.of("no non-volatile memory (ERR 80): nothing was saved");
        }
        for (TwinMeter m : meters) {
            MemoryStatus memory = m.meter().memory();
            Optional<String> why = memory.readFailure()
                    .map(r -> "the memory could not be read, so nothing was saved over it: " + r)
                    .or(() -> memory.saveFailure().map(f -> "the last save failed: " + f));
            if (why.isPresent()) {
                return why.map(w -> meters.size() == 1 ? w : "meter " + m.index() + ": " + w);
            }
        }
        return Optional.empty();
    }

    /** Saves a last round if any meter has power, and releases the state directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (meters.stream().anyMatch(m -> m.meter().powered())) {
            save();
        }
        closed = true;
        store.ifPresent(NvFileStore::close);
    }

    synchronized boolean closed() {
        return closed;
    }
}
