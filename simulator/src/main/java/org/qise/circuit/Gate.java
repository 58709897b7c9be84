package org.qise.circuit;

import java.util.Arrays;
import java.util.Objects;

/**
 * A unitary gate: a name, its parameters, and the unitary it applies.
 *
 * <p>A gate may carry controls: the first {@link #controls()} qubits of an application are
 * controls (the gate acts only where all of them are 1) and the rest are targets, on which
 * {@link #targetMatrix()} acts. {@code cx} is X with one control, {@code ccx} X with two.
 * Keeping controls apart from the target matrix lets engines skip the untouched amplitudes.
 *
 * <p>Qubit order inside a gate follows {@link Matrix}: the j-th listed qubit is bit j.
 * Instances are immutable; create them through {@link Gates}.
 */
public final class Gate {
    private final String name;
    private final double[] params;
    private final int controls;
    private final Matrix target;

    /**
     * @param name     the OpenQASM name when the gate is in qelib1 (e.g. {@code "cu3"}), else a
     *                 descriptive name such as {@code "unitary"}
     * @param params   the gate's parameters, as written (angles in radians)
     * @param controls how many leading qubits are controls
     * @param target   the unitary applied to the target qubits when all controls are 1
     */
    public Gate(String name, double[] params, int controls, Matrix target) {
        this.name = Objects.requireNonNull(name);
        this.params = params.clone();
        if (controls < 0) throw new IllegalArgumentException("negative control count");
        this.controls = controls;
        this.target = Objects.requireNonNull(target);
    }

    public String name() { return name; }

    /** A copy of the parameters. */
    public double[] params() { return params.clone(); }

    public int paramCount() { return params.length; }

    public double param(int i) { return params[i]; }

    /** Number of leading control qubits. */
    public int controls() { return controls; }

    /** Number of target qubits (those the target matrix acts on). */
    public int targets() { return target.qubits(); }

    /** Number of qubits the gate is applied to: controls plus targets. */
    public int qubits() { return controls + target.qubits(); }

    /** The unitary on the targets, applied where every control is 1. */
    public Matrix targetMatrix() { return target; }

    /** The full 2^qubits() unitary, controls as the low bits. */
    public Matrix matrix() { return target.controlled(controls); }

    /** This gate with {@code n} more controls in front (the new controls come first). */
    public Gate controlled(int n) {
        if (n < 0) throw new IllegalArgumentException("negative control count");
        if (n == 0) return this;
        return new Gate(Gates.controlledName(name, n), params, controls + n, target);
    }

    /** The inverse gate: a library gate where one exists (s → sdg, rx(θ) → rx(−θ)), else the conjugate transpose. */
    public Gate inverse() {
        return Gates.inverse(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gate g && g.name.equals(name) && Arrays.equals(g.params, params)
                && g.controls == controls && g.target.equals(target);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(params), controls);
    }

    @Override
    public String toString() {
        if (params.length == 0) return name;
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < params.length; i++) sb.append(i == 0 ? "" : ",").append(params[i]);
        return sb.append(')').toString();
    }
}
