package org.qise.engine.fast;

import org.qise.circuit.Matrix;

/**
 * Picks the kernel for a gate from its target matrix (never from its name): diagonal matrices
 * get a phase-multiply kernel, 0/1 permutation matrices a pure-move kernel, 2×2 matrices on a
 * high qubit the unrolled kernel, other dense matrices a register kernel where one fits and the
 * general dense kernel otherwise.
 */
final class KernelPlanner {
    private KernelPlanner() {}

    static Kernel plan(int numQubits, Matrix target, int[] targets, int[] controls) {
        if (target.isDiagonal() && controls.length > 0 && targets.length + controls.length <= MAX_CONTROLLED_DIAGONAL) {
            return controlledDiagonal(numQubits, target, targets, controls);
        }
        GateGeometry g = new GateGeometry(numQubits, targets, controls);
        if (target.isDiagonal()) return new DiagonalKernel(g, target);
        if (PermutationKernel.isPermutation(target)) return new PermutationKernel(g, target);
        if (targets.length == 1 && g.highCount() == 1 && g.lowControlMask == 0) {
            return SingleQubitKernels.HighRx.takes(target, targets, controls) ? new SingleQubitKernels.HighRx(g, target)
                    : new SingleQubitKernels.High(g, target);
        }
        if (targets.length == 1 && g.lowCount() == 1) return new SingleQubitKernels.Low(g, target);
        // Two high targets and nothing in the lanes: the unrolled kernel. Otherwise up to 2 high
        // targets the register kernels win; wider blocks need DenseKernel's scratch array.
        boolean laneUniform = g.lowCount() == 0 && g.lowControlMask == 0;
        if (g.highCount() == 2 && laneUniform) return TwoQubitKernel.of(g, target);
        if (InVectorPairKernel.takes(g)) return new InVectorPairKernel(g, target);
        if (g.highCount() <= 2) return RegisterKernels.forGeometry(g, target);
        return new DenseKernel(g, target);
    }

    /** Qubits of the widest controlled diagonal planned as a plain one (its table: 2^10 entries, as a fused phase block's). */
    private static final int MAX_CONTROLLED_DIAGONAL = 10;

    /**
     * A controlled diagonal (cz, cp, crz…) is a diagonal on its controls and targets together,
     * 1 wherever a control is 0: planned that way, its kernel has no controls, so it can walk
     * short runs column by column or block by block ({@link DiagonalKernel}), and the entries of 1
     * are still skipped where runs allow. cz on qubits 1 and 3 of 20 went vector by vector with a
     * branch and a {@code compress} each: 1.2–3.6 ms a pass, where an h takes 0.3.
     */
    private static Kernel controlledDiagonal(int numQubits, Matrix target, int[] targets, int[] controls) {
        int t = targets.length, all = t + controls.length, dim = 1 << t;
        double[] dRe = DiagonalKernel.diagonalRe(target), dIm = DiagonalKernel.diagonalIm(target);
        double[] re = new double[1 << all], im = new double[1 << all];
        int allControls = (1 << controls.length) - 1;
        for (int i = 0; i < re.length; i++) {
            boolean on = i >> t == allControls;
            re[i] = on ? dRe[i & (dim - 1)] : 1;
            im[i] = on ? dIm[i & (dim - 1)] : 0;
        }
        int[] qubits = java.util.Arrays.copyOf(targets, all);
        System.arraycopy(controls, 0, qubits, t, controls.length);
        return planDiagonal(numQubits, re, im, qubits);
    }

    static Kernel planDiagonal(int numQubits, double[] diagRe, double[] diagIm, int[] targets) {
        return new DiagonalKernel(new GateGeometry(numQubits, targets, new int[0]), diagRe, diagIm);
    }
}
