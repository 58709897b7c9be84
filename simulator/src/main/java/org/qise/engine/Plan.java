package org.qise.engine;

import java.util.List;
import org.qise.circuit.Operation;

/**
 * A run of gates compiled for one engine and one state size: an immutable value built once by
 * {@link Engine#compile} and run any number of times with {@link QuantumState#run(Plan)}, on
 * any state of that size from the same engine (progress slices, shots, trajectories).
 *
 * <p>A plan is a list of {@link Step steps}; each step is what the engine does in one go (for
 * the fast engine: one memory pass, a stage of fused blocks run chunk by chunk in cache, or a
 * gate too wide for a stage). Steps are the unit of progress: {@link QuantumState#run(Plan, int, int)}
 * runs a slice of them. What a step does depends only on the gates and the state size, never on
 * threads, so a seed gives the same bits on any machine.
 *
 * <p>Later parameter bindings are meant to refresh the matrices of a plan without planning
 * again: a step records the gates it was built from, and the structure (stages, blocks, their
 * qubits) depends only on which qubits the gates touch and whether their matrices are diagonal,
 * permutations or dense, so an engine can rebuild only the blocks whose gates changed
 * (see docs/engine.md).
 */
public interface Plan {

    /** The size of state the plan runs on. */
    int numQubits();

    /** The gates the plan was compiled from, in circuit order. */
    List<Operation.GateOp> gates();

    /** The steps, in the order they run, with their descriptions (engines may build these only when asked). */
    List<Step> steps();

    /** Number of steps; cheap, unlike {@link #steps()}. */
    default int stepCount() {
        return steps().size();
    }

    /** The gates step {@code i} applies; cheap, unlike {@link #steps()}. */
    default List<Operation.GateOp> stepGates(int i) {
        return steps().get(i).gates();
    }

    /** Name of the engine that compiled the plan. */
    String engine();

    /**
     * One step of a plan.
     *
     * @param gates  the gates it applies (some engines reorder commuting gates within a step)
     * @param kind   what it is, e.g. {@code "gate"}, {@code "pass"}, {@code "stage"}
     * @param blocks one line per fused block or kernel, for {@link #explain()}
     * @param passes memory passes over the state the step makes
     * @param cost   modelled cost in nanoseconds of one core's work (0 where the engine has no model)
     */
    record Step(List<Operation.GateOp> gates, String kind, List<String> blocks, int passes, double cost) {
        public Step {
            gates = List.copyOf(gates);
            blocks = List.copyOf(blocks);
        }
    }

    /** Sum of the steps' modelled costs, in nanoseconds of one core's work. */
    default double modelledCost() {
        double c = 0;
        for (Step s : steps()) c += s.cost();
        return c;
    }

    /** Memory passes over the state the whole plan makes. */
    default long passes() {
        long p = 0;
        for (Step s : steps()) p += s.passes();
        return p;
    }

    /** The plan as text a person can read: one line per step and one per block. */
    default String explain() {
        StringBuilder sb = new StringBuilder();
        List<Step> steps = steps();
        sb.append(String.format("plan     engine %s, %d qubits, %d gates -> %d steps, %d memory passes, modelled %s%n",
                engine(), numQubits(), gates().size(), steps.size(), passes(), PlanText.nanos(modelledCost())));
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            sb.append(String.format("  step %d: %s, %d gate(s), %d pass(es), modelled %s%n",
                    i + 1, s.kind(), s.gates().size(), s.passes(), PlanText.nanos(s.cost())));
            for (String b : s.blocks()) sb.append("    ").append(b).append('\n');
        }
        return sb.toString();
    }
}
