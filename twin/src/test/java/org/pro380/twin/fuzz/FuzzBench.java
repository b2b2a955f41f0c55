package org.pro380.twin.fuzz;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.pro380.client.HostPort;
import org.pro380.meter.Load;
import org.pro380.meter.MeterServer;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.bus.Bus;

/**
 * The long fuzz run behind the figures of docs/reliability.md (run it with bench/fuzz.sh): the
 * in-process fuzz of {@link ProtocolFuzzTest} for as many frames as asked, then the same kind of
 * frames over the real transports of a twin started in this JVM on loopback (Modbus TCP and RTU
 * over TCP), one connection per frame. Prints frames, crashes and wrong replies per transport;
 * exit code 1 if there was any crash or wrong reply.
 *
 * <pre>
 * FuzzBench [--frames N] [--transport-frames N] [--seed S] [--tcp-port 16380] [--rtu-port 16381]
 *           [--self-check]
 * </pre>
 * {@code --self-check} starts the twin with strict broadcast (reads to unit 0 unanswered), which
 * the spec's default does not allow: the run must then report wrong replies, showing that the
 * checks over the transports can fail.
 */
public final class FuzzBench {

    private FuzzBench() {}

    public static void main(String[] args) throws Exception {
        long frames = 1_000_000;
        long transportFrames = -1;
        long seed = 380;
        int tcpPort = 16380;
        int rtuPort = 16381;
        boolean selfCheck = false;
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--self-check")) {
                selfCheck = true;
                i--;
                continue;
            }
            if (i + 1 >= args.length) {
                usage(args[i] + " takes a value");
            }
            switch (args[i]) {
                case "--frames" -> frames = Long.parseLong(args[i + 1].replace("_", ""));
                case "--transport-frames" -> transportFrames = Long.parseLong(args[i + 1].replace("_", ""));
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--tcp-port" -> tcpPort = Integer.parseInt(args[i + 1]);
                case "--rtu-port" -> rtuPort = Integer.parseInt(args[i + 1]);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (transportFrames < 0) {
            transportFrames = frames;
        }
        System.out.printf(
                "seed %d; %d cores; %s%n",
                seed,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        boolean clean = inProcess(seed, frames) & overTransports(seed, transportFrames, tcpPort, rtuPort, selfCheck);
        System.exit(clean ? 0 : 1);
    }

    private static boolean inProcess(long seed, long frames) {
        var meter = FuzzMeter.standingStill();
        InProcessFuzz fuzz = new InProcessFuzz(
                seed,
                meter,
                (unit, pdu) ->
                        Bus.of(new MeterServer(meter), false).handle(unit, pdu).answer());
        long start = System.nanoTime();
        fuzz.run(frames);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return report("in process, RTU framing", fuzz.rtu(), took)
                & report("in process, MBAP framing", fuzz.mbap(), took);
    }

    private static boolean overTransports(long seed, long frames, int tcpPort, int rtuPort, boolean strictBroadcast)
            throws Exception {
        if (frames == 0) {
            return true;
        }
        Path state = Files.createTempDirectory("pro380-fuzz");
        TwinConfig config = TwinConfig.builder(state)
                .tcp(HostPort.loopback(tcpPort))
                .rtuTcp(HostPort.loopback(rtuPort))
                .http(null)
                .saveInterval(Duration.ofHours(1))
                .initialLoad(Load.idle(230, 50))
                .strictBroadcast(strictBroadcast)
                .build();
        try (Twin twin = Twin.start(config)) {
            InetSocketAddress tcp = twin.tcpAddress().orElseThrow();
            InetSocketAddress rtu = twin.rtuTcpAddress().orElseThrow();
            boolean clean = true;

            Tally tally = new Tally();
            long start = System.nanoTime();
            new TransportFuzz(seed, twin.meter(1).meter()).modbusTcp(tcp, frames, tally);
            clean &= report("Modbus TCP on " + tcp, tally, Duration.ofNanos(System.nanoTime() - start));

            tally = new Tally();
            start = System.nanoTime();
            new TransportFuzz(seed, twin.meter(1).meter()).rtuOverTcp(rtu, frames, tally);
            clean &= report("RTU over TCP on " + rtu, tally, Duration.ofNanos(System.nanoTime() - start));
            return clean;
        } finally {
            try (Stream<Path> files = Files.walk(state)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temp directory is not worth failing the run over
            }
        }
    }

    private static boolean report(String transport, Tally tally, Duration took) {
        System.out.printf(
                "%-32s %,12d frames  %d crashes  %d wrong replies  (%,d requests delivered; %d s)%n",
                transport, tally.frames, tally.crashes, tally.wrong, tally.requests, took.toSeconds());
        System.out.printf("%-32s outcomes %s%n", "", tally.outcomes());
        tally.failures().forEach(f -> System.out.println("  " + f));
        return tally.crashes == 0 && tally.wrong == 0;
    }

    private static void usage(String why) {
        System.err.println("fuzz: " + why + "\nusage: FuzzBench [--frames N] [--transport-frames N] [--seed S]"
                + " [--tcp-port P] [--rtu-port P] [--self-check]");
        System.exit(2);
    }
}
