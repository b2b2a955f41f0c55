import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.pro380.protocol.MalformedFrameException;
import org.pro380.protocol.MalformedPduException;
import org.pro380.protocol.MbapCodec;
import org.pro380.protocol.MbapFrame;
import org.pro380.protocol.MbapFramer;
import org.pro380.protocol.PduCodec;
import org.pro380.protocol.ReadHoldingRegisters;
import org.pro380.protocol.ReadHoldingRegistersResponse;
import org.pro380.protocol.Response;

/**
 * A head-end polling a whole site at a fixed rate: every meter read {@code --hz} times a second
 * with the three block reads (0x4000 x34, 0x5000 x50, 0x6000 x88), over at most
 * {@code --connections} Modbus TCP connections to the twin's bus ports (bus b on port + b - 1,
 * unit ids 1..K on each, as {@code pro380 twin --meters N --bus-size K} lays them out).
 *
 * <p>Open loop: each connection has a timetable (request j due at start + phase + j x period,
 * period = 1 s / (hz x 3 x its meters)) and sends each request when it is due, or at once when
 * late. A connection carries one request at a time (as the twin's gateway answers), so a slow
 * reply delays the next request; its latency is therefore counted <em>from the time the request
 * was due</em>, not from when it was written (no coordinated omission). The time from write to
 * reply is reported too, and the client's own delay: how much later than both the due time and
 * the previous reply a request was written (this program's threads waking late on a busy machine).
 *
 * <p>Every reply is checked (transaction id, unit id, a read response of the size asked). An
 * exception reply, a wrong reply or no reply within 2 s is an error: counted, reported, and the
 * exit code is 1. Each loop stops by itself at the end of its time.
 *
 * <p>Run with bench/site-poll.sh. By hand:
 * <pre>
 * java -cp app/target/pro380.jar bench/SitePollBench.java --port 18000 --meters 10000 [--bus-size 247]
 *     [--host 127.0.0.1] [--connections 64] [--hz 1] [--warmup 20s] [--duration 30s] [--pid PID]
 * </pre>
 */
public final class SitePollBench {

    private static final List<ReadHoldingRegisters> READS = List.of(
            new ReadHoldingRegisters(0x4000, 34), new ReadHoldingRegisters(0x5000, 50),
            new ReadHoldingRegisters(0x6000, 88));
    private static final int READ_TIMEOUT_MILLIS = 2_000;

    /** The meters one connection polls: a bus port and unit ids on it. */
    record Assignment(int bus, int port, int[] units) {}

