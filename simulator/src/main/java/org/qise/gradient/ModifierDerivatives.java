package org.qise.gradient;

import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;
import org.qise.circuit.UnitaryEigen;

/**
 * Exact derivatives of gates built by modifiers ({@link Gate.Derivation.Form}): a library gate
 * under any nesting of {@code ctrl}, {@code negctrl}, {@code inv} and {@code pow(k)}. No finite
 * differences: each modifier transforms the target matrix M and its derivative M' by a rule.
 * <ul>
 * <li>ctrl / negctrl: the target matrix is unchanged (the controls are outside it), so is M'.
 * <li>inv: M† has derivative (M')† (for a rotation e^{−iθG/2} that is the negated derivative
 *     of the rotation by −θ).
 * <li>pow(k): M^k on the principal branch is f(M) with f(e^{iφ}) = e^{ikφ}, φ ∈ (−π, π]. M is
 *     normal, M = V·diag(μ)·V†, so the Fréchet derivative is V·(L ∘ V†M'V)·V† (Daleckii–Krein)
 *     with L_ab the divided difference (f(μ_a) − f(μ_b))/(μ_a − μ_b), which on the unit circle
 *     is e^{i(k−1)(φ_a+φ_b)/2}·sin(k(φ_a−φ_b)/2)/sin((φ_a−φ_b)/2) (stable as φ_a → φ_b, where
 *     it tends to f'(μ_a) = k·e^{i(k−1)φ_a}). For pow(k) of e^{−iθG/2} this is k·(−i/2)·G·M^k.
 * </ul>
 * The one case that is not differentiable is a fractional power of a matrix with an eigenvalue
 * at −1, where the principal branch jumps; there the derivative is that of the branch taken.
 */
final class ModifierDerivatives {
    private ModifierDerivatives() {}

    /** Whether every library gate at the leaves of {@code form} has a known derivative. */
    static boolean supported(Gate.Derivation.Form form) {
        return switch (form) {
            case Gate.Derivation.Form.Library l -> GateDerivatives.knows(l.name());
            case Gate.Derivation.Form.Controlled c -> supported(c.base());
            case Gate.Derivation.Form.Inverse i -> supported(i.base());
            case Gate.Derivation.Form.Power p -> supported(p.base());
        };
    }

    /** ∂(target matrix)/∂(angle j) of the gate {@code form} builds at angles {@code v}. */
    static Matrix of(Gate.Derivation.Form form, double[] v, int j) {
        return eval(form, v, j).dm();
    }

    /** A target matrix and its derivative. */
    private record Value(Matrix m, Matrix dm) {}

    private static Value eval(Gate.Derivation.Form form, double[] v, int j) {
        return switch (form) {
            case Gate.Derivation.Form.Library l -> {
                Gate g = Gates.lookup(l.name()).orElseThrow().create(v);
                yield new Value(g.targetMatrix(), GateDerivatives.of(g, j));
            }
            case Gate.Derivation.Form.Controlled c -> eval(c.base(), v, j);
            case Gate.Derivation.Form.Inverse i -> {
                Value b = eval(i.base(), v, j);
                yield new Value(b.m().dagger(), b.dm().dagger());
            }
            case Gate.Derivation.Form.Power p -> power(eval(p.base(), v, j), p.k());
        };
    }

    private static Value power(Value b, double k) {
        Matrix m = b.m(), dm = b.dm();
        int n = m.dim();
        UnitaryEigen e = UnitaryEigen.of(m);
        double[][] vr = e.vr(), vi = e.vi();
        double[] phi = new double[n];
        for (int a = 0; a < n; a++) {
            double[] mu = sandwich(vr, vi, m, a, a);
            phi[a] = Math.atan2(mu[1], mu[0]);
            if (phi[a] <= -Math.PI + 1e-12) phi[a] = Math.PI; // the branch MatrixPower takes for −1
        }
        // in the eigenbasis: F = diag(e^{ikφ}), F' = L ∘ (V† M' V)
        double[] fr = new double[n * n], fi = new double[n * n], dr = new double[n * n], di = new double[n * n];
        for (int a = 0; a < n; a++) {
            fr[a * n + a] = Math.cos(k * phi[a]);
            fi[a * n + a] = Math.sin(k * phi[a]);
            for (int c = 0; c < n; c++) {
                double[] d = sandwich(vr, vi, dm, a, c);
                double delta = phi[a] - phi[c], s = Math.sin(delta / 2);
                double ratio = s == 0 ? k : Math.sin(k * delta / 2) / s;
                double rot = (k - 1) * (phi[a] + phi[c]) / 2, lr = ratio * Math.cos(rot), li = ratio * Math.sin(rot);
                dr[a * n + c] = lr * d[0] - li * d[1];
                di[a * n + c] = lr * d[1] + li * d[0];
            }
        }
        return new Value(fromEigenbasis(vr, vi, fr, fi, n), fromEigenbasis(vr, vi, dr, di, n));
    }

    /** v_a† · x · v_c as {re, im}. */
    private static double[] sandwich(double[][] vr, double[][] vi, Matrix x, int a, int c) {
        double re = 0, im = 0;
        int n = x.dim();
        for (int r = 0; r < n; r++) {
            double wr = 0, wi = 0; // (x v_c)[r]
            for (int s = 0; s < n; s++) {
                wr += x.re(r, s) * vr[c][s] - x.im(r, s) * vi[c][s];
                wi += x.re(r, s) * vi[c][s] + x.im(r, s) * vr[c][s];
            }
            re += vr[a][r] * wr + vi[a][r] * wi;
            im += vr[a][r] * wi - vi[a][r] * wr;
        }
        return new double[]{re, im};
    }

    /** V·B·V† for B given in the eigenbasis (B[a][c] at a·n + c). */
    private static Matrix fromEigenbasis(double[][] vr, double[][] vi, double[] br, double[] bi, int n) {
        double[] re = new double[n * n], im = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int c = 0; c < n; c++) {
                double pr = br[a * n + c], pi = bi[a * n + c];
                if (pr == 0 && pi == 0) continue;
                for (int x = 0; x < n; x++) {
                    // (v_a[x] · B_ac)
                    double qr = vr[a][x] * pr - vi[a][x] * pi, qi = vr[a][x] * pi + vi[a][x] * pr;
                    for (int y = 0; y < n; y++) {
                        // · conj(v_c[y])
                        re[x * n + y] += qr * vr[c][y] + qi * vi[c][y];
                        im[x * n + y] += qi * vr[c][y] - qr * vi[c][y];
                    }
                }
            }
        }
        return Matrix.of(n, re, im);
    }
}
