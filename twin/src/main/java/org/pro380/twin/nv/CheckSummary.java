package org.pro380.twin.nv;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pro380.meter.NvCopy;
import org.pro380.meter.StorageCheck;

/**
 * What a check of the site found, in one log line: for one meter each copy, where it goes on
 * from and its error; for many, how many meters are intact, new, with an error or unreadable,
 * and the first few with an error in the words of one meter.
 */
final class CheckSummary {

    /** Meters with an error described one by one; the rest are counted. */
    static final int DETAILED = 3;

    private final CopyFile main;
    private final CopyFile backup;
    private final List<String> errors = new ArrayList<>(DETAILED);
    private String single;
    private int meters;
    private int intact;
    private int fresh;
    private int withError;
    private int unreadable;

    CheckSummary(CopyFile main, CopyFile backup) {
        this.main = main;
        this.backup = backup;
    }

    void add(int meter, NvCopy mainCopy, NvCopy backupCopy, StorageCheck check) {
        meters++;
        if (meter == 1) {
            single = describe(mainCopy, backupCopy, check);
        }
        if (check.readFailure().isPresent()) {
            unreadable++;
        } else if (check.error().isPresent()) {
            withError++;
            if (errors.size() < DETAILED) {
                errors.add("[meter " + meter + ": " + describe(mainCopy, backupCopy, check) + "]");
            }
        } else if (mainCopy instanceof NvCopy.Missing && backupCopy instanceof NvCopy.Missing) {
            fresh++;
        } else {
            intact++;
        }
    }

    @Override
    public String toString() {
        String text = meters == 1 ? single : site();
        return text + kept(meters);
    }

    private String site() {
        StringBuilder text = new StringBuilder(meters + " meters: ");
        text.append(Stream.of(
                        count(intact, "intact"),
                        count(fresh, "new"),
                        count(withError, "with an error"),
                        count(unreadable, "cannot be read"))
                .flatMap(Optional::stream)
                .collect(Collectors.joining(", ")));
        if (unreadable > 0) {
            text.append(" (")
                    .append(Stream.of(main, backup)
                            .flatMap(c -> c.unreadable().map(why -> c.name() + ": " + why).stream())
                            .collect(Collectors.joining("; ")))
                    .append(')');
        }
        if (withError > 0) {
            text.append("; with an error: ").append(String.join(" ", errors));
            if (withError > errors.size()) {
                text.append(" and ").append(withError - errors.size()).append(" more");
            }
        }
        return text.toString();
    }

    private static Optional<String> count(int n, String what) {
        return n == 0 ? Optional.empty() : Optional.of(n + " " + what);
    }

    /** Records past the site's last meter: kept, and said so, since nothing here reads them. */
    private String kept(int siteMeters) {
        String text = Stream.of(main, backup)
                .filter(c -> c.records() > siteMeters)
                .map(c -> (c.records() - siteMeters) + " in " + c.name())
                .collect(Collectors.joining(", "));
        return text.isEmpty() ? "" : "; records past meter " + siteMeters + " kept as they are: " + text;
    }

    private String describe(NvCopy mainCopy, NvCopy backupCopy, StorageCheck check) {
        String from = source(main.name(), mainCopy, check);
        if (from == null) {
            from = source(backup.name(), backupCopy, check);
        }
        return main.name() + ": " + describe(mainCopy) + "; " + backup.name() + ": " + describe(backupCopy)
                + "; going on from " + (from == null ? "factory state" : from) + ": "
                + check.error().map(e -> e.lcdText() + " (" + e.meaning() + ")").orElse("no error");
    }

    private static String source(String name, NvCopy copy, StorageCheck check) {
        return copy instanceof NvCopy.Intact i
                        && i.sequence() + 1 == check.nextSequence()
                        && i.state().equals(check.state())
                ? name
                : null;
    }

    private static String describe(NvCopy copy) {
        if (copy instanceof NvCopy.Intact i) {
            return "intact, sequence " + i.sequence() + ", " + kWh(i.totalActiveMilli());
        }
        if (copy instanceof NvCopy.Unreadable u) {
            return "cannot be read (" + u.why() + ")";
        }
        if (copy instanceof NvCopy.Damaged d) {
            return "damaged (" + d.why() + ")"
                    + (d.totalActiveMilli().isPresent()
                            ? ", " + kWh(d.totalActiveMilli().getAsLong())
                            : "");
        }
        return "missing";
    }

    private static String kWh(long milliWattHours) {
        return BigDecimal.valueOf(milliWattHours, 6).toPlainString() + " kWh";
    }
}
