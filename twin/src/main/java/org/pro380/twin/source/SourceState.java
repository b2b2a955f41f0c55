package org.pro380.twin.source;

import java.time.Duration;
import java.util.Optional;

/**
 * How a mirrored meter's source is doing, for {@code /api/state} and the panel.
 *
 * @param source the source, as given (without password)
 * @param connected whether the broker or the polled meter is reachable now
 * @param lastValueAge how long ago the last fresh value came; empty before the first
 * @param stale whether no fresh value came for the stale-after time
 * @param staleAfter how long without a fresh value before the source is stale
 * @param onStale what the meter does while stale
 * @param malformed how many messages could not be read as a load (never applied)
 * @param lastMalformed why the last of them could not
 */
public record SourceState(
        String source,
        boolean connected,
        Optional<Duration> lastValueAge,
        boolean stale,
        Duration staleAfter,
        StaleMode onStale,
        long malformed,
        Optional<String> lastMalformed) {}
