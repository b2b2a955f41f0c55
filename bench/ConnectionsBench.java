import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What hostile clients do to a running twin, seen by a normal client and by the twin's memory.
 * Pure JDK; the twin runs apart (bench/hostile-connections.sh, bench/nonreading-client.sh start it).
 *
 * <pre>
 * java bench/ConnectionsBench.java hostile    --modbus HOST:PORT --http HOST:PORT --pid PID
 *                                             [--connections 2000] [--wave 500] [--hold-ms 300]
 * java bench/ConnectionsBench.java nonreading --modbus HOST:PORT --http HOST:PORT --pid PID
 *                                             [--megabytes 12] [--seconds 10]
 * </pre>
 *
 * <p>Both modes keep a normal client on each port, connected before the trouble starts: Modbus TCP
 * reads 0x5000 x50 (FC03) in a closed loop, HTTP gets /api/state on a kept-alive connection. Their
 * latencies (request written to reply complete) are reported for a quiet phase (after 3 s of
 * warm-up) and for the phase under attack.
 *
 * <p>{@code hostile}: the given number of connections, half to each port, opened in waves that
 * are held silent for a while and then closed (they come and go). Reported: how many the twin
 * kept and how many it refused (closed at once, or 503), whether a new client is served after.
 *
 * <p>{@code nonreading}: one client per port pipelines requests as fast as the twin takes them and
 * never reads a reply, up to the given megabytes or seconds. Reported: bytes the twin took, and
 * the twin's resident memory (VmRSS from /proc/PID/status: before, highest seen, after a full GC
 * requested with jcmd).
 *
 * <p>Every loop is bounded in count and time; all traffic is to the given loopback addresses.
 */
public final class ConnectionsBench {

