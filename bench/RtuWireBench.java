import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.MalformedPduException;
import org.pro380.protocol.Parity;
import org.pro380.protocol.PduCodec;
import org.pro380.protocol.ReadHoldingRegisters;
import org.pro380.protocol.ReadHoldingRegistersResponse;
import org.pro380.protocol.RtuCodec;
import org.pro380.protocol.UnitPdu;
import org.pro380.protocol.RtuFramer;

/**
 * How long a full read of an RTU bus takes on the twin with wire timing, against the time the
 * same traffic takes on a physical RS485 line. A master on RTU over TCP reads every meter
 * (unit ids 1..M) with the three block reads (0x4000 x34, 0x5000 x50, 0x6000 x88), one request
 * at a time, and times each pass from the first request written to the last reply complete.
 *
 * <p>The physical bus time of a pass is, per request, at the line's baud and parity:
 * <pre>
 * request frame (8 bytes) + 3.5-char gap + turnaround + reply frame (5 + 2 x registers) + 3.5-char gap
 * </pre>
 * (the last gap: the silence a master must leave after a reply before its next request). Two
 * kinds of pass are timed: the master writes its next request as soon as a reply is complete
 * ("at once"), or leaves the 3.5-char silence first as on a real line ("with master gap", the
 * wait a busy-wait on System.nanoTime()). Every reply is checked (unit id, a read response of
 * the size asked); a wrong reply or none within 5 s stops the run with exit code 1. A warm-up
 * pass over the first 3 meters (class loading, first compilation) comes first and is not counted.
 *
 * <pre>
 * java -cp app/target/pro380.jar bench/RtuWireBench.java --port P [--host 127.0.0.1] [--meters 60]
 *     [--baud 9600] [--parity EVEN] [--turnaround-ms 5] [--passes 1]
 * </pre>
 */
public final class RtuWireBench {

    private static final List<ReadHoldingRegisters> READS = List.of(
            new ReadHoldingRegisters(0x4000, 34), new ReadHoldingRegisters(0x5000, 50),
            new ReadHoldingRegisters(0x6000, 88));
    private static final int REQUEST_BYTES = 8;

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 0;
        int meters = 60;
        int baud = 9600;
        Parity parity = Parity.EVEN;
        double turnaroundMs = 5;
        int passes = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--host" -> host = v;
                case "--port" -> port = Integer.parseInt(v);
                case "--meters" -> meters = Integer.parseInt(v);
                case "--baud" -> baud = Integer.parseInt(v);
                case "--parity" -> parity = Parity.valueOf(v);
                case "--turnaround-ms" -> turnaroundMs = Double.parseDouble(v);
                case "--passes" -> passes = Integer.parseInt(v);
                default -> {
                    System.err.println("bench: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        LineSettings line = new LineSettings(baud, parity);
        long turnaround = Math.round(turnaroundMs * 1e6);
        long physical = 0;
        long twinModel = 0;
        for (ReadHoldingRegisters read : READS) {
            long oneRequest = line.frameNanos(REQUEST_BYTES) + line.interFrameGapNanos() + turnaround
                    + line.frameNanos(5 + 2 * read.quantity());
            twinModel += oneRequest;
            physical += oneRequest + line.interFrameGapNanos();
        }
        physical *= meters;
        twinModel *= meters;
        System.out.printf("line %d baud, parity %s (%d bits a character: %.3f ms), 3.5-char gap %.3f ms, turnaround "
                + "%.1f ms; %d meters x %d requests%n", baud, parity, parity.bitsPerCharacter(),
                line.characterNanos() / 1e6, line.interFrameGapNanos() / 1e6, turnaroundMs, meters, READS.size());
        System.out.printf("physical bus time of a full read: %.3f s (without the master's gap after each reply: "
                + "%.3f s)%n%n", physical / 1e9, twinModel / 1e9);
        System.out.println("| pass | master | measured | physical | measured / physical | per request over the "
                + "twin's model: min / median / max |");
        System.out.println("|---:|---|---:|---:|---:|---:|");
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(5_000);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            pass(socket, Math.min(3, meters), line, turnaround, false, new long[3 * READS.size()]); // warm-up
            for (int pass = 1; pass <= 2 * passes; pass++) {
                boolean masterGap = pass % 2 == 0;
                long[] excess = new long[meters * READS.size()];
                long took = pass(socket, meters, line, turnaround, masterGap, excess);
                java.util.Arrays.sort(excess);
                System.out.printf("| %d | %s | %.3f s | %.3f s | %.4f | %+.2f / %+.2f / %+.2f ms |%n", (pass + 1) / 2,
                        masterGap ? "with master gap" : "at once", took / 1e9, physical / 1e9,
                        (double) took / physical, excess[0] / 1e6, excess[excess.length / 2] / 1e6,
                        excess[excess.length - 1] / 1e6);
            }
        }
    }

    /**
     * One full read; returns its time. {@code excess}: for each request, the time from its write to its
     * reply minus the twin's model of it (request + 3.5-char gap + turnaround + reply).
     */
    private static long pass(Socket socket, int meters, LineSettings line, long turnaround, boolean masterGap,
            long[] excess) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        RtuFramer framer = new RtuFramer(RtuFramer.Side.RESPONSES);
        byte[] buffer = new byte[RtuCodec.MAX_ADU];
        long start = System.nanoTime();
        long previousEnd = start;
        int i = 0;
        for (int unit = 1; unit <= meters; unit++) {
            for (ReadHoldingRegisters read : READS) {
                if (masterGap) {
                    long until = previousEnd + line.interFrameGapNanos();
                    while (System.nanoTime() - until < 0) {
                        Thread.onSpinWait();
                    }
                }
                long sent = System.nanoTime();
                out.write(RtuCodec.encode(unit, PduCodec.encode(read)));
                UnitPdu reply = receive(in, framer, buffer);
                previousEnd = System.nanoTime();
                check(reply, unit, read);
                long model = line.frameNanos(REQUEST_BYTES) + line.interFrameGapNanos() + turnaround
                        + line.frameNanos(5 + 2 * read.quantity());
                excess[i++] = previousEnd - sent - model;
            }
        }
        if (masterGap) {
            long until = previousEnd + line.interFrameGapNanos(); // the pass ends with the gap it counts
            while (System.nanoTime() - until < 0) {
                Thread.onSpinWait();
            }
        }
        return (masterGap ? System.nanoTime() : previousEnd) - start;
    }

    private static UnitPdu receive(InputStream in, RtuFramer framer, byte[] buffer) throws IOException {
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("connection closed by the twin");
            }
            List<UnitPdu> frames = framer.feed(buffer, 0, n);
            if (frames.size() > 1 || (frames.size() == 1 && framer.buffered() > 0)) {
                fail("more bytes than one reply to one request");
            }
            if (frames.size() == 1) {
                return frames.get(0);
            }
        }
    }

    private static void check(UnitPdu reply, int unit, ReadHoldingRegisters read) {
        if (reply.unitId() != unit) {
            fail("reply from unit " + reply.unitId() + " to a request to " + unit);
        }
        try {
            if (!(PduCodec.decodeResponse(reply.pdu()) instanceof ReadHoldingRegistersResponse r)
                    || r.values().length != read.quantity()) {
                fail("unit " + unit + ": not a read of " + read.quantity() + " registers: " + reply);
            }
        } catch (MalformedPduException e) {
            fail("unit " + unit + ": " + e.getMessage());
        }
    }

    private static void fail(String why) {
        System.err.println("bench: wrong reply: " + why);
        System.exit(1);
    }
}
