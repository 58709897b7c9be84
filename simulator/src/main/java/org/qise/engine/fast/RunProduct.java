package org.qise.engine.fast;

import java.util.Arrays;
import org.qise.circuit.Matrix;

/**
 * The 4×4 product of a run's gates on two qubits (qa as bit 0, qb as bit 1), built in place:
 * each gate's full matrix is laid out on the two qubits as {@link Matrix#embed} lays it out and
 * multiplied on the left with {@link Matrix#times}'s arithmetic (same terms, same order, zero
 * entries skipped), so the product has the same bits as embedding and multiplying matrices,
 * without three new matrices per gate. The fuser tests every two-qubit candidate block with
 * one, so it is reused.
 */
final class RunProduct {
    private final double[] re = new double[16], im = new double[16];
    private final double[] eRe = new double[16], eIm = new double[16], nRe = new double[16], nIm = new double[16];

    /** Starts at the identity, as after {@link #reset}. */
    RunProduct() {
        reset();
    }

    /** Back to the identity. */
    void reset() {
        Arrays.fill(re, 0);
        Arrays.fill(im, 0);
        for (int d = 0; d < 4; d++) re[d * 5] = 1;
    }

    /**
     * Multiplies a gate on the left: {@code full} is its matrix with controls (bit j on
     * {@code qubits[j]}). False, leaving the product as it was, when the gate acts on a qubit
     * other than qa and qb.
     */
    boolean multiply(Matrix full, int[] qubits, int qa, int qb) {
        int k = qubits.length;
        if (k > 2) return false;
        int[] bits = new int[k];
        for (int j = 0; j < k; j++) {
            if (qubits[j] == qa) bits[j] = 0;
            else if (qubits[j] == qb) bits[j] = 1;
            else return false;
        }
        embed(full, bits);
        Arrays.fill(nRe, 0);
        Arrays.fill(nIm, 0);
        for (int a = 0; a < 4; a++) {
            for (int c = 0; c < 4; c++) {
                double xr = eRe[a * 4 + c], xi = eIm[a * 4 + c];
                if (xr == 0 && xi == 0) continue;
                for (int b = 0; b < 4; b++) {
                    double yr = re[c * 4 + b], yi = im[c * 4 + b];
                    nRe[a * 4 + b] += xr * yr - xi * yi;
                    nIm[a * 4 + b] += xr * yi + xi * yr;
                }
            }
        }
        System.arraycopy(nRe, 0, re, 0, 16);
        System.arraycopy(nIm, 0, im, 0, 16);
        return true;
    }

    /** The gate's matrix on the two qubits, its bit j on bit {@code bits[j]}, into eRe/eIm. */
    private void embed(Matrix g, int[] bits) {
        Arrays.fill(eRe, 0);
        Arrays.fill(eIm, 0);
        int dim = g.dim(), mask = 0;
        for (int b : bits) mask |= 1 << b;
        for (int col = 0; col < 4; col++) {
            int local = 0;
            for (int j = 0; j < bits.length; j++) local |= ((col >> bits[j]) & 1) << j;
            int rest = col & ~mask;
            for (int out = 0; out < dim; out++) {
                int row = rest;
                for (int j = 0; j < bits.length; j++) row |= ((out >> j) & 1) << bits[j];
                eRe[row * 4 + col] = g.re(out, local);
                eIm[row * 4 + col] = g.im(out, local);
            }
        }
    }

    /** Each column's non-zero rows (bit r for row r), as {@link RunKernel#pairing(int[])} reads them. */
    int[] columnRows() {
        int[] rows = new int[4];
        for (int col = 0; col < 4; col++) {
            for (int r = 0; r < 4; r++) if (re[r * 4 + col] != 0 || im[r * 4 + col] != 0) rows[col] |= 1 << r;
        }
        return rows;
    }

    Matrix matrix() {
        return Matrix.of(4, re, im);
    }
}
