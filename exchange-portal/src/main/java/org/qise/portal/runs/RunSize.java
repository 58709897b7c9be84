package org.qise.portal.runs;

import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;

/**
 * A rough measure of how much work a run is, to tell quick runs from long ones before they
 * start: amplitude updates, 2^qubits per gate, once for a circuit whose measurements can all be
 * taken at the end (sampled from one final state) and once per shot otherwise.
 */
final class RunSize {
    private RunSize() {}

    static long work(Circuit c, long shots) {
        int n = c.numQubits();
        if (n >= 62) return Long.MAX_VALUE;
        long perPass = saturatingMultiply(1L << n, Math.max(1, c.operations().size()));
        return shotByShot(c) ? saturatingMultiply(perPass, Math.max(1, shots)) : perPass;
    }

    /**
     * The work of a noisy run: a density matrix is a state of 2n qubits passed through once;
     * trajectories simulate every shot (noise draws make each shot its own pass).
     */
    static long work(Circuit c, long shots, String noiseMethod) {
        if (noiseMethod == null) return work(c, shots);
        int n = c.numQubits();
        boolean density = org.qise.noise.run.Method.DENSITY_MATRIX.cliName().equals(noiseMethod);
        int stateQubits = density ? 2 * n : n;
        if (stateQubits >= 62) return Long.MAX_VALUE;
        long perPass = saturatingMultiply(1L << stateQubits, Math.max(1, c.operations().size()));
        return density ? perPass : saturatingMultiply(perPass, Math.max(1, shots));
    }

    /**
     * The work of a sweep: every point is a run of its own (plans are shared, the passes are not),
     * so a 1,000-point sweep of a small circuit is 1,000 times its work, not one small run.
     */
    static long work(Circuit c, long shots, String noiseMethod, int points) {
        return saturatingMultiply(work(c, shots, noiseMethod), Math.max(1, points));
    }

    /**
     * Conservatively, whether the simulator must run shot by shot: a condition, a reset, or a
     * gate on a qubit already measured. (Erring towards "shot by shot" only keeps a run out of
     * the small lane.)
     */
    static boolean shotByShot(Circuit c) {
        boolean[] measured = new boolean[c.numQubits()];
        for (Operation op : c.operations()) {
            if (op.condition() != null || op instanceof Operation.Reset) return true;
            if (op instanceof Operation.Measure m) measured[m.qubit()] = true;
            if (op instanceof Operation.GateOp g) {
                for (int q : g.qubits()) if (measured[q]) return true;
            }
        }
        return false;
    }

    private static long saturatingMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        return hi != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }
}
