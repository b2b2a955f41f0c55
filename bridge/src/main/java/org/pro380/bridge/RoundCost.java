package org.pro380.bridge;

import java.time.Duration;
import java.util.Locale;
import org.pro380.client.Endpoint;
import org.pro380.client.ReadPlan;
import org.pro380.client.Traffic;
import org.pro380.protocol.LineSettings;
import org.pro380.registers.Registers;

/**
 * What one reading of every register costs on an RS485 line, from the frame sizes as the client
 * counts them: per request an 8-byte RTU request (unit, function, address, quantity, CRC) and a
 * reply of 5 bytes plus 2 per register, each followed by the 3.5-character silence. The meter's
 * own processing time comes on top.
 */
public final class RoundCost {
    private static final int RTU_REQUEST_BYTES = 8;
    private static final int RTU_REPLY_OVERHEAD = 5;

    private RoundCost() {}

    /** The wire traffic of one snapshot of every register. */
    public static Traffic snapshotTraffic() {
        ReadPlan plan = ReadPlan.of(Registers.MAP.all());
        long received = plan.batches().stream()
                .mapToLong(b -> RTU_REPLY_OVERHEAD + 2L * b.quantity())
                .sum();
        return new Traffic(plan.requests(), (long) RTU_REQUEST_BYTES * plan.requests(), received);
    }

    /** The least time one snapshot of every register occupies a line. */
    public static Duration snapshot(LineSettings line) {
        return Duration.ofNanos(snapshotTraffic().wireNanos(line));
    }

    /** The start-up line: "house: 60 meters at 9600 8E1: 28.1 s per round at best". */
    public static String describe(BridgeLine line) {
        int n = line.meters().size();
        String meters = n + (n == 1 ? " meter" : " meters");
        if (line.endpoint() instanceof Endpoint.Serial s) {
            return line.name() + ": " + meters + " at " + s.line() + ": " + round(s.line(), n);
        } else if (line.endpoint() instanceof Endpoint.RtuOverTcp) {
            return line.name() + ": " + meters + " behind a gateway; if its line runs at " + LineSettings.FACTORY + ": "
                    + round(LineSettings.FACTORY, n);
        }
        return line.name() + ": " + meters + " over Modbus TCP (no shared serial line)";
    }

    private static String round(LineSettings line, int meters) {
        return String.format(
                Locale.ROOT,
                "%.1f s per round at best",
                snapshot(line).multipliedBy(meters).toNanos() / 1e9);
    }
}
