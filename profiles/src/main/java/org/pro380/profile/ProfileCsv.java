package org.pro380.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pro380.meter.Load;
import org.pro380.meter.PhaseLoad;

/**
 * A profile as CSV (docs/profiles.md): optional {@code # period: 24h} and {@code # interpolate: true}
 * lines, other {@code #} lines as comments, then the header and one point per line:
 *
 * <pre>
 * offset,l1_voltage,l1_current,l1_power_factor,l1_export,l1_capacitive,l2_...,l3_...[,frequency]
 * 06:30,231.2,4.1,0.97,false,false,...
 * </pre>
 *
 * An error names the source and line: {@code pv.csv:12: l2_current: expected a number, got 'x'}.
 */
public final class ProfileCsv {

    private static final String[] PHASE_COLUMNS = {"voltage", "current", "power_factor", "export", "capacitive"};
    public static final List<String> HEADER = header();
    private static final double DEFAULT_FREQUENCY = 50;

    private ProfileCsv() {}

    private static List<String> header() {
        List<String> columns = new ArrayList<>();
        columns.add("offset");
        for (int phase = 1; phase <= 3; phase++) {
            for (String c : PHASE_COLUMNS) {
                columns.add("l" + phase + "_" + c);
            }
        }
        return List.copyOf(columns);
    }

    /** The profile {@code name} in {@code text}, read from {@code source} (for errors); all or nothing. */
    public static Profile parse(String name, String source, String text) {
        Duration period = Profile.DEFAULT_PERIOD;
        boolean interpolate = false;
        boolean frequencyColumn = false;
        boolean headerSeen = false;
        List<ProfilePoint> points = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            try {
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith("#")) {
                    if (headerSeen) {
                        continue;
                    }
                    String directive = line.substring(1).strip().toLowerCase(Locale.ROOT);
                    if (directive.startsWith("period:")) {
                        period = Span.parse(directive.substring("period:".length()));
                    } else if (directive.startsWith("interpolate:")) {
                        interpolate = bool("interpolate", directive.substring("interpolate:".length()));
                    }
                    continue;
                }
                if (!headerSeen) {
                    frequencyColumn = header(line);
                    headerSeen = true;
                    continue;
                }
                ProfilePoint point = point(line, frequencyColumn);
                Offsets.check(point.offset(), points, period);
                points.add(point);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ":" + n + ": " + e.getMessage());
            }
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException(source + ": no points (expected the header " + String.join(",", HEADER)
                    + "[,frequency] and a line per point)");
        }
        return new Profile(name, points, period, interpolate);
    }

    /** Whether the header has the optional frequency column. */
    private static boolean header(String line) {
        List<String> columns =
                List.of(line.toLowerCase(Locale.ROOT).replace(" ", "").split(",", -1));
        boolean withFrequency = columns.size() == HEADER.size() + 1
                && columns.get(HEADER.size()).equals("frequency");
        if (!columns.subList(0, Math.min(columns.size(), HEADER.size())).equals(HEADER)
                || (columns.size() != HEADER.size() && !withFrequency)) {
            throw new IllegalArgumentException(
                    "expected the header " + String.join(",", HEADER) + "[,frequency], got '" + line + "'");
        }
        return withFrequency;
    }

    private static ProfilePoint point(String line, boolean frequencyColumn) {
        String[] cells = line.split(",", -1);
        int expected = HEADER.size() + (frequencyColumn ? 1 : 0);
        if (cells.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " values, got " + cells.length);
        }
        Duration offset = Offsets.parse(cells[0]);
        List<PhaseLoad> phases = new ArrayList<>(3);
        for (int phase = 0; phase < 3; phase++) {
            phases.add(phase(cells, 1 + phase * PHASE_COLUMNS.length, "l" + (phase + 1)));
        }
        double frequency = frequencyColumn ? number("frequency", cells[HEADER.size()]) : DEFAULT_FREQUENCY;
        return new ProfilePoint(offset, new Load(frequency, phases));
    }

    private static PhaseLoad phase(String[] cells, int first, String phase) {
        double voltage = number(phase + "_voltage", cells[first]);
        double current = number(phase + "_current", cells[first + 1]);
        double powerFactor = number(phase + "_power_factor", cells[first + 2]);
        boolean export = bool(phase + "_export", cells[first + 3]);
        boolean capacitive = bool(phase + "_capacitive", cells[first + 4]);
        try {
            return new PhaseLoad(voltage, current, powerFactor, export, capacitive);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(phase + ": " + e.getMessage());
        }
    }

    private static double number(String column, String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + ": expected a number, got '" + text.strip() + "'");
        }
    }

    private static boolean bool(String column, String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default ->
                throw new IllegalArgumentException(column + ": expected true or false, got '" + text.strip() + "'");
        };
    }
}
