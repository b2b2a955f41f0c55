package org.pro380.bridge;

import java.time.Duration;
import java.time.Instant;
import org.pro380.client.Snapshot;

/**
 * Where the bridge's readings go: the database, MQTT, Prometheus, a terminal. The poller calls
 * every sink in turn from its own thread; a sink that fails logs it and keeps accepting readings
 * (one sink's trouble never stops polling or the other sinks).
 */
public interface ReadingSink extends AutoCloseable {

    /** A whole reading of {@code meter} (every register). */
    void reading(BridgeMeter meter, Snapshot snapshot);

    /** {@code meter} could not be read at its turn at {@code time}: a gap, never zeros. */
    void gap(BridgeMeter meter, Instant time, GapCause cause, String detail);

    /** One round over the meters of {@code connection} ended. */
    default void roundDone(String connection, Duration took, int meters) {}

    @Override
    default void close() {}

    /** Why a reading is missing. */
    enum GapCause {
        NO_REPLY,
        CRC_ERROR,
        EXCEPTION_REPLY,
        MALFORMED_REPLY,
        CONNECTION_LOST,
        WRONG_METER
    }
}
