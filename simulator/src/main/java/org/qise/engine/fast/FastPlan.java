package org.qise.engine.fast;

import java.util.ArrayList;
import java.util.List;
import org.qise.circuit.Operation;
import org.qise.engine.GateChecks;
import org.qise.engine.Plan;

/** A plan of the fast engine: its compiled steps (kernels built) and their descriptions. */
final class FastPlan implements Plan {
    private final int n;
    private final int fusionQubits;
    /** Whether the steps were compiled for single-precision states (every large step a stage). */
    final boolean single;
    private final List<Operation.GateOp> gates;
    final CompiledStep[] compiled;
    /** The descriptions, built on first request: compiling stays as cheap as planning was. */
    private List<Step> steps;

    private FastPlan(int n, int fusionQubits, boolean single, List<Operation.GateOp> gates, List<CompiledStep> compiled) {
        this.n = n;
        this.single = single;
        this.fusionQubits = fusionQubits;
        this.gates = gates;
        this.compiled = compiled.toArray(CompiledStep[]::new);
    }

    static FastPlan compile(int n, List<Operation.GateOp> gates, int fusionQubits) {
        return compile(n, gates, fusionQubits, false);
    }

    /** @param single compile for single-precision states (see {@link StageRunner#compile(List, int, int, boolean)}) */
    static FastPlan compile(int n, List<Operation.GateOp> gates, int fusionQubits, boolean single) {
        GateChecks.gates(n, gates);
        List<Operation.GateOp> copy = List.copyOf(gates);
        return new FastPlan(n, fusionQubits, single, copy, StageRunner.compile(copy, n, fusionQubits, single));
    }

    @Override public int numQubits() { return n; }

    @Override public List<Operation.GateOp> gates() { return gates; }

    @Override
    public synchronized List<Step> steps() {
        if (steps == null) {
            List<Step> s = new ArrayList<>(compiled.length);
            for (CompiledStep c : compiled) s.add(c.describe(n));
            steps = List.copyOf(s);
        }
        return steps;
    }

    @Override public int stepCount() { return compiled.length; }

    @Override public List<Operation.GateOp> stepGates(int i) { return compiled[i].gates; }

    @Override public String engine() { return "fast"; }

    int fusionQubits() { return fusionQubits; }
}
