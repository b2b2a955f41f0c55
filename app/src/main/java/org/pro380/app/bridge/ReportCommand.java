package org.pro380.app.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.pro380.app.UserError;
import org.pro380.app.chart.Charts;
import org.pro380.bridge.Report;
import org.pro380.bridge.SqliteStore;
import org.pro380.client.format.Csv;
import org.pro380.registers.Meaning;
import org.pro380.registers.Register;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pro380 report}: energy per meter, tariff and direction from the bridge's database or simulate's. */
@Command(
        name = "report",
        header = "Energy per meter, tariff and direction, from the bridge's or simulate's file.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Energy over a period from the differences of the meters' counters (never",
            "sums of powers): import and export, tariffs T1, T2, T3 and the total; with",
            "--all reactive energy too and tariffs that counted nothing. Periods that",
            "start before a meter's first reading are marked partial; gap rows (the",
            "meter was silent) inside a period are counted."
        })
public final class ReportCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(
            names = "--db",
            paramLabel = "FILE",
            description = "the bridge's database or a simulate --out FILE.sqlite (default: the bridge's default)")
    Path db;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            required = true,
            description = "start: 2026-01-01 (midnight, local time), 2026-01-01T06:00 (local) or 2026-01-01T05:00:00Z")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "end, as --from (default: now)")
    String to;

    @Option(
            names = "--by",
            paramLabel = "PERIOD",
            description = "day or month: one result per calendar day or month (local time)")
    String by;

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table, csv or json (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--all", description = "every split: reactive energy too, and tariffs that counted nothing")
    boolean all;

    @Option(
            names = "--plot",
            paramLabel = "FILE.png|FILE.svg",
            description = "also draw the imported energy per period and tariff, a panel per meter")
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
        if (plot != null && !Charts.isPlotFile(plot)) {
            throw new UserError(
                    "--plot writes a PNG or an SVG: give a file name ending in .png or .svg, got '" + plot + "'", 2);
        }
        Path file = db != null ? db : SqliteStore.defaultFile();
        if (!Files.exists(file)) {
            throw new UserError(file + ": no such file", 2);
        }
        List<Report.Row> rows;
        try {
            rows = Report.of(file, start, end, cut, zone);
        } catch (SQLException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), 1);
        }
        List<Report.Row> shown =
                all ? rows : rows.stream().filter(ReportCommand::shownByDefault).toList();
        PrintWriter out = spec.commandLine().getOut();
        out.print(
                switch (chosen) {
                    case "csv" -> csv(shown);
                    case "json" -> json(shown);
                    default -> table(shown);
                });
        out.flush();
        if (plot != null) {
            try {
                ReportPlot.write(rows, plot);
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
                return OffsetDateTime.parse(text).toInstant();
            }
            if (text.contains("T")) {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            }
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new UserError(
                    option + " must be a date like 2026-01-01, 2026-01-01T06:00 or 2026-01-01T05:00:00Z, got '" + text
                            + "'",
                    2);
        }
    }

    static String meterName(Report.Meter m) {
        return m.name().isEmpty() ? m.line() + " unit " + m.unitId() : m.name();
    }

    private static String kind(Report.Row r) {
        return r.meaning().kind().name().toLowerCase(Locale.ROOT);
    }

    private static String tariff(Report.Row r) {
        return r.meaning().scope() == Meaning.EnergyScope.ALL
                ? "all"
                : r.meaning().scope().name();
    }

    private static String direction(Report.Row r) {
        return r.meaning().flow() == Meaning.Flow.FORWARD ? "import" : "export";
    }

    private static String energy(Report.Row r) {
        return r.energy().map(e -> String.format(Locale.ROOT, "%.3f", e)).orElse("");
    }

    /** Without --all: active energy, each tariff that counted something in the period, and the total. */
    static boolean shownByDefault(Report.Row r) {
        return r.meaning().kind() == Meaning.EnergyKind.ACTIVE
                && (r.meaning().scope() == Meaning.EnergyScope.ALL
                        || r.energy().filter(e -> e != 0).isPresent());
    }

    private static String table(List<Report.Row> rows) {
        TextTable t = new TextTable(
                List.of("from", "to", "meter", "serial", "kind", "dir", "tariff", "energy", "unit", "gaps", ""),
                Set.of("energy", "gaps"));
        for (Report.Row r : rows) {
            t.add(
                    r.from().toString(),
                    r.to().toString(),
                    meterName(r.meter()),
                    r.meter().serial() == null ? "" : r.meter().serial(),
                    kind(r),
                    direction(r),
                    tableTariff(r),
                    r.energy().isPresent() ? energy(r) : "no reading",
                    r.counter().unit().symbol(),
                    String.valueOf(r.gaps()),
                    r.partial() ? "partial" : "");
        }
        if (rows.stream().map(r -> List.of(r.from(), r.meter())).distinct().count() > 1) {
            t.rule();
            totals(rows, t);
        }
        return t.toString();
    }

    /** A line per counter shown: its energy summed over every meter and period that has one. */
    private static void totals(List<Report.Row> rows, TextTable t) {
        Instant from = rows.get(0).from();
        Instant to = rows.get(rows.size() - 1).to();
        for (Register<?> counter : Report.COUNTERS) {
            List<Report.Row> of =
                    rows.stream().filter(r -> r.counter() == counter).toList();
            if (of.isEmpty()) {
                continue;
            }
            Report.Row first = of.get(0);
            double sum = of.stream().mapToDouble(r -> r.energy().orElse(0.0)).sum();
            t.add(
                    from.toString(),
                    to.toString(),
                    "total",
                    "",
                    kind(first),
                    direction(first),
                    tableTariff(first),
                    String.format(Locale.ROOT, "%.3f", sum),
                    counter.unit().symbol(),
                    String.valueOf(of.stream().mapToInt(Report.Row::gaps).sum()),
                    "");
        }
    }

    private static String tableTariff(Report.Row r) {
        return r.meaning().scope() == Meaning.EnergyScope.ALL
                ? "total"
                : r.meaning().scope().name();
    }

    static final String CSV_HEADER = "from,to,line,unit_id,name,serial,kind,tariff,direction,energy,unit,gaps,partial";

    private static String csv(List<Report.Row> rows) {
        StringBuilder s = new StringBuilder(CSV_HEADER).append('\n');
        for (Report.Row r : rows) {
            s.append(String.join(
                            ",",
                            r.from().toString(),
                            r.to().toString(),
                            Csv.quote(r.meter().line()),
                            String.valueOf(r.meter().unitId()),
                            Csv.quote(r.meter().name()),
                            String.valueOf(r.meter().serial()),
                            kind(r),
                            tariff(r),
                            direction(r),
                            r.energy()
                                    .map(e -> BigDecimal.valueOf(e).toPlainString())
                                    .orElse(""),
                            r.counter().unit().symbol(),
                            String.valueOf(r.gaps()),
                            String.valueOf(r.partial())))
                    .append('\n');
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
