package org.pro380.client.format;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pro380.client.Snapshot;
import org.pro380.registers.Meaning;
import org.pro380.registers.Meaning.EnergyScope;
import org.pro380.registers.Meaning.PhaseScope;
import org.pro380.registers.Register;

/**
 * A snapshot as a table for people: identity and settings as a list, instantaneous values with
 * the phases side by side, energies with tariffs and phases side by side. Rows and columns that
 * were not read are left out.
 */
public final class Table {

    private Table() {}

    public static String render(Snapshot s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "unit %d, %s: %d requests, %d bytes on the wire (%d sent, %d received)%n",
                s.unitId(),
                s.time().truncatedTo(ChronoUnit.SECONDS),
                s.traffic().requests(),
                s.traffic().bytes(),
                s.traffic().bytesSent(),
                s.traffic().bytesReceived()));
        settings(s, out);
        Grid<PhaseScope> measured = new Grid<>(List.of(PhaseScope.L1, PhaseScope.L2, PhaseScope.L3, PhaseScope.TOTAL));
        Grid<EnergyScope> energy = new Grid<>(List.of(EnergyScope.values()));
        s.values().forEach((r, v) -> {
            if (r.meaning() instanceof Meaning.Measured m) {
                measured.put(label(m.quantity().name(), r), m.scope(), ValueText.human(r, v));
            } else if (r.meaning() instanceof Meaning.Energy e) {
                energy.put(label(e.kind() + " " + e.flow(), r), e.scope(), ValueText.human(r, v));
            }
        });
        measured.appendTo("Instantaneous", out);
        energy.appendTo("Energy", out);
        return out.toString();
    }

    private static void settings(Snapshot s, StringBuilder out) {
        List<String[]> rows = new ArrayList<>();
        s.values().forEach((r, v) -> {
            if (r.meaning() instanceof Meaning.Setting) {
                rows.add(new String[] {
                    r.name(),
                    ValueText.human(r, v)
                            + (r.unit().symbol().isEmpty() ? "" : " " + r.unit().symbol())
                });
            }
        });
        if (rows.isEmpty()) {
            return;
        }
        int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(0);
        out.append("\nIdentity and settings\n");
        for (String[] row : rows) {
            out.append(String.format("  %-" + width + "s  %s%n", row[0], row[1]));
        }
    }

    private static String label(String words, Register<?> r) {
        String text = words.replace('_', ' ').toLowerCase(Locale.ROOT);
        text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return r.unit().symbol().isEmpty() ? text : text + " (" + r.unit().symbol() + ")";
    }

    /** Rows of cells under named columns; right-aligned numbers. */
    private static final class Grid<C extends Enum<C>> {
        private final List<C> columns;
        private final Map<String, Map<C, String>> rows = new LinkedHashMap<>();

        Grid(List<C> columns) {
            this.columns = columns;
        }

        void put(String row, C column, String cell) {
            rows.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(column, cell);
        }

        void appendTo(String title, StringBuilder out) {
            if (rows.isEmpty()) {
                return;
            }
            List<C> used = columns.stream()
                    .filter(c -> rows.values().stream().anyMatch(r -> r.containsKey(c)))
                    .toList();
            int labelWidth =
                    rows.keySet().stream().mapToInt(String::length).max().orElse(0);
            int cell = Math.max(
                    6,
                    rows.values().stream()
                            .flatMap(r -> r.values().stream())
                            .mapToInt(String::length)
                            .max()
                            .orElse(0));
            out.append('\n').append(String.format("%-" + (labelWidth + 2) + "s", title));
            used.forEach(
                    c -> out.append(String.format("  %" + cell + "s", c.name().equals("ALL") ? "all" : heading(c))));
            out.append('\n');
            rows.forEach((label, cells) -> {
                out.append(String.format("  %-" + labelWidth + "s", label));
                used.forEach(c -> out.append(String.format("  %" + cell + "s", cells.getOrDefault(c, ""))));
                out.append('\n');
            });
        }

        private static String heading(Enum<?> c) {
            return c.name().equals("TOTAL") ? "total" : c.name();
        }
    }
}
