package org.qise.gradient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;
import org.qise.param.Expression;

/**
 * A gate built by modifiers, written out as library gates with controls (and inverses), so that
 * parameter-shift rules apply to each piece: ctrl @ G controls every gate of G's body, inv @ G
 * un-applies the body last to first with each gate inverted, pow(n) @ G for an integer n repeats
 * G (or its inverse) |n| times, and a user gate's body is its gates with their angles as
 * functions of the call's angles (whose derivatives the chain rule takes). A fractional power
 * has no such form (its generator's frequencies are not those of the pieces), so it is refused.
 */
final class Expansion {
    private Expansion() {}

    /**
     * One gate of the expansion.
     *
     * @param make     the gate for given values of {@code angles} (already inverted and controlled)
     * @param library  the library gate whose angles these are, or null for a constant piece
     * @param angles   the angle values at the point
     * @param jacobian ∂angles[i]/∂(angle j of the expanded gate) at {@code jacobian[i][j]}
     * @param qubits   positions in the expanded gate's qubit list (controls first)
     * @param controls controls added by modifiers (they add an eigenvalue 0 to the generator)
     */
    record Piece(Function<double[], Gate> make, String library, double[] angles, double[][] jacobian, int[] qubits, int controls) {}

    /** Largest |n| of pow(n) written out as repetitions. */
    private static final int MAX_REPEAT = 64;

    /** The pieces of {@code form} at angles {@code v}, in the order they act. */
    static List<Piece> of(Gate.Derivation.Form form, double[] v) {
        return switch (form) {
            case Gate.Derivation.Form.Library l -> {
                Gates.Definition d = Gates.lookup(l.name()).orElseThrow();
                int q = d.create(v).qubits();
                yield List.of(new Piece(d::create, l.name(), v.clone(), identity(v.length), range(0, q), 0));
            }
            case Gate.Derivation.Form.Controlled c -> {
                List<Piece> out = new ArrayList<>();
                int n = c.n();
                for (Piece p : of(c.base(), v)) {
                    int[] q = new int[n + p.qubits().length];
                    for (int i = 0; i < n; i++) q[i] = i;
                    for (int i = 0; i < p.qubits().length; i++) q[n + i] = p.qubits()[i] + n;
                    Function<double[], Gate> make = p.make();
                    out.add(new Piece(a -> make.apply(a).controlled(n), p.library(), p.angles(), p.jacobian(), q, p.controls() + n));
                }
                yield out;
            }
            case Gate.Derivation.Form.Inverse i -> inverse(of(i.base(), v));
            case Gate.Derivation.Form.Power p -> {
                double k = p.k();
                if (k != Math.rint(k) || Math.abs(k) > MAX_REPEAT) {
                    throw new IllegalArgumentException("pow(" + Printer.of(k) + ") is not an integer power of at most " + MAX_REPEAT
                            + ", so shift rules do not apply to it (it changes the generator's frequencies)");
                }
                List<Piece> once = of(p.base(), v);
                if (k < 0) once = inverse(once);
                List<Piece> out = new ArrayList<>();
                for (int r = 0; r < Math.abs(k); r++) out.addAll(once);
                yield out;
            }
            case Gate.Derivation.Form.Body b -> body(b, v);
        };
    }

    private static List<Piece> inverse(List<Piece> pieces) {
        List<Piece> out = new ArrayList<>();
        for (int i = pieces.size() - 1; i >= 0; i--) {
            Piece p = pieces.get(i);
            Function<double[], Gate> make = p.make();
            out.add(new Piece(a -> make.apply(a).inverse(), p.library(), p.angles(), p.jacobian(), p.qubits(), p.controls()));
        }
        return out;
    }

    private static List<Piece> body(Gate.Derivation.Form.Body b, double[] v) {
        Map<String, Double> values = new HashMap<>();
        for (int f = 0; f < v.length; f++) values.put(b.formals().get(f), v[f]);
        List<Piece> out = new ArrayList<>();
        for (int g = 0; g < b.gates().size(); g++) {
            Gate gate = b.gates().get(g);
            int[] where = b.where().get(g);
            if (!gate.isParametric()) {
                out.add(new Piece(a -> gate, null, new double[0], new double[0][], where.clone(), 0));
                continue;
            }
            List<Expression> e = gate.expressions();
            double[] a = new double[e.size()];
            double[][] inner = new double[e.size()][v.length]; // ∂a_i/∂v_j
            for (int i = 0; i < a.length; i++) {
                a[i] = e.get(i).evaluate(values);
                for (int j = 0; j < v.length; j++) inner[i][j] = e.get(i).derivative(b.formals().get(j), values);
            }
            Gate.Derivation.Form form = gate.derivation() != null ? gate.derivation().form() : new Gate.Derivation.Form.Library(gate.name());
            if (form == null) throw new IllegalArgumentException("gate " + gate + " in " + b.name() + " has no known structure");
            for (Piece p : of(form, a)) {
                int[] q = new int[p.qubits().length];
                for (int i = 0; i < q.length; i++) q[i] = where[p.qubits()[i]];
                out.add(new Piece(p.make(), p.library(), p.angles(), times(p.jacobian(), inner, v.length), q, p.controls()));
            }
        }
        if (b.phase() != 0) { // a global phase of the body is a relative phase once the gate is controlled
            Gate phase = new Gate("gphase", new double[]{b.phase()}, 0, Matrix.identity(2).timesPhase(b.phase()));
            out.add(new Piece(a -> phase, null, new double[0], new double[0][], new int[]{0}, 0));
        }
        return out;
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) m[i][i] = 1;
        return m;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }

    /** x·y for x of (rows × k) and y of (k × cols). */
    private static double[][] times(double[][] x, double[][] y, int cols) {
        double[][] out = new double[x.length][cols];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < y.length; k++) {
                if (x[i][k] == 0) continue;
                for (int j = 0; j < cols; j++) out[i][j] += x[i][k] * y[k][j];
            }
        }
        return out;
    }

    /** Numbers as OpenQASM writes them (0.5, 2). */
    private static final class Printer {
        static String of(double k) { return k == Math.rint(k) ? Long.toString((long) k) : Double.toString(k); }
    }
}
