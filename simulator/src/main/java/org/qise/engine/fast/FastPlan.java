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

    /** Blocks rebuilt by the {@link #rebind} that made this plan; −1 for a plan compiled from scratch. */
    final int refreshedBlocks;

    private FastPlan(int n, int fusionQubits, boolean single, List<Operation.GateOp> gates, List<CompiledStep> compiled,
                     int refreshedBlocks) {
        this.n = n;
        this.single = single;
        this.fusionQubits = fusionQubits;
        this.gates = gates;
        this.compiled = compiled.toArray(CompiledStep[]::new);
        this.refreshedBlocks = refreshedBlocks;
    }

    /** Plans compiled from scratch in this JVM (tests count them to see that a re-binding did not compile). */
    static final java.util.concurrent.atomic.AtomicLong COMPILATIONS = new java.util.concurrent.atomic.AtomicLong();

    static FastPlan compile(int n, List<Operation.GateOp> gates, int fusionQubits) {
        return compile(n, gates, fusionQubits, false);
    }

    /** @param single compile for single-precision states (see {@link StageRunner#compile(List, int, int, boolean)}) */
    static FastPlan compile(int n, List<Operation.GateOp> gates, int fusionQubits, boolean single) {
        GateChecks.gates(n, gates);
        List<Operation.GateOp> copy = List.copyOf(gates);
        COMPILATIONS.incrementAndGet();
        return new FastPlan(n, fusionQubits, single, copy, StageRunner.compile(copy, n, fusionQubits, single), -1);
    }

    /**
     * This plan for the same circuit with new angles: when every gate has the same name, qubits,
     * controls and matrix kind (diagonal or not, and the same cost alone, so fusion would group
     * the gates the same way), the stages and groupings stay and only the blocks holding a
     * changed gate are rebuilt; the result is the plan a fresh compilation would give, bit for
     * bit. Otherwise it compiles afresh.
     */
    FastPlan rebind(List<Operation.GateOp> newGates) {
        if (newGates.size() != gates.size()) return compile(n, newGates, fusionQubits, single);
        boolean[] changed = new boolean[gates.size()];
        List<Operation.GateOp> copy = List.copyOf(newGates);
        for (int i = 0; i < changed.length; i++) {
            Operation.GateOp was = gates.get(i), now = copy.get(i);
            if (was == now) continue;
            if (!sameShape(was, now)) return compile(n, newGates, fusionQubits, single);
            // same matrix: the blocks built from it would come out the same (a re-bound circuit shares nothing by identity)
            if (was.gate().targetMatrix().equals(now.gate().targetMatrix())) continue;
            changed[i] = true;
        }
        GateChecks.gates(n, copy);
        int[] refreshed = new int[1];
        List<CompiledStep> steps = new ArrayList<>(compiled.length);
        for (CompiledStep c : compiled) steps.add(c.rebind(copy, changed, n, refreshed));
        return new FastPlan(n, fusionQubits, single, copy, steps, refreshed[0]);
    }

    /** Whether fusion treats the two gates alike: same qubits and controls, and the same matrix kind and cost. */
    private static boolean sameShape(Operation.GateOp a, Operation.GateOp b) {
        return java.util.Arrays.equals(a.qubits(), b.qubits())
                && a.gate().controls() == b.gate().controls()
                && a.gate().targets() == b.gate().targets()
                && a.gate().targetMatrix().isDiagonal() == b.gate().targetMatrix().isDiagonal()
                && BlockCost.of(new Fuser.Single(a)) == BlockCost.of(new Fuser.Single(b));
    }

    @Override public int numQubits() { return n; }

    @Override public List<Operation.GateOp> gates() { return gates; }

    @Override
    public synchronized List<Step> steps() {
        if (steps == null) {
            List<Step> s = new ArrayList<>(compiled.length);
            for (CompiledStep c : compiled) {
                Step d = c.describe(n);
                // Say which single-precision steps run in float and which widen their chunks to double.
                // A step in float names the float kernels that run, not the double ones it keeps for double states.
                if (single && !(c instanceof CompiledStep.FloatGate)) {
                    FloatBlocks.FloatKernel[] f = c.floatKernels(c.kernelQubits(n));
                    boolean inFloat = f != null;
                    List<String> blocks = inFloat ? floatKernelNames(d.blocks(), f) : d.blocks();
                    d = new Step(d.gates(), d.kind() + (inFloat ? ", in float" : ", widened to double"), blocks, d.passes(), d.cost());
                }
                s.add(d);
            }
            steps = List.copyOf(s);
        }
        return steps;
    }

    /** Each block line with its kernel (the text after the last "-> ") replaced by the float kernel of the same block. */
    private static List<String> floatKernelNames(List<String> lines, FloatBlocks.FloatKernel[] kernels) {
        if (lines.size() != kernels.length) return lines;
        List<String> out = new ArrayList<>(lines.size());
        for (int i = 0; i < kernels.length; i++) {
            String line = lines.get(i);
            int arrow = line.lastIndexOf("-> ");
            String name = kernels[i].getClass().getName().replace(FastPlan.class.getPackageName() + ".", "");
            out.add(arrow < 0 ? line : line.substring(0, arrow + 3) + name);
        }
        return out;
    }

    @Override public int stepCount() { return compiled.length; }

    @Override public List<Operation.GateOp> stepGates(int i) { return compiled[i].gates; }

    @Override public String engine() { return "fast"; }

    int fusionQubits() { return fusionQubits; }
}
