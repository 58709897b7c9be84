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
        if (g.highCount() == 2 && laneUniform) return new TwoQubitKernel(g, target);
        if (g.highCount() <= 2) return RegisterKernels.forGeometry(g, target);
        return new DenseKernel(g, target);
    }

    static Kernel planDiagonal(int numQubits, double[] diagRe, double[] diagIm, int[] targets) {
        return new DiagonalKernel(new GateGeometry(numQubits, targets, new int[0]), diagRe, diagIm);
    }
}
