package org.pro380.client;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pro380.registers.UnitId;

/**
 * Unit ids as people list them, the one syntax of every id list ({@code scan --ids}, the bridge's
 * {@code -a} and config file): {@code 1,2,5..9} or {@code 2-61}, each {@link UnitId#RANGE}.
 */
public final class UnitIds {
    private static final Pattern PART = Pattern.compile("(\\d{1,3})(?:(?:\\.\\.|-)(\\d{1,3}))?");

    private UnitIds() {}

    /** Every unit id a meter can have, in the list syntax: "1..247". */
    public static String all() {
        return UnitId.RANGE;
    }

    /** The ids in ascending order, each once; IllegalArgumentException with a one-line reason otherwise. */
    public static List<Integer> parse(String text) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (String part : text.split(",", -1)) {
            Matcher m = PART.matcher(part.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("unit ids must look like 1,2,5..9 or 5-9, got '" + text + "'");
            }
            int from = check(Integer.parseInt(m.group(1)), text);
            int to = m.group(2) == null ? from : check(Integer.parseInt(m.group(2)), text);
            if (to < from) {
                throw new IllegalArgumentException("unit id range " + part.trim() + " runs backwards");
            }
            for (int id = from; id <= to; id++) {
                ids.add(id);
            }
        }
        return new ArrayList<>(ids);
    }

    private static int check(int id, String text) {
        if (!UnitId.isMeter(id)) {
            throw new IllegalArgumentException(
                    "unit ids must be " + UnitId.RANGE + ", got " + id + " in '" + text + "'");
        }
        return id;
    }
}
