package org.qise.gradient;

import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;

/**
 * ∂M/∂(angle j) for the target matrix M of every parametric gate of the library, in closed
 * form. Rotations e^{−iθP/2} give (−i/2)·P·M; a phase diag(1, e^{iλ}) gives i·N·M with
 * N = |1⟩⟨1|; U(θ,φ,λ) = P(φ)·Ry(θ)·P(λ) differentiates factor by factor; cu's e^{iγ} gives i·M.
 */
final class GateDerivatives {
    private GateDerivatives() {}

    private static final Matrix X = Matrix.ofRows(new double[]{0, 0, 1, 0}, new double[]{1, 0, 0, 0});
    private static final Matrix Y = Matrix.ofRows(new double[]{0, 0, 0, -1}, new double[]{0, 1, 0, 0});
    private static final Matrix Z = Matrix.ofRows(new double[]{1, 0, 0, 0}, new double[]{0, 0, -1, 0});
    private static final Matrix N = Matrix.ofRows(new double[]{0, 0, 0, 0}, new double[]{0, 0, 1, 0});
    private static final Matrix XX = X.embed(2, 0).times(X.embed(2, 1));
    private static final Matrix ZZ = Z.embed(2, 0).times(Z.embed(2, 1));

    private static final java.util.Set<String> KNOWN = java.util.Set.of(
            "rx", "crx", "ry", "cry", "rz", "crz", "rxx", "rzz", "p", "u1", "cp", "cu1", "u0", "u2", "U", "u3", "u", "cu3", "cu");

    /** Whether {@link #of} knows library gate {@code name}. */
    static boolean knows(String name) { return KNOWN.contains(name); }

    /** The derivative of {@code gate.targetMatrix()} with respect to angle {@code j}; the gate is bound. */
    static Matrix of(Gate gate, int j) {
        Matrix m = gate.targetMatrix();
        double[] p = gate.params();
        return switch (gate.name()) {
            case "rx", "crx" -> scale(X.times(m), 0, -0.5);
            case "ry", "cry" -> scale(Y.times(m), 0, -0.5);
            case "rz", "crz" -> scale(Z.times(m), 0, -0.5);
            case "rxx" -> scale(XX.times(m), 0, -0.5);
            case "rzz" -> scale(ZZ.times(m), 0, -0.5);
            case "p", "u1", "cp", "cu1" -> scale(N.times(m), 0, 1);
            case "u0" -> scale(m, 0, 0);
            case "u2" -> j == 0 ? scale(N.times(m), 0, 1) : scale(m.times(N), 0, 1);
            case "U", "u3", "u", "cu3" -> uDerivative(m, p[0], p[1], p[2], j, 0);
            case "cu" -> j == 3 ? scale(m, 0, 1) : uDerivative(m, p[0], p[1], p[2], j, p[3]);
            default -> throw new IllegalArgumentException("no derivative known for gate " + gate.name());
        };
    }

    /** ∂/∂(θ, φ or λ) of e^{iγ}·P(φ)·Ry(θ)·P(λ), which is {@code m}. */
    private static Matrix uDerivative(Matrix m, double theta, double phi, double lambda, int j, double gamma) {
        return switch (j) {
            case 0 -> {
                Matrix dRy = scale(Y.times(Gates.ry(theta).targetMatrix()), 0, -0.5);
                yield Gates.p(phi).targetMatrix().times(dRy).times(Gates.p(lambda).targetMatrix()).timesPhase(gamma);
            }
            case 1 -> scale(N.times(m), 0, 1);
            case 2 -> scale(m.times(N), 0, 1);
            default -> throw new IllegalArgumentException("U has three angles");
        };
    }

    /** (sr + i·si)·m. */
    static Matrix scale(Matrix m, double sr, double si) {
        double[] re = m.realParts(), im = m.imagParts();
        double[] r = new double[re.length], i = new double[re.length];
        for (int k = 0; k < re.length; k++) {
            r[k] = sr * re[k] - si * im[k];
            i[k] = sr * im[k] + si * re[k];
        }
        return Matrix.of(m.dim(), r, i);
    }
}
