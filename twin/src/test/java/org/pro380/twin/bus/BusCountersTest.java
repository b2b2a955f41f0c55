package org.pro380.twin.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pro380.meter.Load;
import org.pro380.meter.Meter;
import org.pro380.meter.MeterServer;
import org.pro380.meter.StoredState;
import org.pro380.protocol.Hex;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;

/** The bus counts what each of its meters was asked and answered. */
class BusCountersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static MeterServer meter(int unitId) {
        Meter meter = new Meter(CLOCK, Identity.typical().withSerialNumber(10_000_000 + unitId), Load.household());
        meter.powerOn(StoredState.factoryNew(Settings.factory().withUnitId(unitId)), Optional.empty());
        return new MeterServer(meter);
    }

    @Test
    void requestsAreCountedByFunctionAndExceptionsByCodePerMeter() {
        Bus bus = new Bus(List.of(meter(1), meter(2), meter(3)), false);
        bus.handle(1, Hex.parse("03 40 00 00 02")); // read the serial number
        bus.handle(1, Hex.parse("03 50 02 00 02")); // read voltage L1
        bus.handle(2, Hex.parse("03 30 00 00 01")); // no such block: exception 02
        bus.handle(2, Hex.parse("06 60 48 00 02")); // tariff 2
        bus.handle(2, Hex.parse("06 60 48 00 07")); // tariff 7: exception 03
        bus.handle(3, Hex.parse("2B 0E 01 00")); // a function the meter does not know: exception 01
        bus.handle(9, Hex.parse("03 40 00 00 02")); // nobody's id: no meter takes it
        bus.handle(0, Hex.parse("06 40 21 00 02")); // broadcast: backlight off, taken by all three

        BusCounters c = bus.counters();
        assertThat(c.meters()).isEqualTo(3);
        assertThat(c.requests(0, 0x03)).isEqualTo(2);
        assertThat(c.requests(0, 0x06)).isEqualTo(1);
        assertThat(c.requests(1, 0x03)).isEqualTo(1);
        assertThat(c.requests(1, 0x06)).isEqualTo(3);
        assertThat(c.exceptions(1, 2)).isEqualTo(1);
        assertThat(c.exceptions(1, 3)).isEqualTo(1);
        assertThat(c.requests(2, -1)).isEqualTo(1);
        assertThat(c.exceptions(2, 1)).isEqualTo(1);
        assertThat(c.requests(2, 0x06)).isEqualTo(1);
        assertThat(c.requests(2, 0x10)).isZero();
        assertThat(c.exceptions(0, 1) + c.exceptions(0, 2) + c.exceptions(0, 3) + c.exceptions(0, 4))
                .isZero();
    }

    @Test
    void countingAllocatesNothing() {
        MeterServer a = meter(1);
        BusCounters counters = new BusCounters(List.of(a, meter(2)));
        byte[] reply = Hex.parse("83 02");
        for (int i = 0; i < 100_000; i++) {
            counters.answered(a, reply); // warm up: compiled before it is measured
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 1_000_000; i++) {
            counters.answered(a, reply);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(counters.requests(0, 0x03)).isEqualTo(1_100_000);
        assertThat(counters.exceptions(0, 2)).isEqualTo(1_100_000);
        assertThat(allocated).as("bytes allocated by a million counts").isLessThan(1_000);
    }
}
