package org.pro380.client;

import java.time.Duration;
import java.util.Objects;
import org.pro380.registers.UnitId;

/**
 * How to reach one meter.
 *
 * @param endpoint serial port, RTU over TCP or Modbus TCP
 * @param unitId the meter's unit id, 1..247; 0 reaches a lone meter whatever its id (spec section 3)
 * @param timeout how long to wait for each reply
 * @param retries how often a request is sent again after a timeout or a damaged reply, 0..10
 */
public record ClientConfig(Endpoint endpoint, int unitId, Duration timeout, int retries) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    public ClientConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        if (unitId != UnitId.BROADCAST && !UnitId.isMeter(unitId)) {
            throw new IllegalArgumentException(
                    "unit id must be " + UnitId.BROADCAST + ".." + UnitId.LAST + ", got " + unitId);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
        }
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("retries must be 0..10, got " + retries);
        }
    }

    /** Unit 1, a 1 s timeout, 2 retries. */
    public static ClientConfig of(Endpoint endpoint) {
        return new ClientConfig(endpoint, 1, DEFAULT_TIMEOUT, 2);
    }

    public ClientConfig withUnitId(int newUnitId) {
        return new ClientConfig(endpoint, newUnitId, timeout, retries);
    }

    public ClientConfig withTimeout(Duration newTimeout) {
        return new ClientConfig(endpoint, unitId, newTimeout, retries);
    }

    public ClientConfig withRetries(int newRetries) {
        return new ClientConfig(endpoint, unitId, timeout, newRetries);
    }
}
