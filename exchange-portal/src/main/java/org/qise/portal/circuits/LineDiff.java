package org.qise.portal.circuits;

import java.util.ArrayList;
import java.util.List;

/** A line diff of two texts by longest common subsequence; enough for QASM of a few thousand lines. */
public final class LineDiff {
    /** One line of the diff: kept (' '), removed ('-') or added ('+'). */
    public record Line(char kind, String text) {
        public String cssClass() {
            return switch (kind) { case '+' -> "add"; case '-' -> "del"; default -> "same"; };
        }
    }

    /** Beyond this many lines on each side the quadratic table would be too big; show remove-all/add-all. */
    static final int MAX_LINES = 5000;

    private LineDiff() {}

    public static List<Line> diff(String before, String after) {
        String[] a = before.split("\r?\n", -1);
        String[] b = after.split("\r?\n", -1);
        List<Line> out = new ArrayList<>();
        if ((long) a.length * b.length > (long) MAX_LINES * MAX_LINES) {
            for (String s : a) out.add(new Line('-', s));
            for (String s : b) out.add(new Line('+', s));
            return out;
        }
        // lcs[i][j] = length of the LCS of a[i..] and b[j..]
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i].equals(b[j])) {
                out.add(new Line(' ', a[i]));
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new Line('-', a[i++]));
            } else {
                out.add(new Line('+', b[j++]));
            }
        }
        while (i < a.length) out.add(new Line('-', a[i++]));
        while (j < b.length) out.add(new Line('+', b[j++]));
        return out;
    }
}
