import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
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
 * How fast the twin serves Modbus TCP, as ratios against a baseline server run side by side:
 * Debian's pymodbus 3.0 (bench/pymodbus_server.py) holding a register image of the same shape.
 * One load client (this program: blocking sockets and the project's MBAP and PDU codecs) drives
 * both the same way: N connections, each a closed loop of FC03 reads of a whole block, the
 * three blocks in turn (0x4000 x34, 0x5000 x50, 0x6000 x88: a full read of the meter every three
 * requests).
 *
 * <p>First each server set is loaded until it is warm: its rate no longer rises and the JIT
 * compiler threads of a JVM have gone quiet. Then each row (a number of connections) is measured in rounds, twin then
 * pymodbus, so that both see the same background load; a round opens its connections, loads them
 * for a short warm-up, then counts requests for a fixed time and keeps each latency (request
 * written to reply complete). The rounds of a row are added up: requests/s, p50 and p99, the
 * ratios twin/pymodbus; and, from /proc, the CPU the servers, this client and every other
 * process on the machine used meanwhile, and the servers' resident memory.
 *
 * <p>Every reply is checked: the transaction id and unit id echoed, a read response (not an
 * exception) whose byte count is twice the quantity asked and equal to the data bytes, and no
 * byte more on the connection. One wrong reply stops the benchmark with exit code 1, so a fast
 * wrong answer cannot win.
 *
 * <p>Each loop stops by itself: at the end of its time, or when its sample buffer is full (then
 * the row says so). A socket read waits at most 10 s.
 *
 * <p>Run with bench/twin-throughput.sh, which starts the servers on free loopback ports. By hand:
 * <pre>
 * java -cp app/target/pro380.jar bench/TwinThroughputBench.java \
 *     --twin 127.0.0.1:5020@PID --pymodbus 127.0.0.1:5502@PID \
 *     [--connections 1,4,16] [--rounds 2] [--warmup 500ms] [--duration 1500ms] [--server-warmup 40s] \
 *     [--results FILE [--print]] [--units N] [--baseline NAME]
 * </pre>
 * {@code --units N} reads unit ids 1..N in turn (a full read of each, every connection starting
 * at another), for a server that is a bus of N meters; {@code --baseline NAME} names the server
 * given with {@code --pymodbus} in the output (another baseline, such as libmodbus).
 * {@code @PID} (optional) names the server's process, whose CPU time (descendants included) and
 * resident memory are then reported. {@code --twin} and {@code --pymodbus} may each list many
 * servers (comma-separated, as many of each): the connections are spread over them in turn, so
 * 16 servers and 16 connections is a head-end polling 16 meters. With {@code --results} the rows
 * are appended to FILE instead of printed, and {@code --print} prints every row in FILE (a run
 * with {@code --results FILE --print} and no servers only prints).
 */
public final class TwinThroughputBench {

    /** Unit ids read: 1..units, a full read (three requests) of each in turn; 1 unless --units. */
    private static int units = 1;
    /** What the baseline is called in the tables: pymodbus unless --baseline. */
    private static String baseline = "pymodbus";
    private static final List<ReadHoldingRegisters> READS = List.of(
            new ReadHoldingRegisters(0x4000, 34), new ReadHoldingRegisters(0x5000, 50),
            new ReadHoldingRegisters(0x6000, 88));
    /** Latencies kept per run, all connections together; a loop stops when its share is full. */
    private static final int SAMPLES_PER_RUN = 4_000_000;
    /**
     * Longest wait for a reply. Generous: a twin's first reply after start takes about 200 ms of
     * class loading and interpreted code, and more when many fresh twins share 2 cores.
     */
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    /** Server warm-up needs this many 1 s windows in a row without a new best rate. */
    private static final int FLAT_WINDOWS = 3;

    /** A server process and where it listens. */
    record Endpoint(InetSocketAddress address, long pid) {
        static Endpoint parse(String text) {
            String[] at = text.split("@", 2);
            int colon = at[0].lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("expected HOST:PORT[@PID], got " + text);
            }
            InetSocketAddress address = new InetSocketAddress(at[0].substring(0, colon),
                    Integer.parseInt(at[0].substring(colon + 1)));
            return new Endpoint(address, at.length > 1 ? Long.parseLong(at[1]) : -1);
        }
    }

    /** A reply that is not the right answer to the request, or none. */
    static final class WrongReply extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WrongReply(String message) {
            super(message);
        }
    }

    /** What one connection measured: {@code count} latencies in nanoseconds. */
    record ConnectionResult(int[] latencies, int count, boolean capped) {}

    /** What one run measured: the latencies of the measured requests and what the processes spent. */
    record Result(long requests, double seconds, int[] sortedLatencies, boolean capped, double serverCpuSeconds,
            double clientCpuSeconds, double machineCpuSeconds, long serverRssBytes) {

        /** Nearest-rank percentile, in microseconds. */
        double percentileMicros(double p) {
            int rank = (int) Math.ceil(p * sortedLatencies.length);
            return sortedLatencies[Math.max(0, rank - 1)] / 1e3;
        }

        /** This run and {@code other} as one: requests, times and latencies added up. */
        Result plus(Result other) {
            int[] all = Arrays.copyOf(sortedLatencies, sortedLatencies.length + other.sortedLatencies.length);
            System.arraycopy(other.sortedLatencies, 0, all, sortedLatencies.length, other.sortedLatencies.length);
            Arrays.sort(all);
            return new Result(requests + other.requests, seconds + other.seconds, all, capped || other.capped,
                    serverCpuSeconds + other.serverCpuSeconds, clientCpuSeconds + other.clientCpuSeconds,
                    machineCpuSeconds + other.machineCpuSeconds, Math.max(serverRssBytes, other.serverRssBytes));
        }

        Summary summary() {
            return new Summary(requests / seconds, percentileMicros(0.50), percentileMicros(0.99), capped,
                    serverCpuSeconds / seconds, serverCpuSeconds * 1e6 / requests, clientCpuSeconds / seconds,
                    (machineCpuSeconds - serverCpuSeconds - clientCpuSeconds) / seconds, serverRssBytes);
        }
    }

    /**
     * A run in figures, as kept in the results file (see {@link Row}).
     *
     * @param serverCores server CPU seconds per second (NaN without pids)
     * @param serverCpuMicros server CPU per request
     * @param clientCores this program's CPU seconds per second
     * @param otherCores CPU seconds per second of every other process on the machine (other work
     *     running meanwhile, and the idle servers of the other kind)
     */
    record Summary(double requestsPerSecond, double p50Micros, double p99Micros, boolean capped, double serverCores,
            double serverCpuMicros, double clientCores, double otherCores, long serverRssBytes) {
        private static final int FIELDS = 9;

        String format() {
            return requestsPerSecond + "\t" + p50Micros + "\t" + p99Micros + "\t" + capped + "\t" + serverCores + "\t"
                    + serverCpuMicros + "\t" + clientCores + "\t" + otherCores + "\t" + serverRssBytes;
        }

        static Summary parse(String[] f, int from) {
            return new Summary(Double.parseDouble(f[from]), Double.parseDouble(f[from + 1]),
                    Double.parseDouble(f[from + 2]), Boolean.parseBoolean(f[from + 3]), Double.parseDouble(f[from + 4]),
                    Double.parseDouble(f[from + 5]), Double.parseDouble(f[from + 6]), Double.parseDouble(f[from + 7]),
                    Long.parseLong(f[from + 8]));
        }
    }

    /**
     * One row of the tables: twin and pymodbus under the same load. A line of the results file:
     * the label, the twin's figures, pymodbus's, tab-separated; a line "# ..." is a note.
     */
    record Row(String label, Summary twin, Summary pymodbus) {
        String format() {
            return label + "\t" + twin.format() + "\t" + pymodbus.format();
        }

        static Row parse(String line) {
            String[] f = line.split("\t");
            if (f.length != 1 + 2 * Summary.FIELDS) {
                throw new IllegalArgumentException("not a results line: " + line);
            }
            return new Row(f[0], Summary.parse(f, 1), Summary.parse(f, 1 + Summary.FIELDS));
        }
    }

    public static void main(String[] args) throws Exception {
        List<Endpoint> twin = List.of();
        List<Endpoint> pymodbus = List.of();
        int[] connections = {1, 4, 16};
        Duration warmup = Duration.ofMillis(500);
        Duration duration = Duration.ofMillis(1500);
        int rounds = 2;
        Duration serverWarmup = Duration.ofSeconds(40);
        Path results = null;
        boolean print = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--print")) {
                print = true;
                continue;
            }
            if (++i == args.length) {
                usage(option + " needs a value");
            }
            String value = args[i];
            switch (option) {
                case "--twin" -> twin = endpoints(value);
                case "--pymodbus" -> pymodbus = endpoints(value);
                case "--connections" -> connections = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt)
                        .toArray();
                case "--warmup" -> warmup = seconds(value);
                case "--duration" -> duration = seconds(value);
                case "--server-warmup" -> serverWarmup = seconds(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--results" -> results = Path.of(value);
                case "--units" -> units = Integer.parseInt(value);
                case "--baseline" -> baseline = value;
                default -> usage("unknown option " + option);
            }
        }
        if (twin.size() != pymodbus.size()) {
            usage("--twin and --pymodbus need as many servers each");
        }
        if (twin.isEmpty() && !print) {
            usage("nothing to do: give --twin and --pymodbus, or --results FILE --print");
        }

        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!twin.isEmpty()) {
            System.err.printf("load client: %d cores; each row %d round(s) of twin then %s, each %d ms warm-up"
                    + " + %d ms measured; reads %s in turn%n", Runtime.getRuntime().availableProcessors(), rounds,
                    baseline, warmup.toMillis(), duration.toMillis(), describeReads());
        }
        try {
            if (!twin.isEmpty() && !serverWarmup.isZero()) {
                notes.add(warmUp("twin", twin, serverWarmup));
                notes.add(warmUp(baseline, pymodbus, serverWarmup));
            }
            for (int n = 0; n < (twin.isEmpty() ? 0 : connections.length); n++) {
                String label = label(twin.size(), connections[n]);
                System.err.printf("  %-28s", label);
                Result[] pair = new Result[2];
                for (int round = 0; round < rounds; round++) {
                    for (int s = 0; s < 2; s++) {
                        Result r = run(s == 0 ? twin : pymodbus, connections[n], warmup, duration);
                        System.err.printf("  %s %,.0f", s == 0 ? "twin" : baseline, r.requests() / r.seconds());
                        pair[s] = pair[s] == null ? r : pair[s].plus(r);
                    }
                }
                boolean capped = pair[0].capped() || pair[1].capped();
                System.err.println(" req/s" + (capped ? " (sample buffer full: stopped early)" : ""));
                rows.add(new Row(label, pair[0].summary(), pair[1].summary()));
            }
        } catch (WrongReply e) {
            System.err.println();
            System.err.println("bench: wrong reply: " + e.getMessage());
            System.exit(1);
        }
        if (results != null) {
            List<String> lines = new ArrayList<>();
            for (Row r : rows) {
                lines.add(r.format());
            }
            for (String note : notes) {
                lines.add("# " + note);
            }
            Files.write(results, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            rows.clear();
            notes.clear();
            if (print) {
                for (String line : Files.readAllLines(results)) {
                    if (line.startsWith("# ")) {
                        notes.add(line.substring(2));
                    } else {
                        rows.add(Row.parse(line));
                    }
                }
            }
        }
        if (results == null || print) {
            printTables(rows);
            if (!notes.isEmpty()) {
                System.out.println();
                for (String note : notes) {
                    System.out.println("- " + note);
                }
            }
        }
    }

    /**
     * Loads {@code servers} (4 connections, or one to each server if there are more) in windows of
     * 1 s until they are warm, or {@code max} has passed. Warm: the rate has not risen (no window 5 %
     * above the best) for {@value #FLAT_WINDOWS} windows, and the JIT compiler threads of the
     * servers' processes used under 3 % of their CPU in the last 2 windows. A JVM compiles its hot
     * code while it serves, with long plateaus in between, so the rate alone would stop too early;
     * pymodbus (CPython) has no compiler threads and is warm as soon as its rate is flat. Nothing is
     * recorded but every reply is checked.
     *
     * @return a line for the report: how long, the windows' rates and compiler shares
     */
    private static String warmUp(String name, List<Endpoint> servers, Duration max) throws Exception {
        int n = Math.max(4, servers.size());
        Duration window = Duration.ofSeconds(1);
        long windows = Math.max(1, max.toMillis() / window.toMillis());
        double best = 0;
        int flat = 0;
        int quiet = 0;
        boolean warm = false;
        List<String> rates = new ArrayList<>();
        List<String> jit = new ArrayList<>();
        System.err.printf("  warm-up %-8s (%d connections, 1 s windows; req/s, JIT share of server CPU) ... ",
                name, n);
        for (long w = 0; w < windows && !warm; w++) {
            long[] before = threadTicks(servers);
            double rate = run(servers, n, Duration.ZERO, window).summary().requestsPerSecond();
            long[] after = threadTicks(servers);
            long all = after[0] - before[0];
            double compiling = all <= 0 ? 0 : (double) (after[1] - before[1]) / all;
            rates.add(String.format("%,.0f", rate));
            jit.add(String.format("%.0f %%", 100 * compiling));
            System.err.printf("%,.0f (%.0f %%) ", rate, 100 * compiling);
            flat = rate > best * 1.05 ? 0 : flat + 1;
            best = Math.max(best, rate);
            quiet = compiling < 0.03 ? quiet + 1 : 0;
            warm = flat >= FLAT_WINDOWS && quiet >= 2;
        }
        System.err.println(warm ? "" : "(time up)");
        return String.format("%s warmed up for %d s before the rows (%d connections)%s; req/s in 1 s windows: %s; "
                + "JIT compiler threads' share of the server CPU: %s", name, rates.size(), n,
                warm ? "" : ", still warming when the time was up", String.join(", ", rates), String.join(", ", jit));
    }

    /**
     * CPU ticks of the servers' processes (descendants included) since they started: all threads,
     * and the JVM's JIT compiler threads (named "C1 CompilerThread..." and "C2 CompilerThread...",
     * which /proc shortens to 15 characters). Zeros without pids.
     */
    private static long[] threadTicks(List<Endpoint> servers) {
        long all = 0;
        long compiler = 0;
        for (ProcessHandle p : processes(servers)) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(p.pid()), "task"))) {
                for (Path task : tasks.toList()) {
                    String stat = Files.readString(task.resolve("stat"));
                    // fields after "pid (comm) ": state ppid ... utime (14th field) stime (15th)
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    all += ticks;
                    String comm = Files.readString(task.resolve("comm")).trim();
                    if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                        compiler += ticks;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a thread or process that ended meanwhile: counted no further
            }
        }
        return new long[] {all, compiler};
    }

    private static String label(int meters, int connections) {
        String each = connections == meters && meters > 1 ? "1 connection each"
                : connections + (connections == 1 ? " connection" : " connections");
        String server = units > 1 ? "bus of " + units + " meters" : "meter";
        return (meters == 1 ? "1 " + server + ", " : meters + " " + server + "s, ") + each;
    }

    private static String describeReads() {
        StringBuilder s = new StringBuilder();
        for (ReadHoldingRegisters r : READS) {
            s.append(s.length() == 0 ? "" : ", ").append(String.format("0x%04x x%d", r.address(), r.quantity()));
        }
        return s.toString();
    }

    /**
     * Opens {@code n} connections, spread over {@code servers} in turn; warms up, measures. The
     * processes' CPU is counted over the measured time only.
     */
    private static Result run(List<Endpoint> servers, int n, Duration warmup, Duration duration) throws Exception {
        int samplesEach = Math.max(10_000, SAMPLES_PER_RUN / n);
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Socket socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                socket.connect(servers.get(i % servers.size()).address(), READ_TIMEOUT_MILLIS);
                sockets.add(socket);
            }
            long[] start = new long[1];
            CyclicBarrier go = new CyclicBarrier(n + 1, () -> start[0] = System.nanoTime());
            ConnectionResult[] results = new ConnectionResult[n];
            RuntimeException[] failures = new RuntimeException[n];
            List<Thread> threads = new ArrayList<>();
            long warmupNanos = warmup.toNanos();
            long endNanos = warmupNanos + duration.toNanos();
            for (int i = 0; i < n; i++) {
                int index = i;
                Socket socket = sockets.get(i);
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                        results[index] = loop(socket, index, start[0] + warmupNanos, start[0] + endNanos, samplesEach);
                    } catch (RuntimeException e) {
                        failures[index] = e;
                    } catch (IOException e) {
                        failures[index] = new WrongReply("connection " + index + " to "
                                + socket.getRemoteSocketAddress() + ": " + e);
                    } catch (InterruptedException | BrokenBarrierException e) {
                        failures[index] = new IllegalStateException(e);
                    }
                }, "load-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            go.await();
            sleepUntil(start[0] + warmupNanos);
            double serverCpu0 = cpuSeconds(servers);
            double clientCpu0 = ownCpuSeconds();
            long[] machine0 = machineTicks();
            sleepUntil(start[0] + endNanos);
            double serverCpu1 = cpuSeconds(servers);
            double clientCpu1 = ownCpuSeconds();
            long[] machine1 = machineTicks();
            for (Thread t : threads) {
                t.join(READ_TIMEOUT_MILLIS * 2L);
                if (t.isAlive()) {
                    throw new WrongReply(t.getName() + " still waiting for a reply after the end of the run");
                }
            }
            for (RuntimeException failure : failures) {
                if (failure != null) {
                    throw failure;
                }
            }
            int total = Arrays.stream(results).mapToInt(ConnectionResult::count).sum();
            if (total == 0) {
                throw new WrongReply("no reply completed in the measured time");
            }
            int[] all = new int[total];
            int at = 0;
            boolean capped = false;
            for (ConnectionResult r : results) {
                System.arraycopy(r.latencies(), 0, all, at, r.count());
                at += r.count();
                capped |= r.capped();
            }
            Arrays.sort(all);
            double seconds = duration.toNanos() / 1e9;
            double machineCpu = machine0 == null || machine1 == null || machine1[1] == machine0[1] ? Double.NaN
                    : (double) (machine1[0] - machine0[0]) / (machine1[1] - machine0[1])
                            * Runtime.getRuntime().availableProcessors() * seconds;
            return new Result(total, seconds, all, capped, serverCpu1 - serverCpu0, clientCpu1 - clientCpu0, machineCpu,
                    rssBytes(servers));
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    /**
     * One connection's closed loop: write a read request, wait for its reply, check it, repeat,
     * until {@code end}; latencies of requests written from {@code measureFrom} are kept.
     */
    private static ConnectionResult loop(Socket socket, int index, long measureFrom, long end, int maxSamples)
            throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        MbapFramer framer = new MbapFramer();
        byte[] buffer = new byte[MbapCodec.MAX_ADU];
        byte[][] pdus = READS.stream().map(PduCodec::encode).toArray(byte[][]::new);
        int[] latencies = new int[maxSamples];
        int count = 0;
        int transactionId = index * 997 & 0xFFFF; // connections do not share ids, not that they should matter
        long maxRequests = 2L * maxSamples; // warm-up included
        for (long i = 0; i < maxRequests; i++) {
            int block = (int) ((i + index) % READS.size());
            int unit = 1 + (int) ((i / READS.size() + index * 37L) % units);
            transactionId = (transactionId + 1) & 0xFFFF;
            long sent = System.nanoTime();
            if (sent - end >= 0) {
                return new ConnectionResult(latencies, count, false);
            }
            out.write(MbapCodec.encode(new MbapFrame(transactionId, unit, pdus[block])));
            MbapFrame reply = receive(in, framer, buffer, socket);
            long latency = System.nanoTime() - sent;
            check(reply, transactionId, unit, READS.get(block), socket);
            if (sent - measureFrom >= 0) {
                if (count == latencies.length) {
                    return new ConnectionResult(latencies, count, true);
                }
                latencies[count++] = (int) Math.min(latency, Integer.MAX_VALUE);
            }
        }
        return new ConnectionResult(latencies, count, true);
    }

    /** Reads until one MBAP frame is complete; a second frame or a byte more is a wrong reply. */
    private static MbapFrame receive(InputStream in, MbapFramer framer, byte[] buffer, Socket socket)
            throws IOException {
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new WrongReply(socket.getRemoteSocketAddress() + " closed the connection"
                        + (framer.buffered() > 0 ? " in the middle of a reply (" + framer.buffered() + " bytes)" : ""));
            }
            List<MbapFrame> frames;
            try {
                frames = framer.feed(buffer, 0, n);
            } catch (MalformedFrameException e) {
                throw new WrongReply(socket.getRemoteSocketAddress() + ": " + e.getMessage());
            }
            if (frames.size() > 1 || (frames.size() == 1 && framer.buffered() > 0)) {
                throw new WrongReply(socket.getRemoteSocketAddress() + ": more bytes than one reply to one request");
            }
            if (frames.size() == 1) {
                return frames.get(0);
            }
        }
    }

    private static void check(MbapFrame reply, int transactionId, int unit, ReadHoldingRegisters read,
            Socket socket) {
        String where = socket.getRemoteSocketAddress() + ", reply to " + String.format("0x%04x x%d", read.address(),
                read.quantity()) + " (transaction " + transactionId + "): ";
        if (reply.transactionId() != transactionId) {
            throw new WrongReply(where + "transaction id " + reply.transactionId());
        }
        if (reply.unitId() != unit) {
            throw new WrongReply(where + "unit id " + reply.unitId() + " (expected " + unit + ")");
        }
        Response response;
        try {
            response = PduCodec.decodeResponse(reply.pdu());
        } catch (MalformedPduException e) {
            throw new WrongReply(where + e.getMessage());
        }
        if (!(response instanceof ReadHoldingRegistersResponse r)) {
            throw new WrongReply(where + response);
        }
        if (r.values().length != read.quantity()) {
            throw new WrongReply(where + r.values().length + " registers (byte count " + 2 * r.values().length + ")");
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    /** CPU seconds of the servers' processes and their descendants; NaN without every pid. */
    private static double cpuSeconds(List<Endpoint> servers) {
        List<ProcessHandle> processes = processes(servers);
        double total = processes.isEmpty() ? Double.NaN : 0;
        for (ProcessHandle p : processes) {
            total += p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
        }
        return total;
    }

    /**
     * The machine's busy and total CPU ticks since boot (first line of /proc/stat: user nice system
     * idle iowait irq softirq steal ...); null where there is none. Their ratio over a time, times
     * the cores, is how many cores were busy.
     */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            long total = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                long ticks = Long.parseLong(f[i]);
                total += ticks;
                busy += i == 4 || i == 5 ? 0 : ticks; // idle, iowait
            }
            return new long[] {busy, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static double ownCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** Resident memory (VmRSS) of the servers' processes and descendants; -1 where unknown. */
    private static long rssBytes(List<Endpoint> servers) {
        List<ProcessHandle> processes = processes(servers);
        long total = processes.isEmpty() ? -1 : 0;
        for (ProcessHandle p : processes) {
            try {
                String kb = Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status")).stream()
                        .filter(l -> l.startsWith("VmRSS:")).findFirst().orElseThrow()
                        .replaceAll("[^0-9]", "");
                total += Long.parseLong(kb) * 1024;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return total;
    }

    /** The servers' processes and their descendants (below a wrapper such as timeout(1)); empty without every pid. */
    private static List<ProcessHandle> processes(List<Endpoint> servers) {
        List<ProcessHandle> all = new ArrayList<>();
        for (Endpoint e : servers) {
            ProcessHandle p = e.pid() < 0 ? null : ProcessHandle.of(e.pid()).orElse(null);
            if (p == null) {
                return List.of();
            }
            Stream.concat(Stream.of(p), p.descendants()).forEach(all::add);
        }
        return all;
    }

    private static void printTables(List<Row> rows) {
        System.out.println(("| load | twin req/s | twin p50 | twin p99 | pymodbus req/s | pymodbus p50 | pymodbus p99 "
                + "| req/s twin/pymodbus | p50 twin/pymodbus | p99 twin/pymodbus |").replace("pymodbus", baseline));
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            Summary t = r.twin();
            Summary p = r.pymodbus();
            System.out.printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", r.label(),
                    rate(t), micros(t.p50Micros()), micros(t.p99Micros()),
                    rate(p), micros(p.p50Micros()), micros(p.p99Micros()),
                    ratio(t.requestsPerSecond(), p.requestsPerSecond()), ratio(t.p50Micros(), p.p50Micros()),
                    ratio(t.p99Micros(), p.p99Micros()));
        }
        System.out.println();
        System.out.println(("| load | twin CPU (cores) | twin CPU per request | pymodbus CPU (cores) "
                + "| pymodbus CPU per request | CPU per request twin/pymodbus "
                + "| load client CPU (cores), twin / pymodbus runs "
                + "| other processes' CPU (cores), twin / pymodbus runs | server memory (RSS), twin / pymodbus |")
                .replace("pymodbus", baseline));
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            Summary t = r.twin();
            Summary p = r.pymodbus();
            System.out.printf("| %s | %s | %s | %s | %s | %s | %s / %s | %s / %s | %s / %s |%n", r.label(),
                    cores(t.serverCores()), micros(t.serverCpuMicros()), cores(p.serverCores()),
                    micros(p.serverCpuMicros()),
                    ratio(t.serverCpuMicros(), p.serverCpuMicros()), cores(t.clientCores()), cores(p.clientCores()),
                    cores(t.otherCores()), cores(p.otherCores()), megabytes(t.serverRssBytes()),
                    megabytes(p.serverRssBytes()));
        }
    }

    private static String rate(Summary s) {
        return String.format("%,.0f%s", s.requestsPerSecond(),
                s.capped() ? " (stopped early: sample buffer full)" : "");
    }

    private static String micros(double us) {
        if (Double.isNaN(us)) {
            return "n/a";
        }
        return us >= 1000 ? String.format("%.2f ms", us / 1000) : String.format("%.0f µs", us);
    }

    private static String cores(double cores) {
        return Double.isNaN(cores) ? "n/a" : String.format("%.2f", cores);
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? "n/a" : String.format("%.2f", a / b);
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%.0f MB", bytes / 1e6);
    }

    private static List<Endpoint> endpoints(String list) {
        return Arrays.stream(list.split(",")).filter(s -> !s.isBlank()).map(Endpoint::parse).toList();
    }

    private static Duration seconds(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(text.replaceFirst("s$", "")) * 1000));
    }

    private static void usage(String problem) {
        System.err.println("bench: " + problem);
        System.err.println("usage: TwinThroughputBench --twin H:P[@PID],... --pymodbus H:P[@PID],..."
                + " [--connections 1,4,16] [--rounds 2] [--warmup 500ms] [--duration 1500ms] [--server-warmup 40s]"
                + " [--results FILE [--print]] [--units N] [--baseline NAME]");
        System.exit(2);
    }
}
