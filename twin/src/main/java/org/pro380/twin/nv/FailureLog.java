package org.pro380.twin.nv;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * Log lines for something that is retried until it works (a save, a read of the memory): the
 * cause when it first fails, then at most one line a minute while it keeps failing, and one line
 * when it works again. Not thread-safe: one caller at a time.
 */
public final class FailureLog {

    static final Duration REPEAT = Duration.ofMinutes(1);

    private final Logger log;
    private final String what;
    private final Clock clock;
    private Instant since;
    private Instant lastLine;
    private long failures;

    /** @param what what fails, for the log: "saving the meter's memory" */
    public FailureLog(Logger log, String what, Clock clock) {
        this.log = Objects.requireNonNull(log);
        this.what = Objects.requireNonNull(what);
        this.clock = Objects.requireNonNull(clock);
    }

    public void failed(String cause) {
        Instant now = clock.instant();
        failures++;
        if (since == null) {
            since = now;
            lastLine = now;
            log.warn("{} failed: {}", what, cause);
        } else if (!now.isBefore(lastLine.plus(REPEAT))) {
            lastLine = now;
            log.warn("{} still fails ({} attempts since {}): {}", what, failures, since, cause);
        }
    }

    public void succeeded() {
        if (since != null) {
            log.info("{} works again after {} failed attempts since {}", what, failures, since);
            since = null;
            failures = 0;
        }
    }

    /** Failed attempts since the last success. */
    public long failures() {
        return failures;
    }
}
