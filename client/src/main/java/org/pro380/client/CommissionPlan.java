package org.pro380.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pro380.registers.Identity;
import org.pro380.registers.Registers;
import org.pro380.registers.UnitId;

/**
 * What a commissioning gave each meter: one CSV row {@code serial,id,label} per meter, in the
 * order they were commissioned. Rows are only ever appended, each as a whole line written and
 * flushed at once, so a run stopped at any moment (Ctrl-C) leaves a file that reads back.
 */
public record CommissionPlan(List<Entry> entries) {
    public static final String HEADER = "serial,id,label";
    public static final CommissionPlan EMPTY = new CommissionPlan(List.of());

    /** One commissioned meter: its serial number, the unit id it was given, and where it sits. */
    public record Entry(int serialNumber, int unitId, String label) {
        public Entry {
            Registers.SERIAL_NUMBER.type().encode(serialNumber);
            UnitId.check("id", unitId);
            if (label.contains(",") || label.contains("\n")) {
                throw new IllegalArgumentException("a label has no comma or line break, got '" + label + "'");
            }
        }

        public String serialText() {
            return Identity.serialText(serialNumber);
        }

        /** The row of the plan file: {@code 22091039,2,meter 1}. */
        public String csv() {
            return serialText() + "," + unitId + "," + label;
        }
    }

    public CommissionPlan {
        entries = List.copyOf(entries);
        Set<Integer> serials = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        for (Entry e : entries) {
            if (!serials.add(e.serialNumber())) {
                throw new IllegalArgumentException("meter " + e.serialText() + " is in the plan twice");
            }
            if (!ids.add(e.unitId())) {
                throw new IllegalArgumentException("id " + e.unitId() + " is in the plan twice");
            }
        }
    }

    /** The plan in {@code file}, empty if the file is not there yet; IllegalArgumentException naming the bad line. */
    public static CommissionPlan read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return EMPTY;
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * The plan a file's text holds (header optional); IllegalArgumentException naming the bad line
     * as "{@code source} line N: ...".
     */
    public static CommissionPlan parse(String text, String source) {
        List<String> lines = text.lines().toList();
        CommissionPlan plan = EMPTY;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || (i == 0 && line.equals(HEADER))) {
                continue;
            }
            try {
                plan = plan.with(parse(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return plan;
    }

    /** The plan file's text: the header and one row per meter. */
    public String csv() {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        entries.forEach(e -> csv.append(e.csv()).append('\n'));
        return csv.toString();
    }

    private static Entry parse(String line) {
        String[] cells = line.split(",", 3);
        if (cells.length < 2
                || !cells[0].strip().matches("\\d{1,8}")
                || !cells[1].strip().matches("\\d{1,3}")) {
            throw new IllegalArgumentException(
                    "expected " + HEADER + ", e.g. 22091039,2,cabinet A1, got '" + line + "'");
        }
        return new Entry(
                Integer.parseInt(cells[0].strip()),
                Integer.parseInt(cells[1].strip()),
                cells.length == 3 ? cells[2].strip() : "");
    }

    /** Appends one row to {@code file} (the header first if the file is new) in one synchronous write. */
    public static void append(Path file, Entry entry) throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        String text = (fresh ? HEADER + "\n" : "") + entry.csv() + "\n";
        Files.writeString(
                file,
                text,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE,
                StandardOpenOption.SYNC);
    }

    public CommissionPlan with(Entry entry) {
        List<Entry> all = new ArrayList<>(entries);
        all.add(entry);
        return new CommissionPlan(all);
    }

    public Optional<Entry> bySerial(int serialNumber) {
        return entries.stream().filter(e -> e.serialNumber() == serialNumber).findFirst();
    }

    public boolean takes(int unitId) {
        return entries.stream().anyMatch(e -> e.unitId() == unitId);
    }

    public List<Integer> ids() {
        return entries.stream().map(Entry::unitId).toList();
    }
}
