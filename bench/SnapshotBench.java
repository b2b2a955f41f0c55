import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pro380.client.Endpoint;
import org.pro380.protocol.LineSettings;
import org.pro380.client.ModbusLink;
import org.pro380.client.Pro380Client;
import org.pro380.client.Traffic;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.client.HostPort;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;

/**
 * The cost of reading a whole PRO380: the client's snapshot (one read per register block)
 * against reading value by value (one request per register, as common open-source meter readers
 * do). For each: requests, bytes on the wire, the wire time at 9600 8E1 computed from the bytes
 * and the 3.5-character gaps, and the time measured against a twin with wire timing (replies
 * delayed as an RS485 line at 9600 8E1 would, plus the meter's turnaround).
 *
 * Run with bench/run.sh (a single-file Java program on the built application jar; no Maven).
 */
public final class SnapshotBench {

    interface Reading {
        void run(Pro380Client client) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path state = Files.createTempDirectory("pro380-bench");
        TwinConfig config = TwinConfig.builder(state).tcp(null).http(null).rtuTcp(HostPort.loopback(0))
                .wireTiming(true).build();
        LineSettings line = LineSettings.FACTORY;
        try (Twin twin = Twin.start(config)) {
            Endpoint endpoint = new Endpoint.RtuOverTcp("127.0.0.1", twin.rtuTcpAddress().orElseThrow().getPort());
            System.out.printf("PRO380 full read, %d registers of the map, twin with wire timing at %s (turnaround %d ms), %d rounds%n%n",
                    Registers.MAP.all().size(), LineSettings.FACTORY, config.turnaround().toMillis(), rounds);
            System.out.println("| method | requests | bytes sent | bytes received | bytes on the wire | wire time at 9600 8E1 | measured (median) |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            row("snapshot: one read per block", endpoint, line, rounds, Pro380Client::snapshot);
            row("value by value: one read per register", endpoint, line, rounds, SnapshotBench::valueByValue);
        }
    }

    private static void valueByValue(Pro380Client client) throws Exception {
        for (Register<?> r : Registers.MAP.all()) {
            client.link().readRegisters(client.unitId(), r.address(), r.words());
        }
    }

    private static void row(String name, Endpoint endpoint, LineSettings line, int rounds, Reading reading) throws Exception {
        try (Pro380Client client = new Pro380Client(ModbusLink.open(endpoint, Duration.ofSeconds(2), 0), 1)) {
            reading.run(client); // warm-up, and the traffic of one reading
            Traffic once = client.link().traffic();
            long[] millis = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                reading.run(client);
                millis[i] = (System.nanoTime() - start) / 1_000_000;
            }
            Arrays.sort(millis);
            System.out.printf("| %s | %d | %d | %d | %d | %.1f ms | %d ms |%n", name, once.requests(), once.bytesSent(),
                    once.bytesReceived(), once.bytes(), once.wireNanos(line) / 1e6, millis[rounds / 2]);
        }
    }
}
