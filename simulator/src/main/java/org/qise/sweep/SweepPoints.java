package org.qise.sweep;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The points of a sweep: parameter names and one row of values per point, numbered from 0.
 * A grid of {@link SweepAxis axes} varies the last axis fastest (like nested loops written in
 * the order the axes are given); a table gives the points explicitly.
 */
public final class SweepPoints {
    private final List<String> names;
    private final double[][] rows;
    /** The axes when the points form a grid, else null. */
    private final List<SweepAxis> axes;

    private SweepPoints(List<String> names, double[][] rows, List<SweepAxis> axes) {
        this.names = List.copyOf(names);
        this.rows = rows;
        this.axes = axes == null ? null : List.copyOf(axes);
    }

    /** The Cartesian product of the axes; refuses a name given twice. */
    public static SweepPoints grid(List<SweepAxis> axes) {
        if (axes.isEmpty()) throw new IllegalArgumentException("no parameter to sweep");
        Set<String> seen = new HashSet<>();
        long total = 1;
        for (SweepAxis a : axes) {
            if (!seen.add(a.name())) throw new IllegalArgumentException("parameter " + a.name() + " is given twice");
            total *= a.size();
            if (total > 100_000_000) throw new IllegalArgumentException("the sweep has more than 100,000,000 points");
        }
        double[][] rows = new double[(int) total][axes.size()];
        for (int p = 0; p < total; p++) {
            int rest = p;
            for (int k = axes.size() - 1; k >= 0; k--) {
                SweepAxis a = axes.get(k);
                rows[p][k] = a.value(rest % a.size());
                rest /= a.size();
            }
        }
        return new SweepPoints(axes.stream().map(SweepAxis::name).toList(), rows, axes);
    }

    /** Explicit points: {@code rows[p][k]} is parameter {@code names[k]} at point p. */
    public static SweepPoints table(List<String> names, double[][] rows) {
        if (new HashSet<>(names).size() != names.size()) throw new IllegalArgumentException("a parameter name is given twice in " + names);
        for (double[] r : rows) if (r.length != names.size()) throw new IllegalArgumentException("every point needs " + names.size() + " values");
        return new SweepPoints(names, rows.clone(), null);
    }

    public List<String> names() { return names; }

    public int size() { return rows.length; }

    public double value(int point, int param) { return rows[point][param]; }

    /** Point {@code p} as a binding. */
    public Map<String, Double> point(int p) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) m.put(names.get(k), rows[p][k]);
        return m;
    }

    /** The axes of a grid, or null for a table. */
    public List<SweepAxis> axes() { return axes; }

    /** SHA-256 over the names and the bits of every value: part of a sweep's identity. */
    void digest(MessageDigest md) {
        md.update(String.join(",", names).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8);
        for (double[] r : rows) {
            for (double v : r) {
                b.clear();
                b.putDouble(v);
                md.update(b.array());
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of a list, for tests and the CSV reader. */
    static double[][] rows(List<double[]> list) {
        return new ArrayList<>(list).toArray(double[][]::new);
    }
}
