package org.qise.qasm3;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.qise.circuit.Matrix;

/**
 * Real powers of unitaries, for {@code pow(k) @}: U^k = Σ λ^k |v⟩⟨v| over an orthonormal
 * eigenbasis of U, with λ^k = e^{ik·arg λ} on the principal branch (arg in (−π, π], so
 * pow(1/2) of X is SX and of Z is S, as the specification's standard library expects).
 *
 * <p>A unitary is normal, so its Hermitian parts A = (U+U†)/2 and B = (U−U†)/2i commute and
 * share its eigenvectors; A + cB for an irrational c separates distinct eigenvalues. That
 * Hermitian matrix is diagonalised through its real symmetric embedding [[Re, −Im], [Im, Re]]
 * with Commons Math. The result is checked: the eigenbasis must rebuild U to 1e-10.
 */
final class MatrixPower {
    private MatrixPower() {}

    private static final double MIX = 0.6180339887498949; // the golden ratio's fraction: irrational

    /** U^k for a unitary U and any real k. */
    static Matrix pow(Matrix u, double k) {
        if (k == Math.rint(k) && Math.abs(k) <= 64) return integerPower(u, (int) k);
        int n = u.dim();
        double[][] emb = new double[2 * n][2 * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                // H = A + c·B with A = (U + U†)/2, B = (U − U†)/(2i)
                double uRe = u.re(a, b), uIm = u.im(a, b), tRe = u.re(b, a), tIm = -u.im(b, a);
                double aRe = (uRe + tRe) / 2, aIm = (uIm + tIm) / 2;
                double bRe = (uIm - tIm) / 2, bIm = -(uRe - tRe) / 2;
                double hRe = aRe + MIX * bRe, hIm = aIm + MIX * bIm;
                emb[a][b] = hRe;
                emb[a + n][b + n] = hRe;
                emb[a][b + n] = -hIm;
                emb[a + n][b] = hIm;
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(emb, false));
        RealMatrix vecs = eig.getV();
        // each eigenvector (x; y) of the embedding is the complex vector x + iy; keep n orthonormal ones
        double[][] vr = new double[n][], vi = new double[n][];
        int found = 0;
        for (int c = 0; c < 2 * n && found < n; c++) {
            double[] xr = new double[n], xi = new double[n];
            for (int a = 0; a < n; a++) {
                xr[a] = vecs.getEntry(a, c);
                xi[a] = vecs.getEntry(a + n, c);
            }
            for (int j = 0; j < found; j++) { // Gram–Schmidt against the kept vectors
                double pr = 0, pi = 0;
                for (int a = 0; a < n; a++) {
                    pr += vr[j][a] * xr[a] + vi[j][a] * xi[a];
                    pi += vr[j][a] * xi[a] - vi[j][a] * xr[a];
                }
                for (int a = 0; a < n; a++) {
                    xr[a] -= pr * vr[j][a] - pi * vi[j][a];
                    xi[a] -= pr * vi[j][a] + pi * vr[j][a];
                }
            }
            double norm = 0;
            for (int a = 0; a < n; a++) norm += xr[a] * xr[a] + xi[a] * xi[a];
            if (norm < 1e-6) continue;
            norm = Math.sqrt(norm);
            for (int a = 0; a < n; a++) {
                xr[a] /= norm;
                xi[a] /= norm;
            }
            vr[found] = xr;
            vi[found] = xi;
            found++;
        }
        if (found < n) throw new IllegalArgumentException("could not diagonalise the unitary for a fractional power");
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
