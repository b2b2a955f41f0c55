import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.pro380.bridge.BridgeLine;
import org.pro380.bridge.BridgeMeter;
import org.pro380.bridge.PolledMeter;
import org.pro380.bridge.Poller;
import org.pro380.bridge.ReadingSink;
import org.pro380.bridge.RoundCost;
import org.pro380.bridge.Waiter;
import org.pro380.client.Endpoint;
import org.pro380.client.ModbusLink;
import org.pro380.client.Snapshot;
import org.pro380.client.Traffic;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.Parity;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

/**
 * The bridge's poller reading a bus of M meters over RTU over TCP, round after round with no
 * pause (every meter always due), against the physical limit of the same traffic on the line;
 * then, side by side, a value-by-value round as mbmd-style tools poll (one request per register
 * of the map, each register's own words).
 *
 * <p>Physical limit of a request: request frame + 3.5-char gap + the meter's turnaround + reply
 * frame + 3.5-char gap, at the line's baud and parity.
 * <pre>
 * java -cp app/target/pro380.jar bench/BridgeRtuBench.java --port P [--meters 60] [--rounds 3]
 *     [--vbv-meters 60] [--turnaround-ms 5]
 * </pre>
 */
public final class BridgeRtuBench {
    private static final LineSettings LINE = new LineSettings(9600, Parity.EVEN);

    public static void main(String[] args) throws Exception {
        int port = 0;
        int meters = 60;
        int rounds = 3;
        int vbvMeters = 60;
        double turnaroundMs = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(v);
                case "--meters" -> meters = Integer.parseInt(v);
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--vbv-meters" -> vbvMeters = Integer.parseInt(v);
                case "--turnaround-ms" -> turnaroundMs = Double.parseDouble(v);
                default -> {
                    System.err.println("bench: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        long turnaround = Math.round(turnaroundMs * 1e6);
        Endpoint endpoint = new Endpoint.RtuOverTcp("127.0.0.1", port);
        Traffic snapshot = RoundCost.snapshotTraffic();
        long bridgeLimit = meters * (snapshot.wireNanos(LINE) + snapshot.requests() * turnaround);
        List<Duration> taken = bridgeRounds(endpoint, meters, rounds);
        System.out.printf("line 9600 8E1, turnaround %.1f ms, %d meters; the bridge's rounds after a warm-up round:%n%n",
                turnaroundMs, meters);
        System.out.println("| polling | requests a meter | round | physical limit | over it | without the master's gap | over it |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Duration d : taken) {
            row("pro380 bridge (3 block reads)", snapshot.requests(), d.toNanos(), bridgeLimit, (long) meters * snapshot.requests());
        }
        List<Register<?>> map = Registers.MAP.all();
        long vbvLimit = 0;
        for (Register<?> r : map) {
            vbvLimit += new Traffic(1, 8, 5 + 2L * r.words()).wireNanos(LINE) + turnaround;
        }
        vbvLimit *= vbvMeters;
        long vbv = valueByValue(endpoint, vbvMeters, map);
        row("value by value (" + vbvMeters + " meters)", map.size(), vbv, vbvLimit, (long) vbvMeters * map.size());
        System.out.printf("%nvalue by value costs %.1f times the bridge's round per meter%n",
                (vbv / (double) vbvMeters) / (taken.get(taken.size() - 1).toNanos() / (double) meters));
    }

    /**
     * A table row: the measured time against the physical limit, and against the limit without the
     * 3.5-char silence a master leaves after each reply (the twin does not enforce that one).
     */
    private static void row(String polling, int requestsPerMeter, long measured, long limit, long requests) {
        long withoutMasterGap = limit - requests * LINE.interFrameGapNanos();
        System.out.printf("| %s | %d | %.3f s | %.3f s | %+.2f %% | %.3f s | %+.2f %% |%n", polling, requestsPerMeter,
                measured / 1e9, limit / 1e9, 100.0 * (measured - limit) / limit, withoutMasterGap / 1e9,
                100.0 * (measured - withoutMasterGap) / withoutMasterGap);
    }

    private static List<Duration> bridgeRounds(Endpoint endpoint, int meters, int rounds) throws InterruptedException {
        List<PolledMeter> polled = new ArrayList<>();
        for (int id = 1; id <= meters; id++) {
            polled.add(new PolledMeter(new BridgeMeter("bus", id, ""), Duration.ofMillis(1)));
        }
        BridgeLine line = new BridgeLine("bus", endpoint, Duration.ofSeconds(2), 0, polled);
        List<Duration> done = new CopyOnWriteArrayList<>();
        List<String> gaps = new CopyOnWriteArrayList<>();
        ReadingSink sink = new ReadingSink() {
            @Override
            public void reading(BridgeMeter meter, Snapshot s) {
            }

            @Override
            public void gap(BridgeMeter meter, java.time.Instant time, GapCause cause, String detail) {
                gaps.add(meter.unitId() + ": " + detail);
            }

            @Override
            public void roundDone(String connection, Duration took, int n) {
                if (done.isEmpty() && !gaps.isEmpty()) {
                    System.out.println("warm-up round: " + gaps.size() + " gaps (" + gaps.get(0) + "), not counted");
                    gaps.clear();
                }
                done.add(took);
            }
        };
        Poller poller = new Poller(line, List.of(sink), Clock.systemUTC(), Waiter.of(Clock.systemUTC()), Poller.Opener.CLIENT);
        Thread t = new Thread(poller, "poll");
        t.start();
        while (done.size() < rounds + 1 && t.isAlive()) {
            Thread.sleep(50);
        }
        poller.stop();
        t.join();
        if (!gaps.isEmpty()) {
            System.err.println("bench: gaps in a measured round: " + gaps);
            System.exit(1);
        }
        return done.subList(1, rounds + 1);
    }

    private static long valueByValue(Endpoint endpoint, int meters, List<Register<?>> map) throws Exception {
        try (ModbusLink link = ModbusLink.open(endpoint, Duration.ofSeconds(2), 0)) {
            link.readRegisters(1, 0x4000, 2); // connect and warm up
            long start = System.nanoTime();
            for (int unit = 1; unit <= meters; unit++) {
                for (Register<?> r : map) {
                    link.readRegisters(unit, r.address(), r.words());
                }
            }
            return System.nanoTime() - start;
        }
    }
}
