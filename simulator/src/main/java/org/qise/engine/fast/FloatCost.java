package org.qise.engine.fast;

import java.util.List;
import org.qise.circuit.Gate;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;

/**
 * What a fused block costs on a single-precision stage, in nanoseconds per float vector (eight
 * amplitudes with 512-bit vectors) of the chunk: the float kernels' figures on the reference
 * machine, used instead of {@link BlockCost}'s double figures to pick a float stage's fusion
 * width ({@link StageRunner#groups(List, int, boolean)}). Float kernels have other ratios than
 * the double ones: a 3-qubit block above the vector costs about 4 one-qubit gates in float, 6 in
 * double; and every block is a sweep of a chunk that sits in L3 rather than L2 (2 MiB of floats
 * against a 1 MiB L2), which {@link #SWEEP} charges per block, so that fewer, wider blocks win
 * where the arithmetic allows.
 *
 * <p>A grouping with a block that has no float kernel ({@link FloatBlocks#forBlocks}) costs
 * infinity, so a float stage is never widened to double merely because a wider fusion looked
 * cheaper in the double model. Like {@link BlockCost}, the figures are constants: the plan, and
 * every result bit, is the same on every machine.
 */
final class FloatCost {
    private FloatCost() {}

    /**
     * Per block: reading and writing every vector of a chunk from L3. Measured as the extra time
     * of a one-qubit gate on a 2^18-amplitude state over a 2^14-amplitude one (1.7 against 0.95 ns
     * per vector) and of a 3-qubit block (4.6 against 4.1).
     */
    static final double SWEEP = 0.6;
    /** One-target gate: dense, and diagonal or a swap of vectors (half the arithmetic or none). */
    private static final double GATE_DENSE = 0.95, GATE_CHEAP = 0.5;
    private static final double DIAGONAL = 0.6;
    /**
     * A run of gates on two qubits above the vector ({@link FloatRunKernel}): 1.15–1.3 dense
     * one-target gates on a 2^18-amplitude chunk (AVX2, FloatKernelTimeMain in docs/engine.md).
     */
    private static final double RUN = 1.2;
    /** Dense blocks by qubits (index) with every qubit above the vector, and with some inside it. */
    private static final double[] DENSE_HIGH = {0, 0.95, 1.85, 3.85, Double.POSITIVE_INFINITY};
    private static final double[] DENSE_LOW = {0, 1.1, 5.6, 8.5, 12.7};
    /**
     * Dense blocks on two or three qubits all inside the vector ({@link FloatDenseKernels.InVector2},
     * {@link FloatDenseKernels.InVector3}): 375 and 715 µs a pass at 20 qubits against 465 for
     * {@link #DENSE_HIGH}[2]'s kernel in the same run (Zen 4, AVX-512).
     */
    private static final double[] IN_VECTOR = {0, 0, 1.5, 2.85};
    /**
     * A 2-qubit block with one qubit inside the vector and one above ({@link FloatDenseKernels.LaneHigh}):
     * 400–455 µs a pass at 20 qubits against 465 for {@link #DENSE_HIGH}[2]'s kernel in the same run.
     */
    private static final double LANE_HIGH = 1.75;

    /** The cost of a grouping of {@code ops} (on a chunk's local qubits), or infinity when a block has no float kernel. */
    static double of(List<Operation.GateOp> ops, List<Fuser.Group> groups) {
        double cost = 0;
        for (Fuser.Group g : groups) cost += SWEEP + block(ops, g);
        return cost;
    }

    private static double block(List<Operation.GateOp> ops, Fuser.Group g) {
        if (g.members().size() == 1) {
            Operation.GateOp op = ops.get(g.members().get(0));
            Gate gate = op.gate();
            Matrix m = gate.targetMatrix();
            if (gate.targets() == 1) {
                double active = Math.max(0.5, Math.scalb(1.0, -gate.controls()));
                return (m.isDiagonal() || PermutationKernel.isPermutation(m) ? GATE_CHEAP : GATE_DENSE) * active;
            }
            if (gate.controls() > 0 || !FloatDenseKernels.fits(op.qubits())) return Double.POSITIVE_INFINITY;
            return dense(Fuser.mask(op.qubits()));
        }
        if (g.run()) return RUN;
        if (g.allDiagonal()) return DIAGONAL;
        if (Long.bitCount(g.qubits()) == 1) return GATE_DENSE;
        int[] q = new int[Long.bitCount(g.qubits())];
        for (int i = 0, b = 0; b < 64; b++) if ((g.qubits() >> b & 1) == 1) q[i++] = b;
        return FloatDenseKernels.fits(q) ? dense(g.qubits()) : Double.POSITIVE_INFINITY;
    }

    private static double dense(long mask) {
        int k = Long.bitCount(mask);
        long lanes = mask & ((1L << FloatGateKernel.LOW_QUBITS) - 1);
        if (FloatDenseKernels.InVector2.takes(mask)) return IN_VECTOR[k];
        if (k == 2 && Long.bitCount(lanes) == 1) return LANE_HIGH;
        double[] table = lanes != 0 ? DENSE_LOW : DENSE_HIGH;
        return k < table.length ? table[k] : Double.POSITIVE_INFINITY;
    }
}
