package org.qise.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads explicit sweep points from CSV text: a first line of parameter names, then one line of
 * numbers per point ({@code theta,phi} / {@code 0.1,2} / …). Blank lines and lines starting with
 * {@code #} are skipped. Mistakes are reported as {@code file:line: …}.
 */
public final class PointsFile {
    private PointsFile() {}

    public static SweepPoints parse(String text, String file) {
        List<String> names = null;
        List<double[]> rows = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] fields = line.split(",", -1);
            String at = file + ":" + (i + 1) + ": ";
            if (names == null) {
                names = new ArrayList<>();
                for (String f : fields) {
                    String n = f.trim();
                    if (!n.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new IllegalArgumentException(at + "'" + n + "' is not a parameter name (the first line names the parameters)");
                    if (names.contains(n)) throw new IllegalArgumentException(at + "parameter " + n + " is given twice");
                    names.add(n);
                }
                continue;
            }
            if (fields.length != names.size()) {
                throw new IllegalArgumentException(at + "expected " + names.size() + " values (" + String.join(",", names) + ") but found " + fields.length);
            }
            double[] row = new double[fields.length];
            for (int k = 0; k < fields.length; k++) {
                try {
                    row[k] = SweepAxis.number(fields[k], names.get(k));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(at + e.getMessage());
                }
            }
            rows.add(row);
        }
        if (names == null) throw new IllegalArgumentException(file + ": no parameter names (the first line should name them, e.g. theta,phi)");
        if (rows.isEmpty()) throw new IllegalArgumentException(file + ": no points after the line of names");
        return SweepPoints.table(names, SweepPoints.rows(rows));
    }
}
