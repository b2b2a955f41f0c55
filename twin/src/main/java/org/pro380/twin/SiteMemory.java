package org.pro380.twin;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.pro380.meter.MemoryStatus;
import org.pro380.meter.Meter;
import org.pro380.meter.NvDamage;
import org.pro380.meter.StorageCheck;
import org.pro380.meter.StorageError;
import org.pro380.meter.StoredState;
import org.pro380.registers.Settings;
import org.pro380.twin.nv.FailureLog;
import org.pro380.twin.nv.MeterSave;
import org.pro380.twin.nv.NvFileStore;
import org.pro380.twin.nv.SaveResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The non-volatile memory of every meter of a running twin: the power-on check, power on and
 * off, save rounds, reading again copies that could not be read, and what a stopping twin could
 * not keep. Meter k is {@code meters.get(k - 1)}.
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

    /** What the memory knows of one meter; guarded by the memory. */
    private static final class Slot {
        final Meter meter;
        /** The sequence number of the meter's next save. */
        long nextSequence = 1;
        /** Whether the meter has taken up its memory (been powered on) in this process. */
        boolean takenUp;
        /** The storage fault its next power-on finds (docs/faults.md). */
        Optional<StorageError> fault = Optional.empty();
        /** Its store could not be initialized at this power-on (ERR 80): nothing is saved until the next. */
        boolean noStore;

        Slot(Meter meter) {
            this.meter = meter;
        }
    }

    private final Optional<NvFileStore> store;
    private final List<Slot> slots;
    private final IntFunction<Settings> factorySettings;
    private final FailureLog saveLog = new FailureLog(LOG, "saving the meters' memory", Clock.systemUTC());
    private final FailureLog readLog = new FailureLog(LOG, "reading the meters' memory", Clock.systemUTC());
    private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pro380-save");
        t.setDaemon(true);
        return t;
    });
    private boolean closed;

    /**
     * @param store the state directory's files, or empty when they could not be created (ERR 80)
     * @param factorySettings the settings of meter k whose memory is new
     */
    SiteMemory(Optional<NvFileStore> store, List<Meter> meters, IntFunction<Settings> factorySettings) {
        this.store = store;
        this.slots = meters.stream().map(Slot::new).toList();
        this.factorySettings = factorySettings;
    }

    /** Powers on every meter k for which {@code powered} holds, after one check of the whole memory, then saves. */
    synchronized void powerOn(IntPredicate powered) {
        List<StorageCheck> checks = checkAll();
        for (int k = 1; k <= slots.size(); k++) {
            if (powered.test(k)) {
                powerOn(k, checks.get(k - 1));
            }
        }
        save();
    }

    /** Power off (saved, then silent) or on (its own memory checked, counted, saved) for meter k. */
    synchronized void setPower(int k, boolean on) {
        Meter meter = slots.get(k - 1).meter;
        if (on == meter.powered() || closed) {
            return;
        }
        if (on) {
            powerOn(k, checkWithFault(k));
        } else {
            meter.powerOff();
        }
        save();
    }

    /** Saves every {@code period} (real time) and reads unreadable copies again every {@link #READ_RETRY}. */
    void saveEvery(Duration period) {
        saver.scheduleAtFixedRate(this::save, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        saver.scheduleWithFixedDelay(this::retryRead, READ_RETRY.toNanos(), READ_RETRY.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The power-on check of every meter's memory: what each takes up, and the error it shows. */
    private List<StorageCheck> checkAll() {
        List<Settings> factory = factorySettings();
        if (store.isEmpty()) {
            return factory.stream().map(StorageCheck::cannotInitialize).toList();
        }
        List<StorageCheck> checks = store.get().check(factory);
        LOG.info("storage check: {}", store.get().describeLastCheck());
        return checks;
    }

    /** The storage fault meter k's next power-on finds, if one was given. */
    synchronized Optional<StorageError> storageFault(int k) {
        return slots.get(k - 1).fault;
    }

    /** Gives meter k's next power-on {@code fault} (empty: none). */
    synchronized void setStorageFault(int k, Optional<StorageError> fault) {
        slots.get(k - 1).fault = fault;
    }

    /**
     * Meter k's power-on check after its storage fault, if one is pending: the copies are really
     * damaged first (docs/faults.md), so the check finds them so. ERR 80 is the store that cannot
     * be initialized: the copies are left as they are and nothing is saved over them until the
     * next power-on, which finds them intact.
     */
    private StorageCheck checkWithFault(int k) {
        Slot slot = slots.get(k - 1);
        Optional<StorageError> fault = slot.fault;
        slot.fault = Optional.empty();
        if (fault.isEmpty()) {
            return check(k);
        }
        LOG.warn("meter {}: storage fault {} at this power-on", k, fault.get().lcdText());
        Settings factory = factorySettings.apply(k);
        if (!NvDamage.damages(fault.get()) || store.isEmpty()) {
            return StorageCheck.cannotInitialize(factory);
        }
        store.get()
                .damage(k, fault.get(), factory)
                .ifPresent(why -> LOG.warn("meter {}: its copies could not be damaged: {}", k, why));
        return check(k);
    }

    /** The power-on check of meter k's memory alone. */
    private StorageCheck check(int k) {
        Settings factory = factorySettings.apply(k);
        return store.map(s -> s.check(k, factory)).orElseGet(() -> StorageCheck.cannotInitialize(factory));
    }

    private List<Settings> factorySettings() {
        List<Settings> all = new ArrayList<>(slots.size());
        for (int k = 1; k <= slots.size(); k++) {
            all.add(factorySettings.apply(k));
        }
        return all;
    }

    /** Powers meter k on with its check's result. */
    private void powerOn(int k, StorageCheck check) {
        check.error().ifPresent(e -> LOG.warn("meter {}: storage check: {} ({})", k, e.lcdText(), e.meaning()));
        check.readFailure()
                .ifPresent(why -> LOG.warn(
                        "meter {}: its memory cannot be read ({}): nothing is saved "
                                + "over it until it can; reading again every {} s",
                        k,
                        why,
                        READ_RETRY.toSeconds()));
        Slot slot = slots.get(k - 1);
        slot.nextSequence = check.nextSequence();
        slot.takenUp = true;
        slot.noStore = check.error().equals(Optional.of(StorageError.ERR_80));
        slot.meter.powerOn(check);
    }

    /** While some copies could not be read: reads them again, and has the meters take them up once they can be. */
    synchronized void retryRead() {
        if (closed
                || store.isEmpty()
                || slots.stream().allMatch(s -> s.meter.memory().readFailure().isEmpty())) {
            return;
        }
        List<StorageCheck> checks = store.get().check(factorySettings());
        Optional<String> still = Optional.empty();
        for (int k = 1; k <= slots.size(); k++) {
            Slot slot = slots.get(k - 1);
            StorageCheck check = checks.get(k - 1);
            if (slot.meter.memory().readFailure().isEmpty()) {
                continue;
            }
            if (check.readFailure().isPresent()) {
                still = check.readFailure();
            } else {
                LOG.info("meter {}: its memory can be read again", k);
                slot.nextSequence = check.nextSequence();
                slot.meter.memoryRead(check);
            }
        }
        still.ifPresentOrElse(readLog::failed, readLog::succeeded);
        save();
    }

    /**
     * Saves every meter's memory now, in one round. Nothing is saved over a meter's copies that
     * could not be read, nor over those of a meter not powered on yet, nor without a store.
     * Never throws: a failure is shown by the meters and logged, and the next round retries.
     */
    synchronized void save() {
        if (store.isEmpty() || closed) {
            return;
        }
        List<MeterSave> round = new ArrayList<>(slots.size());
        List<StoredState> states = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            if (!slot.takenUp
                    || slot.noStore
                    || slot.meter.memory().readFailure().isPresent()) {
                round.add(MeterSave.keep());
                states.add(null);
            } else {
                StoredState state = slot.meter.storedState();
                round.add(MeterSave.of(slot.nextSequence++, state));
                states.add(state);
            }
        }
        SaveResult result;
        try {
            result = store.get().save(round);
        } catch (RuntimeException e) {
            result = new SaveResult(Optional.of(e.toString()), Optional.of(e.toString()));
        }
        for (int i = 0; i < slots.size(); i++) {
            if (states.get(i) != null) {
                Meter meter = slots.get(i).meter;
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
    synchronized Optional<String> unsavedReason() {
        if (store.isEmpty()) {
            return Optional.of("no non-volatile memory (ERR 80): nothing was saved");
        }
        for (int k = 1; k <= slots.size(); k++) {
            Slot slot = slots.get(k - 1);
            MemoryStatus memory = slot.meter.memory();
            Optional<String> why = slot.noStore
                    ? Optional.of("its memory could not be initialized at this power-on (ERR 80): nothing was saved")
                    : memory.readFailure()
                            .map(r -> "the memory could not be read, so nothing was saved over it: " + r)
                            .or(() -> memory.saveFailure().map(f -> "the last save failed: " + f));
            if (why.isPresent()) {
                String prefix = slots.size() == 1 ? "" : "meter " + k + ": ";
                return why.map(w -> prefix + w);
            }
        }
        return Optional.empty();
    }

    /** Stops the saves, saves a last round if any meter has power, and releases the state directory. */
    @Override
    public void close() {
        saver.shutdown();
        try {
            saver.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            if (slots.stream().anyMatch(s -> s.meter.powered())) {
                save();
            }
            closed = true;
            store.ifPresent(NvFileStore::close);
        }
    }
}
