package org.pro380.registers;

import java.util.stream.Collectors;

/** The register map as a Markdown table, for the docs: generated from {@link Registers#MAP}, never typed twice. */
public final class RegisterTable {

    private RegisterTable() {}

    public static String markdown() {
        String rows = Registers.MAP.all().stream().map(RegisterTable::row).collect(Collectors.joining("\n"));
        return "| address | key | name | type | unit | access | legal writes |\n" + "|---|---|---|---|---|---|---|\n"
                + rows + "\n";
    }

    private static String row(Register<?> r) {
        return String.format(
                "| 0x%04X | `%s` | %s | %s | %s | %s | %s |",
                r.address(),
                r.key(),
                r.name(),
                r.type(),
                r.unit().symbol().isEmpty() ? "-" : r.unit().symbol(),
                r.writable() ? "R/W" : "R",
                r.writeRule().map(WriteRule::description).orElse(""));
    }

    public static void main(String[] args) {
        System.out.print(markdown());
    }
}
