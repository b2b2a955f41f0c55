import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.pro380.meter.EnergyCounters;
import org.pro380.registers.Settings;
import org.pro380.meter.StorageCheck;
import org.pro380.meter.StoredState;
import org.pro380.twin.nv.MeterSave;
import org.pro380.twin.nv.NvFileStore;
import org.pro380.twin.nv.SaveResult;

/**
 * The cost of a site's memory: one save round (every meter a new state; main then backup, each
 * written to a temp file, forced, renamed, directory forced) and one power-on check (both files
 * read, every meter decoded and checked), for sites of several sizes, in a state directory on
 * this machine's disk. Each size gets a fresh directory, a few warm-up rounds, then ROUNDS timed
 * saves and ROUNDS timed checks; medians and maxima are printed as a Markdown table.
 *
 * Run with bench/site-store.sh (a single-file Java program on the built application jar).
 */
public final class SiteStoreBench {

    private static final int RECORD = 323;
    private static final int WARMUP = 3;

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int[] sizes = args.length > 2 ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1_000, 10_000, 100_000};
        System.out.printf("site memory, state directories under %s, %d timed rounds each (after %d warm-up)%n%n",
                base, rounds, WARMUP);
        System.out.println("| meters | bytes per file | save round (median) | save round (max) | check (median) | check (max) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (int meters : sizes) {
            Path dir = Files.createTempDirectory(base, "pro380-site-bench");
            try {
                row(dir, meters, rounds);
            } finally {
                delete(dir);
            }
        }
    }

    private static void row(Path dir, int meters, int rounds) throws Exception {
        List<StoredState> states = new ArrayList<>(meters);
        for (int k = 1; k <= meters; k++) {
            long[] milli = new long[36];
            Arrays.fill(milli, 1_000L * k);
            states.add(new StoredState(EnergyCounters.of(milli), Settings.factory(), k % 60_000));
        }
        List<Settings> factory = Collections.nCopies(meters, Settings.factory());
        long[] save = new long[rounds];
        long[] check = new long[rounds];
        try (NvFileStore store = NvFileStore.open(dir)) {
            long sequence = 1;
            for (int i = 0; i < WARMUP + rounds; i++) {
                List<MeterSave> round = new ArrayList<>(meters);
                for (StoredState state : states) {
                    round.add(MeterSave.of(sequence, state));
                }
                long next = ++sequence;
                long start = System.nanoTime();
                SaveResult result = store.save(round);
                long took = System.nanoTime() - start;
                if (!result.complete()) {
                    throw new IllegalStateException("save failed: " + result.failure().orElseThrow());
                }
                start = System.nanoTime();
                List<StorageCheck> checks = store.check(factory);
                long checkTook = System.nanoTime() - start;
                if (checks.stream().anyMatch(c -> c.error().isPresent() || c.nextSequence() != next)) {
                    throw new IllegalStateException("check failed: " + store.describeLastCheck());
                }
                if (i >= WARMUP) {
                    save[i - WARMUP] = took;
                    check[i - WARMUP] = checkTook;
                }
            }
        }
        System.out.printf("| %,d | %,d | %s | %s | %s | %s |%n", meters, (long) meters * RECORD, ms(median(save)),
                ms(max(save)), ms(median(check)), ms(max(check)));
    }

    private static long median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long max(long[] nanos) {
        return Arrays.stream(nanos).max().orElseThrow();
    }

    private static String ms(long nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
