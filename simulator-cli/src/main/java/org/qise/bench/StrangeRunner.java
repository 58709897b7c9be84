package org.qise.bench;

import java.util.List;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;
import org.redfx.strange.Complex;
import org.redfx.strange.Program;
import org.redfx.strange.Result;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Cnot;
import org.redfx.strange.gate.Cz;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.SingleQubitMatrixGate;
import org.redfx.strange.local.SimpleQuantumExecutionEnvironment;

/**
 * Runs a benchmark circuit on Strange 0.1.3 ({@code SimpleQuantumExecutionEnvironment}), as a
 * reference point for speed. Translation: H → Hadamard, cx → Cnot, cz → Cz, every other
 * single-qubit gate (rx, rz, u3, …) → SingleQubitMatrixGate with our exact matrix; Strange has
 * no controlled phase, so cp(λ) on (c, t) becomes p(λ/2) c; p(λ/2) t; cx c,t; p(−λ/2) t; cx c,t.
 * Consecutive single-qubit gates on distinct qubits share a Step (Strange applies a Step as one
 * operator); two-qubit gates get a Step each.
 */
final class StrangeRunner {
    private StrangeRunner() {}

    /** The circuit as a Strange program, or an exception naming the gate Strange cannot run. */
    static Program toProgram(List<Operation.GateOp> ops, int n) {
        Program program = new Program(n);
        Step current = null;
        long used = 0;
        for (Operation.GateOp op : ops) {
            Gate g = op.gate();
            int[] q = op.qubits();
            if (g.qubits() == 1) {
                if (current == null || (used >> q[0] & 1) == 1) {
                    current = new Step();
                    program.addStep(current);
                    used = 0;
                }
                current.addGate(single(g, q[0]));
                used |= 1L << q[0];
                continue;
            }
            current = null;
            switch (g.name()) {
                case "cx", "CX" -> program.addStep(new Step(new Cnot(q[0], q[1])));
                case "cz" -> program.addStep(new Step(new Cz(q[0], q[1])));
                case "cp", "cu1" -> {
                    double lambda = g.param(0);
                    Step s = new Step();
                    s.addGate(matrixGate(Gates.p(lambda / 2).targetMatrix(), q[0]));
                    s.addGate(matrixGate(Gates.p(lambda / 2).targetMatrix(), q[1]));
                    program.addStep(s);
                    program.addStep(new Step(new Cnot(q[0], q[1])));
                    program.addStep(new Step(matrixGate(Gates.p(-lambda / 2).targetMatrix(), q[1])));
                    program.addStep(new Step(new Cnot(q[0], q[1])));
                }
                default -> throw new IllegalArgumentException("no Strange translation for gate " + g.name());
            }
        }
        return program;
    }

    private static org.redfx.strange.Gate single(Gate g, int qubit) {
        return g.name().equals("h") ? new Hadamard(qubit) : matrixGate(g.targetMatrix(), qubit);
    }

    private static org.redfx.strange.Gate matrixGate(Matrix m, int qubit) {
        Complex[][] c = new Complex[2][2];
        for (int r = 0; r < 2; r++) for (int k = 0; k < 2; k++) c[r][k] = new Complex(m.re(r, k), m.im(r, k));
        return new SingleQubitMatrixGate(qubit, c);
    }

    /** Runs the program; returns Strange's final amplitudes (single precision). */
    static Complex[] run(Program program) {
        Result r = new SimpleQuantumExecutionEnvironment().runProgram(program);
        return r.getProbability();
    }
}