    private static final byte[] READ_5000_X50 = {0, 1, 0, 0, 0, 6, 1, 3, 0x50, 0, 0, 50};
    private static final int READ_5000_X50_REPLY = 7 + 2 + 100;
    private static final byte[] GET_STATE = "GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            usage();
        }
        Options o = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "hostile" -> hostile(o);
            case "nonreading" -> nonReading(o);
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: java bench/ConnectionsBench.java hostile|nonreading --modbus HOST:PORT "
                + "--http HOST:PORT --pid PID [options]");
        System.exit(2);
    }

    // ---- hostile connections ------------------------------------------------------------------

    private static void hostile(Options o) throws Exception {
        try (NormalClients normal = NormalClients.start(o)) {
            normal.warmUp();
            normal.phase("quiet", 2000);
            long start = System.nanoTime();
            int[] modbus = waves(o.modbus, o.connections / 2, o.wave, o.holdMillis);
            int[] http = waves(o.http, o.connections - o.connections / 2, o.wave, o.holdMillis);
            double seconds = (System.nanoTime() - start) / 1e9;
            normal.phase(String.format(Locale.ROOT, "under %d hostile connections (%.1f s)", o.connections,
                    seconds), 0);
            System.out.printf(Locale.ROOT,
                    "hostile Modbus TCP: %d opened, %d kept by the twin while held, %d refused%n",
                    modbus[0], modbus[1], modbus[2]);
            System.out.printf(Locale.ROOT, "hostile HTTP:       %d opened, %d kept by the twin while held, %d refused"
                    + " (%d of them with 503)%n", http[0], http[1], http[2], http[3]);
            System.out.printf(Locale.ROOT, "a new client after: Modbus TCP %s, HTTP %s%n",
                    served(() -> modbusOnce(o.modbus)), served(() -> httpOnce(o.http)));
            System.out.printf(Locale.ROOT, "twin: %s%n", rss(o.pid));
        }
    }

    /** Opens {@code total} connections in waves of {@code wave}, each held silent, then closed. */
    private static int[] waves(InetSocketAddress to, int total, int wave, long holdMillis) throws InterruptedException {
        int opened = 0;
        int kept = 0;
        int refused = 0;
        int busy = 0;
        while (opened < total) {
            List<Socket> held = new ArrayList<>();
            for (int i = 0; i < wave && opened < total; i++, opened++) {
                try {
                    Socket s = new Socket();
                    s.connect(to, 2000);
                    held.add(s);
                } catch (IOException e) {
                    refused++;
                }
            }
            Thread.sleep(holdMillis);
            for (Socket s : held) {
                switch (fate(s)) {
                    case 0 -> kept++;
                    case 1 -> refused++;
                    default -> {
                        refused++;
                        busy++;
                    }
                }
                try {
                    s.close();
                } catch (IOException e) {
                    // closing is all we want
                }
            }
        }
        return new int[] {opened, kept, refused, busy};
    }

    /** 0 still open, 1 closed by the twin, 2 answered 503 and closed. */
    private static int fate(Socket s) {
        try {
            s.setSoTimeout(1);
            InputStream in = s.getInputStream();
            byte[] head = new byte[12];
            int n = in.read(head);
            if (n < 0) {
                return 1;
            }
            return new String(head, 0, n, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 503") ? 2 : 1;
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (IOException e) {
            return 1;
        }
    }

    private interface Exchange {
        void run() throws IOException;
    }

    private static String served(Exchange exchange) {
        try {
            exchange.run();
            return "served";
        } catch (IOException e) {
            return "NOT served (" + e.getMessage() + ")";
        }
    }

    private static void modbusOnce(InetSocketAddress to) throws IOException {
        try (Socket s = connect(to)) {
            s.getOutputStream().write(READ_5000_X50);
            s.getInputStream().readNBytes(READ_5000_X50_REPLY);
        }
    }

    private static void httpOnce(InetSocketAddress to) throws IOException {
        try (Socket s = connect(to)) {
            HttpLoop.exchange(s.getOutputStream(), s.getInputStream());
        }
    }

    // ---- non-reading clients -------------------------------------------------------------------

    private static void nonReading(Options o) throws Exception {
        System.out.printf(Locale.ROOT, "twin before: %s%n", rss(o.pid));
        try (NormalClients normal = NormalClients.start(o)) {
            normal.warmUp();
            normal.phase("quiet", 2000);
            AtomicLong peak = new AtomicLong();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    peak.accumulateAndGet(rssKiB(o.pid), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            long budget = o.megabytes << 20;
            try (SocketChannel modbus = open(o.modbus); SocketChannel http = open(o.http)) {
                long[] taken = flood(new SocketChannel[] {modbus, http}, new byte[][] {READ_5000_X50, GET_STATE},
                        budget, o.seconds * 1000L);
                normal.phase(String.format(Locale.ROOT, "while non-reading clients pipeline (%d s)", o.seconds), 0);
                sampling.set(false);
                sampler.join();
                System.out.printf(Locale.ROOT, "non-reading Modbus TCP client: the twin took %.2f MB of the %d MB "
                        + "it was offered%s%n", taken[0] / 1048576.0, o.megabytes, closed[0] ? ", then closed it" : "");
                System.out.printf(Locale.ROOT, "non-reading HTTP client:       the twin took %.2f MB of the %d MB "
                        + "it was offered%s%n", taken[1] / 1048576.0, o.megabytes, closed[1] ? ", then closed it" : "");
                System.out.printf(Locale.ROOT, "twin during: highest VmRSS %.0f MB%n", peak.get() / 1024.0);
                System.out.printf(Locale.ROOT, "twin after a full GC, the non-reading clients still connected: "
                        + "Java heap in use %s, %s%n", fullGc(o.pid), rss(o.pid));
            }
        }
    }

    /** Which flooding connections the twin closed. */
    private static boolean[] closed;

    private static SocketChannel open(InetSocketAddress to) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.connect(to);
        channel.configureBlocking(false);
        return channel;
    }

    /** Writes copies of each request on its channel until each took {@code budget} bytes or time is up. */
    private static long[] flood(SocketChannel[] channels, byte[][] requests, long budget, long millis)
            throws IOException {
        long[] taken = new long[channels.length];
        closed = new boolean[channels.length];
        ByteBuffer[] copies = new ByteBuffer[channels.length];
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < channels.length; i++) {
                copies[i] = copies(requests[i]);
                channels[i].register(selector, SelectionKey.OP_WRITE, i);
            }
            long deadline = System.nanoTime() + millis * 1_000_000;
            for (long left = millis; left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
                if (selector.select(left) == 0) {
                    continue;
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    int i = (Integer) key.attachment();
                    if (!copies[i].hasRemaining()) {
                        copies[i].rewind();
                    }
                    try {
                        taken[i] += channels[i].write(copies[i]);
                    } catch (IOException e) {
                        closed[i] = true;
                        key.cancel();
                    }
                    if (taken[i] >= budget) {
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
                if (selector.keys().stream().noneMatch(SelectionKey::isValid)) {
                    break;
                }
            }
        }
        return taken;
    }

    private static ByteBuffer copies(byte[] request) {
        int n = Math.max(1, 65536 / request.length);
        ByteBuffer copies = ByteBuffer.allocate(n * request.length);
        for (int i = 0; i < n; i++) {
            copies.put(request);
        }
        return copies.flip();
    }

    /** Runs a full GC in the twin with jcmd; returns the heap in use after it ("45 MB"). */
    private static String fullGc(long pid) throws InterruptedException {
        try {
            jcmd(pid, "GC.run");
            for (String line : jcmd(pid, "GC.heap_info").split("\n")) {
                java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K").matcher(line);
                if (line.contains("heap") && used.find()) {
                    return String.format(Locale.ROOT, "%.0f MB", Long.parseLong(used.group(1)) / 1024.0);
                }
            }
            return "unknown";
        } catch (IOException e) {
            return "unknown (no jcmd)";
        }
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static String rss(long pid) {
        return String.format(Locale.ROOT, "VmRSS %.0f MB", rssKiB(pid) / 1024.0);
    }

    private static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return 0;
    }

    private static Socket connect(InetSocketAddress to) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(to, 2000);
        s.setSoTimeout(5000);
        return s;
    }

    // ---- the normal clients --------------------------------------------------------------------

    /** One Modbus TCP and one HTTP client, each a closed loop on its own thread, recording latencies. */
    private static final class NormalClients implements AutoCloseable {
        private final Loop modbus;
        private final Loop http;

        private NormalClients(Loop modbus, Loop http) {
            this.modbus = modbus;
            this.http = http;
        }

        static NormalClients start(Options o) throws IOException {
            Socket m = connect(o.modbus);
            Socket h = connect(o.http);
            Loop modbus = new Loop("Modbus TCP", () -> {
                m.getOutputStream().write(READ_5000_X50);
                if (m.getInputStream().readNBytes(READ_5000_X50_REPLY).length < READ_5000_X50_REPLY) {
                    throw new IOException("closed");
                }
            });
            Loop http = new Loop("HTTP", () -> HttpLoop.exchange(h.getOutputStream(), h.getInputStream()));
            modbus.start();
            http.start();
            return new NormalClients(modbus, http);
        }

        /** Lets the twin's JIT compiler warm up for 3 s; those latencies are not reported. */
        void warmUp() throws InterruptedException {
            Thread.sleep(3000);
            mark();
        }

        /** Waits {@code millis} (0: none), then prints both clients' latencies since the last mark. */
        void phase(String name, long millis) throws InterruptedException {
            Thread.sleep(millis);
            modbus.print(name);
            http.print(name);
            mark();
        }

        void mark() {
            modbus.mark();
            http.mark();
        }

        @Override
        public void close() throws InterruptedException {
            modbus.stop();
            http.stop();
        }
    }

    private static final class Loop {
        private static final int MAX_SAMPLES = 2_000_000;
        private static final long MAX_MILLIS = 600_000;
        private final String name;
        private final Exchange exchange;
        private final long[] samples = new long[MAX_SAMPLES];
        private final Thread thread;
        private volatile boolean running = true;
        private volatile int count;
        private volatile int from;
        private volatile String failure;

        Loop(String name, Exchange exchange) {
            this.name = name;
            this.exchange = exchange;
            this.thread = new Thread(this::run, name);
        }

        void start() {
            thread.start();
        }

        private void run() {
            long end = System.nanoTime() + MAX_MILLIS * 1_000_000;
            while (running && count < MAX_SAMPLES && System.nanoTime() < end) {
                long t0 = System.nanoTime();
                try {
                    exchange.run();
                } catch (IOException e) {
                    failure = e.toString();
                    return;
                }
                samples[count] = System.nanoTime() - t0;
                count = count + 1;
            }
        }

        void mark() {
            from = count;
        }

        void print(String phase) {
            int to = count;
            long[] part = Arrays.copyOfRange(samples, from, to);
            Arrays.sort(part);
            if (part.length == 0) {
                System.out.printf(Locale.ROOT, "normal %-10s %-45s no replies%s%n", name, phase,
                        failure == null ? "" : " (" + failure + ")");
                return;
            }
            System.out.printf(Locale.ROOT,
                    "normal %-10s %-45s %7d replies, p50 %6.2f ms, p99 %6.2f ms, max %7.2f ms%s%n",
                    name, phase, part.length, ms(part, 0.50), ms(part, 0.99), part[part.length - 1] / 1e6,
                    failure == null ? "" : " then FAILED: " + failure);
        }

        private static double ms(long[] sorted, double q) {
            return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }
    }

    /** One kept-alive GET /api/state: the head up to the blank line, then Content-Length bytes. */
    private static final class HttpLoop {
        static void exchange(OutputStream out, InputStream in) throws IOException {
            out.write(GET_STATE);
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed");
                }
                head.append((char) b);
            }
            if (!head.toString().startsWith("HTTP/1.1 200")) {
                throw new IOException(head.toString().lines().findFirst().orElse("?"));
            }
            int length = 0;
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            if (in.readNBytes(length).length < length) {
                throw new IOException("closed");
            }
        }
    }

    // ---- options -------------------------------------------------------------------------------

    private static final class Options {
        InetSocketAddress modbus;
        InetSocketAddress http;
        long pid;
        int connections = 2000;
        int wave = 500;
        long holdMillis = 300;
        long megabytes = 12;
        long seconds = 10;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i + 1 < args.length; i += 2) {
                String v = args[i + 1];
                switch (args[i]) {
                    case "--modbus" -> o.modbus = address(v);
                    case "--http" -> o.http = address(v);
                    case "--pid" -> o.pid = Long.parseLong(v);
                    case "--connections" -> o.connections = Integer.parseInt(v);
                    case "--wave" -> o.wave = Integer.parseInt(v);
                    case "--hold-ms" -> o.holdMillis = Long.parseLong(v);
                    case "--megabytes" -> o.megabytes = Long.parseLong(v);
                    case "--seconds" -> o.seconds = Long.parseLong(v);
                    default -> usage();
                }
            }
            if (o.modbus == null || o.http == null || o.pid == 0) {
                usage();
            }
            return o;
        }

        private static InetSocketAddress address(String hostPort) {
            int colon = hostPort.lastIndexOf(':');
            String host = hostPort.substring(0, colon);
            if (!host.startsWith("127.") && !host.equals("localhost")) {
                System.err.println("bench: loopback addresses only, got " + hostPort);
                System.exit(2);
            }
            return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
        }
    }
}
