package org.pro380.twin.nv;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * What one save round reached: each copy is written even when the other fails, so a round can
 * reach both, one or neither. Each copy is one file for the whole site, so the result applies to
 * every meter of the round.
 *
 * @param mainFailure why the main copy was not replaced, if it was not
 * @param backupFailure why the backup copy was not replaced, if it was not
 */
public record SaveResult(Optional<String> mainFailure, Optional<String> backupFailure) {

    public static final SaveResult COMPLETE = new SaveResult(Optional.empty(), Optional.empty());

    /** Both copies hold the new state. */
    public boolean complete() {
        return mainFailure.isEmpty() && backupFailure.isEmpty();
    }

    /** At least one copy holds the new state: the next power-on resumes from it or from a newer one. */
    public boolean reachedACopy() {
        return mainFailure.isEmpty() || backupFailure.isEmpty();
    }

    /** The failures in one line, e.g. "main.nv: FileSystemException No space left on device". */
    public Optional<String> failure() {
        String text = Stream.of(
                        mainFailure.map(w -> NvFileStore.MAIN + ": " + w),
                        backupFailure.map(w -> NvFileStore.BACKUP + ": " + w))
                .flatMap(Optional::stream)
                .reduce((a, b) -> a + "; " + b)
                .orElse("");
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
