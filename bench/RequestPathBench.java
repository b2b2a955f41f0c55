import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.pro380.protocol.RtuCodec;

/**
 * Bytes allocated and CPU per request on the twin's request path (bench/request-path.sh): a twin
 * started in this JVM as `pro380 twin` would be (`--http none`, a fresh state directory), Modbus
 * TCP and RTU over TCP on free loopback ports, and client threads of this program (blocking
 * sockets, one request at a time per connection, the meter's three blocks in turn, unit ids
 * 1..meters in turn) whose own allocation and CPU are left out: only the twin's threads count.
 * After a warm-up long enough for the JIT compiler to finish the request path, each row counts
 * REQUESTS requests: bytes allocated by the event loop threads (the request path) and by every
 * twin thread (ticks and saves included), and the twin's CPU (the process's less the clients').
 *
 * <pre>
 * java -cp app/target/pro380.jar bench/RequestPathBench.java [--meters 247] [--connections 1,4,16]
 *     [--requests 200000] [--warmup 600000] [--rounds 3]
 * </pre>
 */
public class RequestPathBench {

    private static final int[][] BLOCKS = {{0x4000, 34}, {0x5000, 50}, {0x6000, 88}};
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        int meters = 1;
        int requests = 200_000;
        int warmup = 600_000;
        int rounds = 3;
        int[] connections = {1, 4, 16};
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--meters" -> meters = Integer.parseInt(args[i + 1]);
                case "--requests" -> requests = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--connections" -> connections = Arrays.stream(args[i + 1].split(","))
                        .mapToInt(Integer::parseInt)
                        .toArray();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        int tcp = freePort();
        int rtu = freePort();
        Path state = Files.createTempDirectory("pro380-request-path");
        String[] twin = {
            "twin", "--meters", Integer.toString(meters), "--tcp", "127.0.0.1:" + tcp, "--rtu-tcp", "127.0.0.1:" + rtu,
            "--http", "none", "--state", state.toString()
        };
        Thread server = new Thread(() -> run(twin), "twin-main");
        server.setDaemon(true);
        server.start();
        waitFor(tcp);
        waitFor(rtu);
        System.out.printf(
                "twin of %d meter(s); %s; %d cores, load average %.2f%n",
                meters, System.getProperty("java.vm.version"), OS.getAvailableProcessors(), OS.getSystemLoadAverage());
        for (boolean isRtu : new boolean[] {false, true}) {
            load(isRtu ? rtu : tcp, isRtu, 4, meters, warmup); // JIT: the request path compiled
        }
        System.out.println("| transport | connections | bytes/request, event loop | bytes/request, all twin threads | twin CPU µs/request | req/s |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (boolean isRtu : new boolean[] {false, true}) {
            for (int c : connections) {
                for (int r = 0; r < rounds; r++) {
                    Row row = load(isRtu ? rtu : tcp, isRtu, c, meters, requests);
                    System.out.printf(
                            "| %s | %d | %.0f | %.0f | %.1f | %.0f |%n",
                            isRtu ? "RTU over TCP" : "Modbus TCP",
                            c,
                            row.loopBytes / (double) row.requests,
                            row.allBytes / (double) row.requests,
                            row.cpuNanos / 1e3 / row.requests,
                            row.requests / (row.wallNanos / 1e9));
                }
            }
        }
        System.exit(0);
    }

    /** As `pro380 twin` runs: with the system properties Main.main sets before any library loads. */
    private static void run(String[] args) {
        try {
            Class<?> main = Class.forName("org.pro380.app.Main");
            Method leanStart = main.getDeclaredMethod("leanStart");
            leanStart.setAccessible(true);
            leanStart.invoke(null);
            main.getMethod("run", String[].class).invoke(null, (Object) args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Row(long requests, long loopBytes, long allBytes, long cpuNanos, long wallNanos) {}

    /** {@code total} requests over {@code connections} client threads; the twin's allocation and CPU meanwhile. */
    private static Row load(int port, boolean rtu, int connections, int meters, int total) throws Exception {
        AtomicLong done = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        List<Socket> sockets = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Socket s = new Socket("127.0.0.1", port);
            s.setTcpNoDelay(true);
            sockets.add(s);
            int first = c;
            int each = total / connections;
            clients.add(new Thread(() -> loop(s, rtu, meters, first, each, done), "client-" + c));
        }
        Thread.sleep(100);
        long[] loopBefore = allocated(true);
        long[] allBefore = allocated(false);
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        clients.forEach(Thread::start);
        for (Thread t : clients) {
            t.join();
        }
        long wall = System.nanoTime() - start;
        long cpuAfter = OS.getProcessCpuTime();
        long loop = sum(allocated(true)) - sum(loopBefore);
        long all = sum(allocated(false)) - sum(allBefore);
        for (Socket s : sockets) {
            s.close();
        }
        return new Row(done.get(), loop, all, cpuAfter - cpu - clientCpuSpent.getAndSet(0), wall);
    }

    private static final AtomicLong clientCpuSpent = new AtomicLong();

    private static void loop(Socket s, boolean rtu, int meters, int first, int count, AtomicLong done) {
        try {
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] reply = new byte[300];
            for (int n = first; n < first + count; n++) {
                int[] block = BLOCKS[n % 3];
                int unit = (n / 3) % meters + 1;
                byte[] pdu = {3, (byte) (block[0] >> 8), (byte) block[0], 0, (byte) block[1]};
                byte[] frame;
                int expected;
                if (rtu) {
                    frame = RtuCodec.encode(unit, pdu);
                    expected = 5 + 2 * block[1];
                } else {
                    frame = new byte[12];
                    frame[0] = (byte) (n >> 8);
                    frame[1] = (byte) n;
                    frame[5] = 6;
                    frame[6] = (byte) unit;
                    System.arraycopy(pdu, 0, frame, 7, 5);
                    expected = 9 + 2 * block[1];
                }
                out.write(frame);
                in.readFully(reply, 0, expected);
                if (reply[rtu ? 1 : 7] != 3 || (!rtu && (reply[0] != frame[0] || reply[1] != frame[1]))) {
                    throw new IllegalStateException("wrong reply to request " + n);
                }
                done.incrementAndGet();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            clientCpuSpent.addAndGet(THREADS.getCurrentThreadCpuTime());
        }
    }

    /** Bytes allocated so far by the event loop threads, or by every thread but this program's. */
    private static long[] allocated(boolean eventLoopsOnly) {
        List<Long> ids = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (name.startsWith("client-") || t == Thread.currentThread()) {
                continue;
            }
            if (!eventLoopsOnly || name.toLowerCase().contains("eventloop")) {
                ids.add(t.getId());
            }
        }
        long[] bytes = THREADS.getThreadAllocatedBytes(ids.stream().mapToLong(Long::longValue).toArray());
        return bytes;
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += Math.max(0, v);
        }
        return s;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitFor(int port) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the twin did not listen on " + port);
    }
}
