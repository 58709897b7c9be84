package org.qise.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;
import org.qise.engine.Engine;
import org.qise.engine.Plan;

/**
 * The plans of one parametric circuit run at many points (a sweep): the circuit is compiled
 * once per engine kind, and each point's gates re-bind that plan ({@link Engine#rebind}), which
 * keeps the stages and fusion grouping and rebuilds only blocks whose matrices changed. Give it
 * to {@link Simulator.Builder#planReuse}; safe to share between threads and simulators.
 *
 * <p>The plan is compiled at a generic point (distinct, irrational-looking values), not at the
 * first point of the sweep: a first point such as θ = 0 makes {@code ry(θ)} the identity, a
 * diagonal matrix that fusion groups differently, and re-binding such a plan would have to
 * compile every later point afresh. A point that is itself degenerate in that way is compiled
 * on its own by {@code rebind}, so every point's plan runs bit for bit like a fresh compilation.
 */
public final class PlanReuse {
    private final Circuit parametric;
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();

    /** @param parametric the circuit with its parameters symbolic; runs given this reuse must be bindings of it */
    public PlanReuse(Circuit parametric) {
        this.parametric = parametric;
    }

    /** The plan for {@code gates} (a binding of the circuit's gates) on {@code engine}. */
    Plan plan(Engine engine, int numQubits, List<Operation.GateOp> gates) {
        if (numQubits != parametric.numQubits()) return engine.compile(numQubits, gates);
        String kind = engine.name() + "/" + engine.precision().label() + "/" + engine.resultOptions();
        Plan base = plans.computeIfAbsent(kind, k -> engine.compile(numQubits, gatesOf(parametric.bind(genericPoint()))));
        if (base.gates().size() != gates.size()) return engine.compile(numQubits, gates);
        return engine.rebind(base, gates);
    }

    private Map<String, Double> genericPoint() {
        Map<String, Double> point = new LinkedHashMap<>();
        List<String> names = parametric.parameters();
        // distinct values far from multiples of π/2, so that no sum or difference of a few of them lands on one either
        for (int k = 0; k < names.size(); k++) point.put(names.get(k), 0.3183098861837907 * (k + 1) + 0.1414213562373095 / (k + 2));
        return point;
    }

    static List<Operation.GateOp> gatesOf(Circuit circuit) {
        List<Operation.GateOp> gates = new ArrayList<>();
        for (Operation op : circuit.operations()) if (op instanceof Operation.GateOp g) gates.add(g);
        return gates;
    }
}
