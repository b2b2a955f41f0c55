import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pro380.meter.Load;
import org.pro380.meter.Meter;
import org.pro380.meter.MeterServer;
import org.pro380.meter.StoredState;
import org.pro380.protocol.MbapCodec;
import org.pro380.protocol.MbapFrame;
import org.pro380.protocol.MbapFramer;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;
import org.pro380.twin.bus.Bus;
import org.pro380.twin.bus.Gateway;
import org.pro380.twin.capture.Direction;
import org.pro380.twin.capture.Link;
import org.pro380.twin.capture.Recorder;
import org.pro380.twin.capture.Tap;
import org.pro380.twin.traffic.SiteTraffic;
import org.pro380.twin.traffic.TrafficLog;
import org.pro380.twin.traffic.TransportKind;

/**
 * CPU and bytes allocated per request on the twin's own part of a Modbus TCP request, without
 * sockets or Netty, in one thread (bench/request-path.sh measures the whole path): the MBAP
 * framer, the traffic log's tap (the first 16 meters keep their frames, as on a site), the gateway
 * and bus, the meter's registers into the reply, the reply's frame. The meter's three blocks in
 * turn, unit ids 1..METERS in turn; 8 rounds of 400,000 requests, the last 5 printed. Compare two
 * builds by giving each one's jar:
 *
 * <pre>
 * java -XX:+UseSerialGC -cp app/target/pro380.jar bench/GatewayPathBench.java 247
 * </pre>
 */
public class GatewayPathBench {

    private static final int[][] BLOCKS = {{0x4000, 34}, {0x5000, 50}, {0x6000, 88}};
    private static final int KEEPING = 16;
    private static final int REQUESTS = 400_000;

    public static void main(String[] args) throws Exception {
        int meters = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        List<MeterServer> servers = new ArrayList<>();
        Map<MeterServer, TrafficLog> logs = new IdentityHashMap<>();
        for (int k = 1; k <= meters; k++) {
            Meter meter = new Meter(Clock.systemUTC(), Identity.typical().withSerialNumber(22_000_000 + k), Load.household());
            meter.powerOn(StoredState.factoryNew(Settings.factory().withUnitId(k)), Optional.empty());
            MeterServer server = new MeterServer(meter);
            servers.add(server);
            logs.put(server, k <= KEEPING ? new TrafficLog() : null);
        }
        Bus bus = new Bus(servers, false);
        Gateway gateway = new Gateway(bus, Duration.ZERO);
        Tap tap = new SiteTraffic(logs::get, Clock.systemUTC())
                .recorder(bus, TransportKind.TCP, Recorder.OFF)
                .tap(new Link.Tcp(new InetSocketAddress("127.0.0.1", 40000), new InetSocketAddress("127.0.0.1", 5020)));
        byte[][] requests = new byte[3 * meters][];
        for (int n = 0; n < requests.length; n++) {
            int[] block = BLOCKS[n % 3];
            byte[] pdu = {3, (byte) (block[0] >> 8), (byte) block[0], 0, (byte) block[1]};
            requests[n] = MbapCodec.encode(new MbapFrame(n & 0xFFFF, (n / 3) % meters + 1, pdu));
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        MbapFramer framer = new MbapFramer();
        long replyBytes = 0;
        for (int round = 0; round < 8; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long allocated = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < REQUESTS; i++) {
                byte[] in = requests[i % requests.length];
                for (MbapFrame request : framer.feed(in, 0, in.length)) {
                    tap.record(Direction.IN, MbapCodec.encode(request));
                    Gateway.Reply reply = gateway.handle(request.unitId(), request.pdu()).orElseThrow();
                    byte[] out = MbapCodec.encode(request.transactionId(), reply.reply());
                    tap.record(Direction.OUT, out);
                    replyBytes += out.length;
                }
            }
            if (round >= 3) {
                System.out.printf(
                        "%d meter(s): %.2f µs CPU and %d bytes per request%n",
                        meters,
                        (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / REQUESTS,
                        (threads.getThreadAllocatedBytes(id) - allocated) / REQUESTS);
            }
        }
        System.out.printf("(%d reply bytes)%n", replyBytes);
    }
}
