package org.pro380.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cabinet positions an installer gives the meters of a commissioning in order, as the
 * command line lists them: {@code A1..A12,B1..B12}, {@code A1..12}, {@code main,garage}, or
 * {@code A1..} with no end (A1, A2, A3 and on). A numbered range keeps the width of its first
 * number ({@code A01..A12}). Labels a plan already has are passed over, so a resumed run goes on.
 */
public final class LabelList implements Commissioning.Labels {
    private static final Pattern RANGE = Pattern.compile("(.*?)(\\d+)\\.\\.(?:(.*?)(\\d+))?");

    private record Part(String prefix, int from, int to, int width) {
        /** Open-ended: no last number. */
        static final int OPEN = -1;

        String label(int n) {
            return prefix + String.format("%0" + width + "d", n);
        }
    }

    private final List<Part> parts;
    private final Set<String> used;
    private int part;
    private int next;

    private LabelList(List<Part> parts, Set<String> used) {
        this.parts = parts;
        this.used = Set.copyOf(used);
        this.next = parts.isEmpty() ? 0 : parts.get(0).from();
    }

    /**
     * The list in {@code text}, handing out no label of {@code used}.
     *
     * @throws IllegalArgumentException with a one-line reason for a list that cannot be read
     */
    public static LabelList parse(String text, Set<String> used) {
        List<Part> parts = new ArrayList<>();
        String[] items = text.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            Part p = part(items[i].strip(), text);
            if (p.to() == Part.OPEN && i < items.length - 1) {
                throw new IllegalArgumentException(
                        "labels: only the last part may be open-ended (" + items[i].strip() + "), got '" + text + "'");
            }
            parts.add(p);
        }
        return new LabelList(parts, used);
    }

    private static Part part(String item, String text) {
        if (item.isEmpty() || item.contains("\n")) {
            throw new IllegalArgumentException(
                    "labels must look like A1..A12,B1..B12 or A1.. or main,garage, got '" + text + "'");
        }
        Matcher m = RANGE.matcher(item);
        if (!m.matches()) {
            return new Part(item, 0, 0, 0);
        }
        if (m.group(3) != null && !m.group(3).isEmpty() && !m.group(3).equals(m.group(1))) {
            throw new IllegalArgumentException("labels: " + item + " runs from one prefix to another");
        }
        int from = Integer.parseInt(m.group(2));
        int to = m.group(4) == null ? Part.OPEN : Integer.parseInt(m.group(4));
        if (to != Part.OPEN && to < from) {
            throw new IllegalArgumentException("labels: " + item + " runs backwards");
        }
        return new Part(m.group(1), from, to, m.group(2).length());
    }

    /** The next label of the list not in the plan; the suggested one when the list is used up. */
    @Override
    public String label(int serialNumber, int unitId, String suggested) {
        while (part < parts.size()) {
            Part p = parts.get(part);
            String label = p.width() == 0 ? p.prefix() : p.label(next);
            if (p.width() == 0 || (p.to() != Part.OPEN && next >= p.to())) {
                part++;
                next = part < parts.size() ? parts.get(part).from() : 0;
            } else {
                next++;
            }
            if (!used.contains(label)) {
                return label;
            }
        }
        return suggested;
    }
}
