package io.shimhost.shell.internal;

import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns, two spaces apart, the way the shell prints its lists. */
final class TextTable implements Streamed {

    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        rows.add(header);
    }

    TextTable row(Object... cells) {
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = String.valueOf(cells[i]);
        }
        rows.add(row);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        int[] width = widths();
        for (String[] row : rows) {
            out.append(line(row, width)).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** Each row as it is formatted: the table is not also held as one string. */
    @Override
    public void printTo(java.io.PrintStream out) {
        int[] width = widths();
        for (String[] row : rows) {
            out.println(line(row, width));
        }
    }

    private int[] widths() {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        return width;
    }

    private static String line(String[] row, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            line.append(row[c]);
            if (c < row.length - 1) {
                line.append(" ".repeat(width[c] + 2 - row[c].length()));
            }
        }
        return line.toString().stripTrailing();
    }
}
