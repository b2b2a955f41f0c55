package org.pro380.meter;

import java.util.Optional;

/**
 * How the meter's non-volatile memory is doing now, beyond the power-on check's error code:
 * whether its copies could be read at all, and whether the last save reached it.
 *
 * @param readFailure why the copies could not be read at power-on (permission, no file
 *     descriptors, I/O error): their content is unknown, so nothing is saved over them and
 *     settings cannot be written until a read succeeds
 * @param saveFailure why the last save did not reach both copies; cleared by the next save that does
 */
public record MemoryStatus(Optional<String> readFailure, Optional<String> saveFailure) {

    public static final MemoryStatus HEALTHY = new MemoryStatus(Optional.empty(), Optional.empty());

    public boolean healthy() {
        return readFailure.isEmpty() && saveFailure.isEmpty();
    }

    MemoryStatus withSaveFailure(Optional<String> why) {
        return new MemoryStatus(readFailure, why);
    }
}
