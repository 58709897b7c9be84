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
    private List<Step> steps; // described on first request

    public GatePlan(String engine, int numQubits, List<Operation.GateOp> gates) {
        GateChecks.gates(numQubits, gates);
        this.engine = engine;
        this.numQubits = numQubits;
        this.gates = List.copyOf(gates);
    }

    @Override public int numQubits() { return numQubits; }

    @Override public List<Operation.GateOp> gates() { return gates; }

    @Override
    public synchronized List<Step> steps() {
        if (steps == null) {
            List<Step> s = new ArrayList<>(gates.size());
            for (Operation.GateOp g : gates) s.add(new Step(List.of(g), "gate", List.of(g.gate().name() + " on " + java.util.Arrays.toString(g.qubits())), 1, 0));
            steps = List.copyOf(s);
        }
        return steps;
    }

    @Override public int stepCount() { return gates.size(); }

    @Override public List<Operation.GateOp> stepGates(int i) { return List.of(gates.get(i)); }

    @Override public String engine() { return engine; }
}
