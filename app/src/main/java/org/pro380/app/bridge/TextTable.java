package org.pro380.app.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A plain-text table whose columns line up whatever the lengths of their cells: each column as
 * wide as its widest cell, numbers to the right, text to the left, two spaces between.
 */
final class TextTable {

    private final List<String> header;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();

    /** {@code rightAligned}: the names of the columns that hold numbers. */
    TextTable(List<String> header, Set<String> rightAligned) {
        this.header = List.copyOf(header);
        this.right = new boolean[header.size()];
        for (int i = 0; i < header.size(); i++) {
            right[i] = rightAligned.contains(header.get(i));
        }
    }

    void add(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
        }
        rows.add(List.of(cells));
    }

    /** A line of dashes across the table, before the totals. */
    void rule() {
        rows.add(null);
    }

    @Override
    public String toString() {
        int[] widths = new int[header.size()];
        for (List<String> row : allRows()) {
            for (int i = 0; row != null && i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder s = new StringBuilder();
        for (List<String> row : allRows()) {
            if (row == null) {
                int total = 2 * (widths.length - 1);
                for (int w : widths) {
                    total += w;
                }
                s.append("-".repeat(total)).append('\n');
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String pad = " ".repeat(widths[i] - row.get(i).length());
                line.append(i == 0 ? "" : "  ").append(right[i] ? pad + row.get(i) : row.get(i) + pad);
            }
            s.append(line.toString().stripTrailing()).append('\n');
        }
        return s.toString();
    }

    private List<List<String>> allRows() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
