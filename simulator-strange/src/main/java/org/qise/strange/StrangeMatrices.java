package org.qise.strange;

import org.qise.circuit.Matrix;
import org.redfx.strange.Complex;

/** Turns Strange's single-precision matrices and angles into double-precision ones. */
final class StrangeMatrices {
    private StrangeMatrices() {}

    /** Float rounding moves the angle of a unit-modulus entry by about 1e-7 (a few times that after float products). */
    private static final double SNAP_TOLERANCE = 1e-6;

    /** Strange's row-major {@code Complex[row][column]} as a QISE matrix (same index order). */
    static Matrix toMatrix(Complex[][] m) {
        int dim = m.length;
        double[] re = new double[dim * dim];
        double[] im = new double[dim * dim];
        for (int r = 0; r < dim; r++) {
            if (m[r].length != dim) throw new IllegalArgumentException("matrix is not square: row " + r + " has " + m[r].length + " entries, expected " + dim);
            for (int c = 0; c < dim; c++) {
                re[r * dim + c] = m[r][c].r;
                im[r * dim + c] = m[r][c].i;
            }
        }
        return Matrix.of(dim, re, im);
    }

    /**
     * The unitary nearest to a matrix that is unitary up to float rounding (its polar factor),
     * by Newton–Schulz steps X ← X·(3I − X†X)/2, which converge quadratically from that close.
     *
     * @throws IllegalArgumentException when the matrix is too far from unitary to be a gate
     */
    static Matrix nearestUnitary(Matrix m, String what) {
        double error = m.unitarityError();
        if (error > 1e-3) {
            throw new IllegalArgumentException(what + " is not unitary (|U·U† − I| = " + error + ")");
        }
        Matrix x = m;
        for (int step = 0; step < 8 && x.unitarityError() > 1e-14; step++) {
            Matrix gram = x.dagger().times(x);
            x = x.times(threeIMinusHalf(gram));
        }
        return x;
    }

    /** (3I − g)/2. */
    private static Matrix threeIMinusHalf(Matrix g) {
        int dim = g.dim();
        double[] re = g.realParts();
        double[] im = g.imagParts();
        for (int k = 0; k < re.length; k++) {
            re[k] = -re[k] / 2;
            im[k] = -im[k] / 2;
        }
        for (int d = 0; d < dim; d++) re[d * dim + d] += 1.5;
        return Matrix.of(dim, re, im);
    }

    /** The angle of a complex entry, snapped to an exact fraction of 2π when it is one to float precision. */
    static double angleOf(Complex z) {
        return snapAngle(Math.atan2(z.i, z.r));
    }

    /**
     * An angle read back from float matrix entries, replaced by 2π·m/d when it lies within float
     * rounding (1e-6) of one, for d up to 16 or a power of two up to 2^12: the angles of Strange's
     * Fourier and arithmetic gates are 2π/2^k and sums of those. The grid is coarse enough
     * (spacing ≥ 1.5e-3) that an arbitrary angle is rarely moved, and then by at most 1e-6.
     */
    static double snapAngle(double angle) {
        for (int d = 1; d <= 1 << 12; d = d < 16 ? d + 1 : d * 2) {
            double unit = 2 * Math.PI / d;
            double candidate = Math.rint(angle / unit) * unit;
            if (Math.abs(angle - candidate) < SNAP_TOLERANCE) return candidate;
        }
        return angle;
    }

    /** Largest entry distance between a Strange matrix and a double one. */
    static double distance(Complex[][] strange, Matrix m) {
        if (strange.length != m.dim()) return Double.POSITIVE_INFINITY;
        double worst = 0;
        for (int r = 0; r < m.dim(); r++) {
            for (int c = 0; c < m.dim(); c++) {
                worst = Math.max(worst, Math.hypot(strange[r][c].r - m.re(r, c), strange[r][c].i - m.im(r, c)));
            }
        }
        return worst;
    }
}
