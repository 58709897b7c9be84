package org.qise.engine.fast;

import java.util.List;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;

/**
 * What {@link Fuser#group} reads of each gate of a list, worked out once for every fusion width
 * that {@link StageRunner#groups} tries: its qubits as a mask, whether it is diagonal, which of
 * its targets it mixes, its cost alone, and (on first use) its full matrix for run products.
 * Planning a small circuit is mostly these candidate scans, so nothing in them should re-read
 * a matrix or allocate.
 */
final class GateFacts {
    final List<Operation.GateOp> ops;
    /** Each gate's cost as a block of its own ({@link Fuser#costsAlone}). */
    final double[] alone;
    /** Each gate's qubits, controls included, as a bit mask. */
    final long[] masks;
    final boolean[] diagonal;
    /**
     * The targets of a gate whose target matrix is neither diagonal nor monomial (a rotation
     * mixes its targets' amplitudes; a cx or a cz only moves or scales them); 0 for the others.
     */
    final long[] mixing;
    /** Every qubit some gate touches. */
    final long used;
    /** Each gate's {@link org.qise.circuit.Gate#matrix()}, controls in, filled on first use. */
    private final Matrix[] full;

    GateFacts(List<Operation.GateOp> ops, double[] alone) {
        this.ops = ops;
        this.alone = alone;
        int size = ops.size();
        masks = new long[size];
        diagonal = new boolean[size];
        mixing = new long[size];
        full = new Matrix[size];
        long u = 0;
        for (int i = 0; i < size; i++) {
            Operation.GateOp op = ops.get(i);
            int[] q = op.qubits();
            masks[i] = Fuser.mask(q);
            u |= masks[i];
            Matrix t = op.gate().targetMatrix();
            diagonal[i] = t.isDiagonal();
            if (!diagonal[i] && !isMonomial(t)) {
                for (int j = op.gate().controls(); j < q.length; j++) mixing[i] |= 1L << q[j];
            }
        }
        used = u;
    }

    int size() { return masks.length; }

    Matrix fullMatrix(int i) {
        Matrix m = full[i];
        if (m == null) full[i] = m = ops.get(i).gate().matrix();
        return m;
    }

    /** Whether every column has exactly one non-zero entry (a permutation times phases). */
    private static boolean isMonomial(Matrix t) {
        int dim = t.dim();
        for (int c = 0; c < dim; c++) {
            int nonZero = 0;
            for (int r = 0; r < dim; r++) if (t.re(r, c) != 0 || t.im(r, c) != 0) nonZero++;
            if (nonZero != 1) return false;
        }
        return true;
    }
}
