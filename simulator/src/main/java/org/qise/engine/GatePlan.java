package org.qise.engine;

import java.util.ArrayList;
import java.util.List;
import org.qise.circuit.Operation;

/**
 * The plan of an engine that compiles nothing: one step per gate, applied as it is. Engines
 * without a planner of their own get it from {@link Engine#compile}'s default.
 */
public final class GatePlan implements Plan {
    private final String engine;
    private final int numQubits;
    private final List<Operation.GateOp> gates;
    private final List<Step> steps;

    public GatePlan(String engine, int numQubits, List<Operation.GateOp> gates) {
        GateChecks.gates(numQubits, gates);
        this.engine = engine;
        this.numQubits = numQubits;
        this.gates = List.copyOf(gates);
        List<Step> s = new ArrayList<>(gates.size());
        for (Operation.GateOp g : this.gates) s.add(new Step(List.of(g), "gate", List.of(g.gate().name() + " on " + java.util.Arrays.toString(g.qubits())), 1, 0));
        this.steps = List.copyOf(s);
    }

    @Override public int numQubits() { return numQubits; }

    @Override public List<Operation.GateOp> gates() { return gates; }

    @Override public List<Step> steps() { return steps; }

    @Override public String engine() { return engine; }
}
