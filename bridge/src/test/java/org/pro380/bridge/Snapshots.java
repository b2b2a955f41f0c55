package org.pro380.bridge;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pro380.client.Snapshot;
import org.pro380.client.Traffic;
import org.pro380.readings.Columns;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

/** Made-up snapshots: every register at a plain value, the energy counters as given. */
public final class Snapshots {
    private Snapshots() {}

    /** Serial 12345678, every measurement 1.5, every counter {@code kWh}. */
    public static Snapshot of(Instant time, double kWh) {
        Map<Register<?>, Object> values = new LinkedHashMap<>();
        for (Register<?> r : Registers.MAP.all()) {
            Class<?> type = r.type().javaType();
            Object v = type == Double.class
                    ? (Object) 1.5
                    : type == Long.class ? (Object) 7L : type == String.class ? "I" : (Object) 1;
            values.put(r, v);
        }
        values.put(Registers.SERIAL_NUMBER, 12345678);
        Columns.ENERGY.forEach(r -> values.put(r, kWh));
        return new Snapshot(time, 1, values, Traffic.NONE);
    }
}
