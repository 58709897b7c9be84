package org.qise.qasm3;

import org.qise.circuit.DynamicBlock.ShotContext;
import org.qise.circuit.Gate;
import org.qise.circuit.Operation;

/** Runs operations on one shot's state: measurement outcomes are known here. */
final class ShotBackend implements Backend {
    private final ShotContext shot;

    ShotBackend(ShotContext shot) { this.shot = shot; }

    @Override public void gate(Gate gate, int[] qubits) { shot.apply(new Operation.GateOp(gate, qubits, null)); }

    @Override public void globalPhase(double phi) { }

    @Override public void measure(int qubit, int clbit) { shot.bits()[clbit] = shot.measure(qubit) == 1; }

    @Override public int measureValue(int qubit) { return shot.measure(qubit); }

    @Override public void reset(int qubit) { shot.reset(qubit); }

    @Override public void barrier(int[] qubits) { }

    @Override public int readBit(int clbit) { return shot.bits()[clbit] ? 1 : 0; }

    @Override public void writeBit(int clbit, int value) { shot.bits()[clbit] = value == 1; }
}
