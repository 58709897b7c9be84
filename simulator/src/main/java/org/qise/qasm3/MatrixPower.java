package org.qise.qasm3;

import org.qise.circuit.Matrix;

/**
 * Real powers of unitaries, for {@code pow(k) @}: U^k = Σ λ^k |v⟩⟨v| over an orthonormal
 * eigenbasis of U, with λ^k = e^{ik·arg λ} on the principal branch (arg in (−π, π], so
 * pow(1/2) of X is SX and of Z is S, as the specification's standard library expects).
 *
 * <p>The eigenbasis comes from {@link org.qise.circuit.UnitaryEigen}; the result is checked:
 * the eigenbasis must rebuild U to 1e-10.
 */
final class MatrixPower {
    private MatrixPower() {}

    /** U^k for a unitary U and any real k. */
    static Matrix pow(Matrix u, double k) {
        if (k == Math.rint(k) && Math.abs(k) <= 64) return integerPower(u, (int) k);
        int n = u.dim();
        org.qise.circuit.UnitaryEigen eigen = org.qise.circuit.UnitaryEigen.of(u);
        double[][] vr = eigen.vr(), vi = eigen.vi();
        double[] re = new double[n * n], im = new double[n * n];
        double[] checkRe = new double[n * n], checkIm = new double[n * n];
        for (int j = 0; j < n; j++) {
            // λ = v† U v
            double lr = 0, li = 0;
            for (int a = 0; a < n; a++) {
                double wr = 0, wi = 0;
                for (int b = 0; b < n; b++) {
                    wr += u.re(a, b) * vr[j][b] - u.im(a, b) * vi[j][b];
                    wi += u.re(a, b) * vi[j][b] + u.im(a, b) * vr[j][b];
                }
                lr += vr[j][a] * wr + vi[j][a] * wi;
                li += vr[j][a] * wi - vi[j][a] * wr;
            }
            double arg = Math.atan2(li, lr);
            if (arg <= -Math.PI + 1e-12) arg = Math.PI; // −1 lies on the principal branch as e^{iπ}
            double pr = Math.cos(k * arg), pim = Math.sin(k * arg);
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    // v_a · conj(v_b)
                    double orr = vr[j][a] * vr[j][b] + vi[j][a] * vi[j][b];
                    double oi = vi[j][a] * vr[j][b] - vr[j][a] * vi[j][b];
                    re[a * n + b] += pr * orr - pim * oi;
                    im[a * n + b] += pr * oi + pim * orr;
                    checkRe[a * n + b] += lr * orr - li * oi;
                    checkIm[a * n + b] += lr * oi + li * orr;
                }
            }
        }
        if (Matrix.of(n, checkRe, checkIm).distance(u) > 1e-10) {
            throw new IllegalArgumentException("could not diagonalise the unitary for a fractional power");
        }
        return Matrix.of(n, re, im);
    }

    private static Matrix integerPower(Matrix u, int k) {
        Matrix base = k < 0 ? u.dagger() : u;
        Matrix result = Matrix.identity(u.dim());
        for (int e = Math.abs(k); e > 0; e >>= 1) {
            if ((e & 1) == 1) result = result.times(base);
            base = base.times(base);
        }
        return result;
    }
}
