package org.qise.bench;

import java.util.ArrayList;
import java.util.List;
import org.qise.circuit.Gate;
import org.qise.circuit.Operation;

/**
 * A gate list in qsim's circuit text format, so that the bench workloads can be timed in qsim
 * (its {@code qsim_base} app) on the same machine, with the same gates and angles.
 *
 * <p>The format: the qubit count on the first line, then one gate per line as
 * {@code time name qubit… parameter…}. Gates of one time step act on disjoint qubits and times never
 * decrease. Each gate here takes the earliest step its qubits are free in, so a layer of one-qubit
 * gates shares a step, as a circuit drawer would place them.
 *
 * <p>Where qsim's gate set differs from QISE's (facts of qsim's {@code gates_qsim.h}, checked by
 * running qsim on one gate at a time):
 * <ul>
 * <li>{@code cp φ} is diag(1, 1, 1, e^{−iφ}), the opposite sign of QISE's (and Qiskit's)
 *     {@code cp(λ)} = diag(1, 1, 1, e^{iλ}); so {@code cp(λ)} is written with −λ.</li>
 * <li>There is no general one-qubit gate, so {@code u3(θ, φ, λ)} (and {@code u}) is written as
 *     rz(λ), ry(θ), rz(φ): the same unitary up to the global phase e^{i(φ+λ)/2}, which leaves every
 *     probability and fidelity as it was. qsim's fuser multiplies the three back into one.</li>
 * <li>{@code rx}, {@code ry}, {@code rz} are exp(−iθP/2) in both; {@code cnot a b} has control a.</li>
 * <li>Qubit q is bit q of a basis index in both, so amplitudes line up index for index.</li>
 * </ul>
 */
public final class QsimFormat {
    private QsimFormat() {}

    /** The gates qsim's text format can take from QISE without a controlled global phase. */
    static final List<String> WRITTEN = List.of("h", "rx", "ry", "rz", "u3", "u", "cx", "cz", "cp");

    /**
     * The circuit text for {@code ops} on {@code qubits} qubits.
     *
     * @throws IllegalArgumentException naming the first gate (by its position) that the format
     *     cannot take: a gate outside {@link #WRITTEN} or a classically conditioned one
     */
    public static String write(List<Operation.GateOp> ops, int qubits) {
        int[] free = new int[qubits];
        StringBuilder out = new StringBuilder().append(qubits).append('\n');
        // A gate may land in an earlier step than the gate before it (when its qubits are free
        // sooner), so lines are collected per step and printed step by step; within a step they
        // keep the order given.
        List<List<String>> steps = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Operation.GateOp op = ops.get(i);
            if (op.condition() != null) {
                throw new IllegalArgumentException("gate " + i + " (" + op.gate().name() + ") is classically conditioned: qsim's circuit format has no classical control");
            }
            for (String line : lines(op, i)) {
                int step = 0;
                for (int q : op.qubits()) step = Math.max(step, free[q]);
                for (int q : op.qubits()) free[q] = step + 1;
                while (steps.size() <= step) steps.add(new ArrayList<>());
                steps.get(step).add(step + " " + line);
            }
        }
        for (List<String> step : steps) for (String line : step) out.append(line).append('\n');
        return out.toString();
    }

    /** The qsim gate lines, without their time, for one QISE gate. */
    private static List<String> lines(Operation.GateOp op, int index) {
        Gate g = op.gate();
        int[] q = op.qubits();
        return switch (g.name()) {
            case "h" -> List.of("h " + q[0]);
            case "rx", "ry", "rz" -> List.of(g.name() + " " + q[0] + " " + angle(g.param(0)));
            case "u3", "u" -> List.of(
                    "rz " + q[0] + " " + angle(g.param(2)),
                    "ry " + q[0] + " " + angle(g.param(0)),
                    "rz " + q[0] + " " + angle(g.param(1)));
            case "cx" -> List.of("cnot " + q[0] + " " + q[1]);
            case "cz" -> List.of("cz " + q[0] + " " + q[1]);
            case "cp" -> List.of("cp " + q[0] + " " + q[1] + " " + angle(-g.param(0)));
            default -> throw new IllegalArgumentException("gate " + index + " (" + g.name() + ") has no form in qsim's circuit format here (written: "
                    + String.join(", ", WRITTEN) + ")");
        };
    }

    /** The shortest decimal that reads back as the same double, so both simulators get the same angle. */
    private static String angle(double a) {
        return Double.toString(a);
    }
}
