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
        int[] width = widths();
        StringBuilder out = new StringBuilder(rows.size() * lineLength(width));
        for (String[] row : rows) {
            appendLine(out, row, width);
            out.append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** Each row as it is formatted, in one builder used again: the table is not also held as one string. */
    @Override
    public void printTo(java.io.PrintStream out) {
        int[] width = widths();
        StringBuilder line = new StringBuilder(lineLength(width));
        for (String[] row : rows) {
            line.setLength(0);
            appendLine(line, row, width);
            out.println(line);
        }
    }

    private static int lineLength(int[] width) {
        int length = 0;
        for (int w : width) {
            length += w + 2;
        }
        return length;
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

    /** The cells, each but the last padded to its column's width and two spaces; no trailing blanks. */
    private static void appendLine(StringBuilder line, String[] row, int[] width) {
        int start = line.length();
        for (int c = 0; c < row.length; c++) {
            line.append(row[c]);
            if (c < row.length - 1) {
                for (int pad = width[c] + 2 - row[c].length(); pad > 0; pad--) {
                    line.append(' ');
                }
            }
        }
        int end = line.length();
        while (end > start && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        line.setLength(end);
    }
}
