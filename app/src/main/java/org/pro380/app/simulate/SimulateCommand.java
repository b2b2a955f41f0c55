package org.pro380.app.simulate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pro380.app.UserError;
import org.pro380.app.chart.Charts;
import org.pro380.profile.FleetVariation;
import org.pro380.profile.Profile;
import org.pro380.profile.Profiles;
import org.pro380.profile.Span;
import org.pro380.simulate.PlotData;
import org.pro380.simulate.RowSink;
import org.pro380.simulate.Simulation;
import org.pro380.simulate.SimulationOutput;
import org.pro380.simulate.TariffSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pro380 simulate}: a profile's months of counters without waiting for them (docs/profiles.md). */
@Command(
        name = "simulate",
        header = "Computes a meter's registers over days of a load profile, without waiting.",
        mixinStandardHelpOptions = true,
        sortOptions = false)
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--profile",
            required = true,
            paramLabel = "NAME|FILE",
            description = "household, pv, ev-charging, heat-pump, office, or a .csv/.json profile file")
    String profile;

    @Option(
            names = "--meters",
            paramLabel = "N",
            description = "how many meters, each at its own seeded shift (default 1)")
    int meters = 1;

    @Option(names = "--from", paramLabel = "DATE", description = "first day, UTC (default 2026-01-01)")
    String from = "2026-01-01";

    @Option(names = "--days", paramLabel = "N", description = "how many days (default 365)")
    int days = 365;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE.csv|FILE.sqlite",
            description = "one row per meter and step; must not exist yet")
    Path out;

    @Option(names = "--step", paramLabel = "SPAN", description = "time between rows: 1s, 15m, 1h, 1d (default 15m)")
    String step = "15m";

    @Option(
            names = "--tariff-schedule",
            paramLabel = "RULES",
            description =
                    "the 12 V tariff input over the week, UTC, e.g. 'T2=Mon-Fri 22:00-06:00; T3=Sat,Sun 00:00-24:00'")
    String tariffSchedule;

    @Option(
            names = "--plot",
            paramLabel = "FILE.png|FILE.svg",
            description = "draw meter 1's daily energy per tariff and its power on --plot-day")
    Path plot;

    @Option(
            names = "--plot-day",
            paramLabel = "DATE",
            description = "the day whose power curve is drawn (default --from)")
    String plotDay;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the meters' shifts and variations (default 380)")
    long seed = FleetVariation.DEFAULT_SEED;

    @Override
    public Integer call() {
        Simulation simulation;
        SimulationOutput output;
        LocalDate day;
        try {
            simulation = simulation();
            day = plotDay == null ? date("--from", from) : date("--plot-day", plotDay);
            LocalDate first = date("--from", from);
            if (day.isBefore(first) || !day.isBefore(first.plusDays(days))) {
                throw new IllegalArgumentException("--plot-day " + day + " is not one of the simulated days, " + first
                        + " to " + first.plusDays(days - 1));
            }
            if (plot != null && !Charts.isPlotFile(plot)) {
                throw new IllegalArgumentException("--plot must end in .png or .svg, got " + plot);
            }
            output = SimulationOutput.of(out, about(simulation), meterNames(simulation));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        long started = System.nanoTime();
        try {
            run(simulation, output, day);
        } catch (IOException e) {
            throw new UserError("simulate: " + e.getMessage());
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(
                Locale.ROOT,
                "pro380 simulate: %d meter(s) x %d steps of %s (%s from %s, %d days) -> %s in %.1f s%n",
                simulation.meters(),
                simulation.steps(),
                Span.text(simulation.step()),
                simulation.profile().name(),
                simulation.from().atZone(ZoneOffset.UTC).toLocalDate(),
                days,
                out,
                (System.nanoTime() - started) / 1e9);
        o.flush();
        return 0;
    }

    private void run(Simulation simulation, SimulationOutput output, LocalDate day) throws IOException {
        try (output) {
            List<RowSink> parts = new ArrayList<>(output.parts(simulation.parts()));
            PlotData drawing = plot == null ? null : new PlotData(parts.get(0), day);
            if (drawing != null) {
                parts.set(0, drawing); // meter 1 is in part 0
            }
            simulation.run(parts, k -> k == 1 && drawing != null ? drawing : Simulation.NO_WATCHER);
            output.finish();
            if (drawing != null) {
                SimulationPlot.draw(
                        drawing, "pro380 simulate " + simulation.profile().name(), plot);
            }
        }
    }

    Simulation simulation() {
        Profile p = Profiles.resolve(profile);
        if (days < 1) {
            throw new IllegalArgumentException("the simulated range is empty: --days must be at least 1, got " + days);
        }
        TariffSchedule tariffs = tariffSchedule == null ? TariffSchedule.NONE : TariffSchedule.parse(tariffSchedule);
        Duration stepSpan;
        try {
            stepSpan = Span.parse(step);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--step: " + e.getMessage());
        }
        return new Simulation(
                p,
                meters,
                date("--from", from).atStartOfDay(ZoneOffset.UTC).toInstant(),
                Duration.ofDays(days),
                stepSpan,
                tariffs,
                seed);
    }

    /** What the database keeps of the simulation, in its table {@code simulation}. */
    private Map<String, String> about(Simulation s) {
        Map<String, String> about = new LinkedHashMap<>();
        about.put("profile", s.profile().name());
        about.put("meters", String.valueOf(s.meters()));
        about.put("from", s.from().toString());
        about.put("days", String.valueOf(days));
        about.put("step_seconds", String.valueOf(s.step().toSeconds()));
        about.put("tariff_schedule", tariffSchedule == null ? "" : tariffSchedule);
        about.put("seed", String.valueOf(seed));
        return about;
    }

    /** Meter k is named after the profile: "household 1", ... */
    private static List<String> meterNames(Simulation s) {
        List<String> names = new ArrayList<>(s.meters());
        for (int k = 1; k <= s.meters(); k++) {
            names.add(s.profile().name() + " " + k);
        }
        return names;
    }

    private static LocalDate date(String option, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be a date like 2026-01-01, got '" + text + "'");
        }
    }
}
