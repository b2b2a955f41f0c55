import java.time.*;
import java.util.*;
import org.pro380.meter.*;
import org.pro380.protocol.Hex;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;
/** Bytes allocated and time per read of each register block by MeterServer.answer (bench/read-allocation.sh). */
public class ReadAllocationBench {
    public static void main(String[] a) {
        Meter m = new Meter(Clock.systemUTC(), Identity.typical(), Load.household());
        m.powerOn(StoredState.factoryNew(Settings.factory()), Optional.empty());
        MeterServer s = new MeterServer(m);
        byte[][] reqs = {Hex.parse("03 40 00 00 22"), Hex.parse("03 50 00 00 32"), Hex.parse("03 60 00 00 58")};
        com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 200_000; i++) s.answer(reqs[i % 3]);
        for (byte[] r : reqs) {
            long before = t.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 100_000; i++) s.answer(r);
            long after = t.getThreadAllocatedBytes(Thread.currentThread().getId());
            long start = System.nanoTime();
            for (int i = 0; i < 100_000; i++) s.answer(r);
            System.out.printf("%s: %d bytes, %.1f us per read%n", Hex.format(r), (after - before) / 100_000, (System.nanoTime() - start) / 1e5 / 1000);
        }
    }
}
