package org.pro380.app.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pro380.app.UserError;
import org.pro380.bridge.Report;
import org.pro380.bridge.SqliteStore;
import org.pro380.client.format.Csv;
import org.pro380.registers.Meaning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pro380 report}: energy per meter, tariff and direction from the bridge's database. */
@Command(name = "report", header = "Energy per meter, tariff and direction from the bridge's database.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Energy over a period from the differences of the meters' counters (never",
            "sums of powers): import and export, active and reactive, all tariffs and",
            "each tariff. Periods that start before a meter's first reading are marked",
            "partial; gap rows (the meter was silent) inside a period are counted."})
public final class ReportCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "FILE", description = "the bridge's database (default: the bridge's default)")
    Path db;

    @Option(names = "--from", paramLabel = "TIME", required = true,
            description = "start: 2026-01-01 (midnight, local time), 2026-01-01T06:00 (local) or 2026-01-01T05:00:00Z")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "end, as --from (default: now)")
    String to;

    @Option(names = "--by", paramLabel = "PERIOD", description = "day or month: one result per calendar day or month (local time)")
    String by;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, csv or json (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "also draw the imported energy per period and tariff into a PNG")
    Path plot;

    @Override
    public Integer call() {
        ZoneId zone = ZoneId.systemDefault();
        Instant start = time("--from", from, zone);
        Instant end = to == null ? Instant.now() : time("--to", to, zone);
        if (!end.isAfter(start)) {
            throw new UserError("--to must be after --from", 2);
        }
        Report.By cut = by();
        String chosen = format.toLowerCase(Locale.ROOT);
        if (!List.of("table", "csv", "json").contains(chosen)) {
            throw new UserError("format must be table, csv or json, got '" + format + "'", 2);
        }
        if (plot != null && !plot.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new UserError("--plot writes a PNG: give a file name ending in .png, got '" + plot + "'", 2);
        }
        Path file = db != null ? db : SqliteStore.defaultFile();
        if (!java.nio.file.Files.exists(file)) {
            throw new UserError(file + ": no such file", 2);
        }
        List<Report.Row> rows;
        try {
            rows = Report.of(file, start, end, cut, zone);
        } catch (SQLException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), 1);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(switch (chosen) {
            case "csv" -> csv(rows);
            case "json" -> json(rows);
            default -> table(rows);
        });
        out.flush();
        if (plot != null) {
            try {
                ReportPlot.write(rows, zone, plot);
            } catch (java.io.IOException e) {
                throw new UserError("cannot write " + plot + ": " + e.getMessage(), 1);
            }
        }
        return 0;
    }

    private Report.By by() {
        if (by == null) {
            return Report.By.ALL;
        }
        return switch (by.toLowerCase(Locale.ROOT)) {
            case "day" -> Report.By.DAY;
            case "month" -> Report.By.MONTH;
            default -> throw new UserError("--by must be day or month, got '" + by + "'", 2);
        };
    }

    static Instant time(String option, String text, ZoneId zone) {
        try {
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(text).toInstant();
            }
            if (text.contains("T")) {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            }
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new UserError(option + " must be a date like 2026-01-01, 2026-01-01T06:00 or 2026-01-01T05:00:00Z, got '"
                    + text + "'", 2);
        }
    }

    static String meterName(Report.Meter m) {
        return m.name().isEmpty() ? m.line() + " unit " + m.unitId() : m.name();
    }

    private static String kind(Report.Row r) {
        return r.meaning().kind().name().toLowerCase(Locale.ROOT);
    }

    private static String tariff(Report.Row r) {
        return r.meaning().scope() == Meaning.EnergyScope.ALL ? "all" : r.meaning().scope().name();
    }

    private static String direction(Report.Row r) {
        return r.meaning().flow() == Meaning.Flow.FORWARD ? "import" : "export";
    }

    private static String energy(Report.Row r) {
        return r.energy().map(e -> String.format(Locale.ROOT, "%.3f", e)).orElse("");
    }

    private static String table(List<Report.Row> rows) {
        StringBuilder s = new StringBuilder(String.format("%-20s %-20s %-20s %-9s %-8s %-5s %-6s %14s %-6s %s%n",
                "from", "to", "meter", "serial", "kind", "tariff", "dir", "energy", "unit", "gaps"));
        for (Report.Row r : rows) {
            s.append(String.format(Locale.ROOT, "%-20s %-20s %-20s %-9s %-8s %-5s %-6s %14s %-6s %s%n", r.from(), r.to(),
                    meterName(r.meter()), r.meter().serial() == null ? "" : r.meter().serial(), kind(r), tariff(r), direction(r),
                    r.energy().isPresent() ? energy(r) : "no reading", r.counter().unit().symbol(),
                    r.gaps() + (r.partial() ? " partial" : "")));
        }
        return s.toString();
    }

    static final String CSV_HEADER = "from,to,line,unit_id,name,serial,kind,tariff,direction,energy,unit,gaps,partial";

    private static String csv(List<Report.Row> rows) {
        StringBuilder s = new StringBuilder(CSV_HEADER).append('\n');
        for (Report.Row r : rows) {
            s.append(String.join(",", r.from().toString(), r.to().toString(), Csv.quote(r.meter().line()),
                    String.valueOf(r.meter().unitId()), Csv.quote(r.meter().name()), String.valueOf(r.meter().serial()), kind(r),
                    tariff(r), direction(r), r.energy().map(e -> java.math.BigDecimal.valueOf(e).toPlainString()).orElse(""),
                    r.counter().unit().symbol(), String.valueOf(r.gaps()), String.valueOf(r.partial()))).append('\n');
        }
        return s.toString();
    }

    private static String json(List<Report.Row> rows) {
        ArrayNode array = JSON.createArrayNode();
        for (Report.Row r : rows) {
            ObjectNode o = array.addObject();
            o.put("from", r.from().toString());
            o.put("to", r.to().toString());
            o.put("line", r.meter().line());
            o.put("unitId", r.meter().unitId());
            o.put("name", r.meter().name());
            o.put("serial", r.meter().serial());
            o.put("kind", kind(r));
            o.put("tariff", tariff(r));
            o.put("direction", direction(r));
            if (r.energy().isPresent()) {
                o.put("energy", r.energy().get());
            } else {
                o.putNull("energy");
            }
            o.put("unit", r.counter().unit().symbol());
            o.put("gaps", r.gaps());
            o.put("partial", r.partial());
        }
        return array.toPrettyString() + "\n";
    }
}
