package org.pro380.twin.transport;

import java.time.Duration;

/**
 * What one listener allows its clients: how many connections at once (the next one is accepted
 * and closed at once, an HTTP client first gets 503), and how long a connection may stay silent
 * before it is closed (on the HTTP API: how long a kept-alive connection may wait for its next
 * request). A real Modbus gateway serves a handful of clients and drops idle ones after a minute.
 *
 * @param maxConnections connections open at once per listener, >= 1
 * @param idleTimeout how long a connection may send nothing before it is closed, > 0
 */
public record ConnectionLimits(int maxConnections, Duration idleTimeout) {

    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public ConnectionLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be >= 1, got " + maxConnections);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be > 0, got " + idleTimeout.toMillis() + " ms");
        }
    }

    public ConnectionLimits withMaxConnections(int max) {
        return new ConnectionLimits(max, idleTimeout);
    }

    public ConnectionLimits withIdleTimeout(Duration timeout) {
        return new ConnectionLimits(maxConnections, timeout);
    }

    /** 64 connections per listener, closed after 60 s without a request. */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_TIMEOUT);
    }
}
