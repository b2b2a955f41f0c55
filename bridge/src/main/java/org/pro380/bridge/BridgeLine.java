package org.pro380.bridge;

import java.time.Duration;
import java.util.List;
import org.pro380.client.ClientConfig;
import org.pro380.client.Endpoint;

/**
 * One connection the bridge polls over (a serial line, a gateway, a Modbus TCP server) and the
 * meters on it. Requests on it never overlap.
 *
 * @param name how logs and the database name it: the user's name, or the endpoint
 */
public record BridgeLine(String name, Endpoint endpoint, Duration timeout, int retries, List<PolledMeter> meters) {

    public BridgeLine {
        meters = List.copyOf(meters);
        if (meters.isEmpty()) {
            throw new IllegalArgumentException(name + ": no meters to poll");
        }
        new ClientConfig(endpoint, 1, timeout, retries); // refuses a timeout or retries the client would refuse
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (PolledMeter m : meters) {
            if (!seen.add(m.meter().unitId())) {
                throw new IllegalArgumentException("unit " + m.meter().unitId() + " is listed twice");
            }
        }
    }
}
