package org.pro380.twin.fuzz;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.pro380.meter.Load;
import org.pro380.meter.Meter;
import org.pro380.meter.RegisterAccessException;
import org.pro380.meter.StoredState;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;

/** The meter the fuzz talks to, and direct reads of it (no Modbus in between). */
final class FuzzMeter {

    private FuzzMeter() {}

    /** A factory-new meter under a household load on a clock that stands still, powered on. */
    static Meter standingStill() {
        Meter meter = new Meter(
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
                Identity.typical(),
                Load.household());
        meter.powerOn(StoredState.factoryNew(Settings.factory()), Optional.empty());
        return meter;
    }

    static int[] read(Meter meter, int address, int quantity) {
        try {
            return meter.read(address, quantity);
        } catch (RegisterAccessException e) {
            throw new IllegalStateException("a direct read the spec allows failed: " + e.getMessage(), e);
        }
    }

    /** The writable registers of the meter now, by address. */
    static Map<Integer, Integer> writable(Meter meter) {
        Map<Integer, Integer> values = new LinkedHashMap<>();
        for (int address : SpecOracle.WRITABLE.keySet()) {
            values.put(address, read(meter, address, 1)[0]);
        }
        return values;
    }

    /** An oracle that starts from the meter's writable registers now and reads its data directly. */
    static SpecOracle oracle(Meter meter) {
        return new SpecOracle(writable(meter), (address, quantity) -> read(meter, address, quantity));
    }
}
