package org.qise.circuit;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * An orthonormal eigenbasis of a unitary, for functions of it: its real powers ({@code pow(k) @}
 * in OpenQASM 3) and their exact derivatives (gradients through {@code pow}).
 *
 * <p>A unitary is normal, so its Hermitian parts A = (U+U†)/2 and B = (U−U†)/2i commute and
 * share its eigenvectors; A + cB for an irrational c separates distinct eigenvalues. That
 * Hermitian matrix is diagonalised through its real symmetric embedding [[Re, −Im], [Im, Re]]
 * with Commons Math.
 *
 * @param vr real parts of the eigenvectors, vr[j][a] = Re v_j[a]
 * @param vi imaginary parts
 */
public record UnitaryEigen(double[][] vr, double[][] vi) {

    private static final double MIX = 0.6180339887498949; // the golden ratio's fraction: irrational

    /**
     * @throws IllegalArgumentException when no orthonormal eigenbasis is found (U is not unitary)
     */
    public static UnitaryEigen of(Matrix u) {
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
        return new UnitaryEigen(vr, vi);
    }
}
