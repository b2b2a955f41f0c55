package org.pro380.client.format;

import java.util.Map;
import org.pro380.client.Snapshot;
import org.pro380.registers.Register;

/** A snapshot as CSV: a header row, then one row per register in address order, values exact. */
public final class Csv {
    public static final String HEADER = "key,address,name,value,unit";

    private Csv() {}

    public static String render(Snapshot snapshot) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Map.Entry<Register<?>, Object> e : snapshot.values().entrySet()) {
            Register<?> r = e.getKey();
            out.append(String.join(
                            ",",
                            r.key(),
                            String.format("0x%04X", r.address()),
                            quote(r.name()),
                            quote(ValueText.exact(r, e.getValue())),
                            r.unit().symbol()))
                    .append('\n');
        }
        return out.toString();
    }

    public static String quote(String field) {
        return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
