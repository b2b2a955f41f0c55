package org.pro380.meter;

import java.util.Optional;
import java.util.OptionalLong;
import org.pro380.registers.Settings;

/**
 * The power-on check of the two copies of the non-volatile memory (spec section 8), and the
 * state the meter goes on from: always the newest intact copy, so nothing saved in an intact
 * copy is lost.
 *
 * @param state what the meter takes up
 * @param error the code to show until the next power-on whose check passes
 * @param nextSequence the sequence number of the next save
 * @param readFailure why a copy could not be read, if one could not: the meter then runs from
 *     factory state with ERR 0F, and nothing may be saved over the copies until a read succeeds
 */
public record StorageCheck(
        StoredState state, Optional<StorageError> error, long nextSequence, Optional<String> readFailure) {

    public StorageCheck(StoredState state, Optional<StorageError> error, long nextSequence) {
        this(state, error, nextSequence, Optional.empty());
    }

    /** Copies that differ by one save are the normal trace of a power cut between the two writes. */
    private static final long ONE_SAVE = 1;

    public static StorageCheck of(NvCopy main, NvCopy backup, Settings factorySettings) {
        Optional<String> unreadable = unreadable("main", main).or(() -> unreadable("backup", backup));
        if (unreadable.isPresent()) {
            // Even an intact other copy may be older than the unreadable one: resuming from it
            // could show less than was shown before. The energy stays unknown until both are read.
            return new StorageCheck(
                    StoredState.factoryNew(factorySettings), Optional.of(StorageError.ERR_0F), 1, unreadable);
        }
        if (main instanceof NvCopy.Intact a && backup instanceof NvCopy.Intact b) {
            return bothIntact(a, b);
        }
        if (main instanceof NvCopy.Intact a) {
            return oneIntact(a, backup);
        }
        if (backup instanceof NvCopy.Intact b) {
            return oneIntact(b, main);
        }
        StoredState fresh = StoredState.factoryNew(factorySettings);
        if (main instanceof NvCopy.Missing && backup instanceof NvCopy.Missing) {
            return new StorageCheck(fresh, Optional.empty(), 1);
        }
        return new StorageCheck(fresh, Optional.of(StorageError.ERR_0F), 1);
    }

    /** Whether the copies could be read; a check that could not read them must be retried. */
    public boolean readable() {
        return readFailure.isEmpty();
    }

    private static Optional<String> unreadable(String name, NvCopy copy) {
        return copy instanceof NvCopy.Unreadable u
                ? Optional.of(name + " copy cannot be read: " + u.why())
                : Optional.empty();
    }

    /** The store could not be created: the meter runs from factory state and shows ERR 80. */
    public static StorageCheck cannotInitialize(Settings factorySettings) {
        return new StorageCheck(StoredState.factoryNew(factorySettings), Optional.of(StorageError.ERR_80), 1);
    }

    private static StorageCheck bothIntact(NvCopy.Intact a, NvCopy.Intact b) {
        NvCopy.Intact newest = a.sequence() >= b.sequence() ? a : b;
        Optional<StorageError> error = Math.abs(a.sequence() - b.sequence()) <= ONE_SAVE
                ? Optional.empty()
                : differenceBetween(a.totalActiveMilli(), b.totalActiveMilli(), StorageError.ERR_0C, Optional.empty());
        return new StorageCheck(newest.state(), error, newest.sequence() + 1);
    }

    private static StorageCheck oneIntact(NvCopy.Intact intact, NvCopy other) {
        if (other instanceof NvCopy.Missing) {
            return new StorageCheck(intact.state(), Optional.empty(), intact.sequence() + 1);
        }
        OptionalLong damagedTotal = ((NvCopy.Damaged) other).totalActiveMilli();
        Optional<StorageError> error = damagedTotal.isEmpty()
                ? Optional.of(StorageError.ERR_0D)
                : differenceBetween(
                        intact.totalActiveMilli(),
                        damagedTotal.getAsLong(),
                        StorageError.ERR_0D,
                        Optional.of(StorageError.ERR_1D));
        return new StorageCheck(intact.state(), error, intact.sequence() + 1);
    }

    /** Integer kWh differ: {@code integerCode}; only the two decimals differ: 1d; else {@code same}. */
    private static Optional<StorageError> differenceBetween(
            long milliA, long milliB, StorageError integerCode, Optional<StorageError> same) {
        if (milliA / 1_000_000 != milliB / 1_000_000) {
            return Optional.of(integerCode);
        }
        if (milliA / 10_000 != milliB / 10_000) {
            return Optional.of(StorageError.ERR_1D);
        }
        return same;
    }
}
