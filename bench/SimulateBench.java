import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.pro380.app.Main;
import org.pro380.simulate.Row;
import org.pro380.simulate.RowSink;
import org.pro380.simulate.Simulation;
import org.pro380.simulate.TariffSchedule;
import org.pro380.profile.Profiles;

/**
 * pro380 simulate's cost: (1) one meter, one year of 1-second steps (31,536,000 readings of the
 * counters), rows counted and dropped, for the model's own cost; (2) one meter, a year of the
 * interpolated pv profile at 15-minute steps; (3) 1,000 meters, a year at 15-minute steps
 * (35,040,000 rows) into SQLite through the real command. CPU is the process's CPU time, and for
 * the lone meter also its thread's (the process's counts the JIT compiling this very file too).
 *
 * Run with bench/simulate.sh (a single-file Java program on the built application jar; no Maven).
 */
public final class SimulateBench {

    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final TariffSchedule TARIFFS = TariffSchedule.parse("T2=Mon-Fri 22:00-06:00");

    /** Counts the rows and keeps one number of each, so that nothing can be optimised away. */
    static final class Counting implements RowSink {
        long rows;
        long last;

        @Override
        public void accept(Row row) {
            rows++;
            last = row.counters().active(0);
        }

        @Override
        public void finish() {
        }

        @Override
        public void close() {
        }
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** CPU of this thread alone: a lone meter runs on it, while the process's also counts the JIT and the GC. */
    private static double threadCpuSeconds() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
    }

    private static void inMemory(String what, String profile, Duration step) throws Exception {
        Simulation s = new Simulation(Profiles.resolve(profile), 1, FROM, Duration.ofDays(365), step, TARIFFS, 380);
        Counting sink = new Counting();
        double cpu = cpuSeconds();
        double thread = threadCpuSeconds();
        long wall = System.nanoTime();
        s.run(sink);
        System.out.printf("%-52s %,12d rows  %6.2f s CPU (%4.2f s this thread)  %6.2f s wall  load average %s%n", what,
                sink.rows, cpuSeconds() - cpu, threadCpuSeconds() - thread, (System.nanoTime() - wall) / 1e9, loadAverage());
    }

    /**
     * Notes when the second part's file last grew: the parts are written by then, and what is left
     * of the run is the join (approximate to the polling's tenth of a second).
     */
    static final class PartWatch extends Thread {
        private final Path part;
        volatile long lastGrowth = System.nanoTime();

        PartWatch(Path part) {
            this.part = part;
            setDaemon(true);
        }

        @Override
        public void run() {
            long size = -1;
            try {
                while (!isInterrupted()) {
                    long now = Files.exists(part) ? Files.size(part) : -1;
                    if (now > size) {
                        size = now;
                        lastGrowth = System.nanoTime();
                    }
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                // the part is gone (joined) or the run is over
            }
        }
    }

    /** The 1-, 5- and 15-minute load averages: how busy the machine was with others' work too. */
    private static String loadAverage() throws Exception {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    public static void main(String[] args) throws Exception {
        int fleet = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        System.out.println("JVM warm-up: one meter, 90 days at 1 s");
        new Simulation(Profiles.resolve("household"), 1, FROM, Duration.ofDays(90), Duration.ofSeconds(1), TARIFFS, 380)
                .run(new Counting());
        for (int run = 0; run < 3; run++) {
            inMemory("1 meter, household, 365 days at 1 s (rows dropped)", "household", Duration.ofSeconds(1));
        }
        inMemory("1 meter, pv (interpolated), 365 days at 15 min", "pv", Duration.ofMinutes(15));
        if (fleet == 0) {
            return;
        }
        Path dir = Files.createTempDirectory("pro380-simulate");
        Path db = dir.resolve("fleet.sqlite");
        PartWatch watch = new PartWatch(dir.resolve("fleet.sqlite.part1"));
        watch.start();
        double cpu = cpuSeconds();
        long wall = System.nanoTime();
        int code = Main.run("simulate", "--profile", "household", "--meters", String.valueOf(fleet), "--days", "365",
                "--step", "15m", "--tariff-schedule", "T2=Mon-Fri 22:00-06:00", "--out", db.toString());
        long end = System.nanoTime();
        watch.interrupt();
        System.out.printf("%-52s %,12d rows  %6.2f s CPU  %6.2f s wall (after the second part ~%.1f s: the join)  %,d MB (exit %d)  load average %s%n",
                fleet + " meters, household, 365 days at 15 min -> SQLite", fleet * 35_040L, cpuSeconds() - cpu,
                (end - wall) / 1e9, (end - watch.lastGrowth) / 1e9, Files.size(db) >> 20, code, loadAverage());
        Files.delete(db);
        Files.delete(dir);
    }
}