    /** What one connection measured. */
    record Polled(long[] fromDue, long[] fromSent, long[] lateWake, int count, long errors, String firstError) {}

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 0;
        int meters = 0;
        int busSize = 247;
        int connections = 64;
        double hz = 1;
        Duration warmup = Duration.ofSeconds(20);
        Duration duration = Duration.ofSeconds(30);
        long pid = -1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--host" -> host = v;
                case "--port" -> port = Integer.parseInt(v);
                case "--meters" -> meters = Integer.parseInt(v);
                case "--bus-size" -> busSize = Integer.parseInt(v);
                case "--connections" -> connections = Integer.parseInt(v);
                case "--hz" -> hz = Double.parseDouble(v);
                case "--warmup" -> warmup = duration(v);
                case "--duration" -> duration = duration(v);
                case "--pid" -> pid = Long.parseLong(v);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0 || port <= 0 || meters <= 0 || busSize < 1 || busSize > 247 || connections < 1) {
            usage("give --port P and --meters N (bus size 1..247, connections >= 1)");
        }
        List<Assignment> plan = plan(port, meters, busSize, connections);
        double rate = hz * READS.size() * meters;
        System.err.printf("polling %,d meters on %d bus ports (%d..%d) over %d connections: %.3g Hz per meter, "
                + "%,.0f requests/s; %d s warm-up, %d s measured%n", meters, (meters + busSize - 1) / busSize, port,
                port + (meters - 1) / busSize, plan.size(), hz, rate, warmup.toSeconds(), duration.toSeconds());

        long start = System.nanoTime() + 200_000_000L;
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        Polled[] results = new Polled[plan.size()];
        List<Thread> threads = new ArrayList<>();
        AtomicLong connected = new AtomicLong();
        String h = host;
        for (int c = 0; c < plan.size(); c++) {
            int index = c;
            Assignment a = plan.get(c);
            long period = Math.round(1e9 / (hz * READS.size() * a.units().length));
            long phase = period * index / plan.size();
            Thread t = new Thread(() -> results[index] = poll(h, a, index, start + phase, period, measureFrom, end,
                    connected), "poll-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        LockSupport.parkNanos(measureFrom - System.nanoTime());
        double twinCpu0 = cpuSeconds(pid);
        double ownCpu0 = ownCpuSeconds();
        long[] machine0 = machineTicks();
        LockSupport.parkNanos(end - System.nanoTime());
        double twinCpu1 = cpuSeconds(pid);
        double ownCpu1 = ownCpuSeconds();
        long[] machine1 = machineTicks();
        long rss = rssBytes(pid);
        for (Thread t : threads) {
            t.join(3L * READ_TIMEOUT_MILLIS);
        }
        report(results, plan.size(), connected.get(), rate, duration, twinCpu1 - twinCpu0, ownCpu1 - ownCpu0,
                machine0, machine1, rss);
    }

    /**
     * Connections over buses: each bus gets C / B of them (the first C mod B one more), at least
     * one and at most one per meter on it.
     */
    static List<Assignment> plan(int port, int meters, int busSize, int connections) {
        int buses = (meters + busSize - 1) / busSize;
        if (connections < buses) {
            System.err.printf("note: %d buses need at least one connection each: %d connections, not %d%n", buses,
                    buses, connections);
            connections = buses;
        }
        List<Assignment> plan = new ArrayList<>();
        for (int b = 1; b <= buses; b++) {
            int onBus = Math.min(busSize, meters - (b - 1) * busSize);
            int share = Math.min(onBus, connections / buses + (b <= connections % buses ? 1 : 0));
            for (int s = 0; s < share; s++) {
                List<Integer> units = new ArrayList<>();
                for (int u = 1 + s; u <= onBus; u += share) {
                    units.add(u);
                }
                plan.add(new Assignment(b, port + b - 1, units.stream().mapToInt(Integer::intValue).toArray()));
            }
        }
        return plan;
    }

    private static Polled poll(String host, Assignment a, int index, long first, long period, long measureFrom,
            long end, AtomicLong connected) {
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, (end - measureFrom) / period + 16);
        long[] fromDue = new long[capacity];
        long[] fromSent = new long[capacity];
        long[] lateWake = new long[capacity];
        long previousDone = first;
        int count = 0;
        long errors = 0;
        String firstError = null;
        byte[][] pdus = READS.stream().map(PduCodec::encode).toArray(byte[][]::new);
        byte[] buffer = new byte[MbapCodec.MAX_ADU];
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress(host, a.port()), READ_TIMEOUT_MILLIS);
            connected.incrementAndGet();
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            MbapFramer framer = new MbapFramer();
            for (long j = 0; ; j++) {
                long due = first + j * period;
                if (due - end >= 0) {
                    break;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int unit = a.units()[(int) (j / READS.size() % a.units().length)];
                int block = (int) (j % READS.size());
                int transaction = (int) (j & 0xFFFF);
                long sent = System.nanoTime();
                long ready = Math.max(due, previousDone); // when this client could have sent it
                out.write(MbapCodec.encode(new MbapFrame(transaction, unit, pdus[block])));
                MbapFrame reply = receive(in, framer, buffer);
                long done = System.nanoTime();
                previousDone = done;
                String wrong = check(reply, transaction, unit, READS.get(block));
                if (wrong != null) {
                    errors++;
                    if (firstError == null) {
                        firstError = "bus " + a.bus() + " unit " + unit + ": " + wrong;
                    }
                    if (reply.transactionId() != transaction) {
                        break; // out of step with the stream: nothing after this can be trusted
                    }
                }
                if (due - measureFrom >= 0 && count < capacity) {
                    fromDue[count] = done - due;
                    fromSent[count] = done - sent;
                    lateWake[count] = sent - ready;
                    count++;
                }
            }
        } catch (SocketTimeoutException e) {
            errors++;
            firstError = "bus " + a.bus() + ": no reply within " + READ_TIMEOUT_MILLIS + " ms";
        } catch (IOException | MalformedFrameException e) {
            errors++;
            firstError = "bus " + a.bus() + ": " + e;
        }
        return new Polled(fromDue, fromSent, lateWake, count, errors, firstError);
    }

    private static MbapFrame receive(InputStream in, MbapFramer framer, byte[] buffer)
            throws IOException, MalformedFrameException {
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("connection closed by the server");
            }
            List<MbapFrame> frames = framer.feed(buffer, 0, n);
            if (frames.size() > 1 || (frames.size() == 1 && framer.buffered() > 0)) {
                throw new IOException("more bytes than one reply to one request");
            }
            if (frames.size() == 1) {
                return frames.get(0);
            }
        }
    }

    /** What is wrong with the reply, or null. */
    private static String check(MbapFrame reply, int transaction, int unit, ReadHoldingRegisters read) {
        if (reply.transactionId() != transaction) {
            return "transaction id " + reply.transactionId() + ", expected " + transaction;
        }
        if (reply.unitId() != unit) {
            return "unit id " + reply.unitId();
        }
        try {
            Response r = PduCodec.decodeResponse(reply.pdu());
            if (!(r instanceof ReadHoldingRegistersResponse rr)) {
                return "reply " + r;
            }
            return rr.values().length == read.quantity() ? null : rr.values().length + " registers";
        } catch (MalformedPduException e) {
            return e.getMessage();
        }
    }

    private static void report(Polled[] results, int connections, long connected, double rate, Duration duration,
            double twinCpu, double ownCpu, long[] machine0, long[] machine1, long rss) {
        int total = 0;
        long errors = 0;
        String firstError = null;
        for (Polled p : results) {
            if (p == null) {
                errors++;
                continue;
            }
            total += p.count();
            errors += p.errors();
            firstError = firstError != null ? firstError : p.firstError();
        }
        long[] due = new long[total];
        long[] sent = new long[total];
        long[] late = new long[total];
        int at = 0;
        for (Polled p : results) {
            if (p != null) {
                System.arraycopy(p.fromDue(), 0, due, at, p.count());
                System.arraycopy(p.fromSent(), 0, sent, at, p.count());
                System.arraycopy(p.lateWake(), 0, late, at, p.count());
                at += p.count();
            }
        }
        Arrays.sort(due);
        Arrays.sort(sent);
        Arrays.sort(late);
        double seconds = duration.toNanos() / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        double machineCpu = machine0 == null || machine1 == null || machine1[1] == machine0[1] ? Double.NaN
                : (double) (machine1[0] - machine0[0]) / (machine1[1] - machine0[1]) * cores * seconds;
        System.out.printf("connections          %d (%d connected)%n", connections, connected);
        System.out.printf("requests             %,d in %.1f s: %,.0f/s (asked %,.0f/s)%n", total, seconds,
                total / seconds, rate);
        System.out.printf("errors               %d%s%n", errors,
                firstError == null ? "" : " (first: " + firstError + ")");
        if (total > 0) {
            System.out.printf("latency from due     p50 %s  p99 %s  p99.9 %s  max %s%n", ms(due, 0.5), ms(due, 0.99),
                    ms(due, 0.999), ms(due, 1.0));
            System.out.printf("latency from write   p50 %s  p99 %s  p99.9 %s  max %s%n", ms(sent, 0.5),
                    ms(sent, 0.99), ms(sent, 0.999), ms(sent, 1.0));
            System.out.printf("client's own delay   p50 %s  p99 %s  p99.9 %s  max %s  (write later than due and"
                    + " than the last reply)%n", ms(late, 0.5), ms(late, 0.99), ms(late, 0.999), ms(late, 1.0));
            System.out.printf("twin CPU             %.2f cores, %.1f µs per request%n", twinCpu / seconds,
                    twinCpu * 1e6 / total);
        }
        System.out.printf("load client CPU      %.2f cores%n", ownCpu / seconds);
        System.out.printf("other processes CPU  %.2f cores (machine busy %.2f of %d)%n",
                (machineCpu - twinCpu - ownCpu) / seconds, machineCpu / seconds, cores);
        System.out.printf("twin resident memory %s%n", rss < 0 ? "n/a" : String.format("%.0f MB", rss / 1e6));
        if (errors > 0) {
            System.exit(1);
        }
    }

    private static String ms(long[] sorted, double p) {
        if (sorted.length == 0) {
            return "n/a";
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return String.format("%.2f ms", sorted[Math.max(0, rank - 1)] / 1e6);
    }

    private static double cpuSeconds(long pid) {
        return processes(pid).stream().mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9)
                .orElse(Double.NaN)).sum();
    }

    private static double ownCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    private static long rssBytes(long pid) {
        long total = 0;
        for (ProcessHandle p : processes(pid)) {
            try {
                String kb = Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status")).stream()
                        .filter(l -> l.startsWith("VmRSS:")).findFirst().orElseThrow().replaceAll("[^0-9]", "");
                total += Long.parseLong(kb) * 1024;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return pid < 0 ? -1 : total;
    }

    /** The process and its descendants (below a wrapper such as timeout(1)). */
    private static List<ProcessHandle> processes(long pid) {
        ProcessHandle p = pid < 0 ? null : ProcessHandle.of(pid).orElse(null);
        return p == null ? List.of() : Stream.concat(Stream.of(p), p.descendants()).toList();
    }

    /** The machine's busy and total CPU ticks since boot, from /proc/stat; null where there is none. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            long total = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                long ticks = Long.parseLong(f[i]);
                total += ticks;
                busy += i == 4 || i == 5 ? 0 : ticks;
            }
            return new long[] {busy, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Duration duration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(text.replaceFirst("s$", "")) * 1000));
    }

    private static void usage(String problem) {
        System.err.println("bench: " + problem);
        System.err.println("usage: SitePollBench --port P --meters N [--bus-size 247] [--host 127.0.0.1]"
                + " [--connections 64] [--hz 1] [--warmup 20s] [--duration 30s] [--pid PID]");
        System.exit(2);
    }
}
