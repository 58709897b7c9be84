package org.qise.qasm3;

import org.qise.circuit.Gate;
import org.qise.circuit.Matrix;
import org.qise.qasm3.Ast.Pos;

/** Multiplies a gate body out into one dense unitary (global phase included), for modifiers. */
class MatrixBackend implements Backend {
    private final int k;
    private final Interpreter in;
    private final Pos pos;
    Matrix matrix;

    MatrixBackend(int k, Interpreter in, Pos pos) {
        this.k = k;
        this.in = in;
        this.pos = pos;
        this.matrix = Matrix.identity(1 << k);
    }

    @Override public void gate(Gate gate, int[] qubits) { matrix = gate.matrix().embed(k, qubits).times(matrix); }

    @Override public void globalPhase(double phi) { matrix = matrix.timesPhase(phi); }

    private RuntimeException notInGate(String what) { return in.error(pos, what + " is not allowed inside a gate"); }

    @Override public void measure(int qubit, int clbit) { throw notInGate("measure"); }

    @Override public int measureValue(int qubit) { throw notInGate("measure"); }

    @Override public void reset(int qubit) { throw notInGate("reset"); }

    @Override public void barrier(int[] qubits) { }

    @Override public int readBit(int clbit) { throw notInGate("reading a bit"); }

    @Override public void writeBit(int clbit, int value) { throw notInGate("writing a bit"); }
}
