package org.qise.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qise.circuit.Circuit;
import org.qise.circuit.Condition;
import org.qise.circuit.DynamicBlock;
import org.qise.circuit.Operation;
import org.qise.engine.Engine;
import org.qise.engine.Plan;
import org.qise.engine.QuantumState;

/**
 * A shot-by-shot circuit compiled once: the unconditional gates before the first mid-circuit
 * operation (the {@link #prefix}, run once and copied for every shot), then a list of
 * instructions: compiled runs of gates between measurements and resets, conditional gates (each
 * a compiled one-gate plan), measurements and resets. Every shot replays the same instructions;
 * nothing is planned again, however many shots run.
 */
final class ShotProgram {

    sealed interface Instruction {}

    /** A run of gates; {@code condition} null for unconditional runs. */
    record Gates(Plan plan, Condition condition) implements Instruction {}

    record Measure(int qubit, int clbit, Condition condition) implements Instruction {}

    record Reset(int qubit, Condition condition) implements Instruction {}

    /** Classical control flow decided per shot (OpenQASM 3); its gates are batched between its measurements. */
    record Dynamic(DynamicBlock block, Condition condition) implements Instruction {}

    /** A reset of a qubit known to be in a basis state: it only draws its number. */
    record Draw() implements Instruction {}

    /** A measurement of a qubit known to be in a basis state: the bit is certain; it draws its number. */
    record SetBit(int clbit, boolean value) implements Instruction {}

    /** Qubits of the state the shots run on: the circuit's, or fewer when known qubits were compacted away. */
    final int stateQubits;
    final Plan prefix;
    final List<Instruction> instructions;
    /** Plans compiled, the prefix's included: each distinct run of gates once. */
    final int compilations;
    /** What the known-qubit tracker took off the state. */
    final KnownQubits.Counts known;

    private ShotProgram(int stateQubits, Plan prefix, List<Instruction> instructions, int compilations, KnownQubits.Counts known) {
        this.stateQubits = stateQubits;
        this.prefix = prefix;
        this.instructions = List.copyOf(instructions);
        this.compilations = compilations;
        this.known = known;
    }

    static ShotProgram compile(Circuit circuit, Engine engine) {
        return compile(circuit, engine, true);
    }

    /**
     * @param trackKnownQubits whether qubits in a known basis state are followed at compile time
     *                         ({@link KnownQubits}); false runs every operation on the state, as
     *                         the reference the tests compare with
     */
    static ShotProgram compile(Circuit circuit, Engine engine, boolean trackKnownQubits) {
        KnownQubits.Rewrite rewrite = trackKnownQubits ? KnownQubits.rewrite(circuit.numQubits(), circuit.operations())
                : KnownQubits.none(circuit.numQubits(), circuit.operations());
        int n = stateQubits(rewrite, circuit, engine);
        List<KnownQubits.Step> steps = rewrite.steps();
        List<Instruction> out = new ArrayList<>();
        int i = 0;
        // The prefix: gates on the state before its first measurement, reset or condition. Known
        // resets and measurements among them draw numbers but do not touch the state, so they
        // go first into every shot while their gates go into the prefix.
        List<Operation.GateOp> prefixGates = new ArrayList<>();
        for (; i < steps.size(); i++) {
            KnownQubits.Step st = steps.get(i);
            if (st instanceof KnownQubits.Physical(Operation.GateOp g) && g.condition() == null) prefixGates.add(g);
            else if (st instanceof KnownQubits.Physical) break;
            else out.add(known(st));
        }
        Plan prefix = engine.compile(n, prefixGates);
        int compilations = 1;
        List<Operation.GateOp> run = new ArrayList<>();
        for (; i < steps.size(); i++) {
            KnownQubits.Step st = steps.get(i);
            if (st instanceof KnownQubits.Physical(Operation.GateOp g) && g.condition() == null) {
                run.add(g);
                continue;
            }
            if (!(st instanceof KnownQubits.Physical(Operation op))) { // state untouched: the run of gates goes on
                out.add(known(st));
                continue;
            }
            if (!run.isEmpty()) {
                out.add(new Gates(engine.compile(n, run), null));
                compilations++;
                run = new ArrayList<>();
            }
            switch (op) {
                case Operation.GateOp g -> {
                    out.add(new Gates(engine.compile(n, List.of(g)), g.condition()));
                    compilations++;
                }
                case Operation.Measure m -> out.add(new Measure(m.qubit(), m.clbit(), m.condition()));
                case Operation.Reset r -> out.add(new Reset(r.qubit(), r.condition()));
                case Operation.Dynamic d -> out.add(new Dynamic(d.block(), d.condition()));
                case Operation.Barrier b -> { }
                case Operation.ChannelOp c -> throw new IllegalStateException("noise channels are rejected before a run");
            }
        }
        if (!run.isEmpty()) {
            out.add(new Gates(engine.compile(n, run), null));
            compilations++;
        }
        return new ShotProgram(n, prefix, out, compilations, rewrite.counts());
    }

    /** Qubits of the shots' state; slots past those the program uses stay |0⟩, so padding up to the engine's minimum is harmless. */
    static int stateQubits(KnownQubits.Rewrite rewrite, Circuit circuit, Engine engine) {
        return Math.max(rewrite.stateQubits(), Math.min(circuit.numQubits(), engine.minimumQubits()));
    }

    private static Instruction known(KnownQubits.Step st) {
        return switch (st) {
            case KnownQubits.KnownReset r -> new Draw();
            case KnownQubits.KnownMeasure m -> new SetBit(m.clbit(), m.value());
            case KnownQubits.Physical p -> throw new IllegalArgumentException("not a known-qubit step: " + p);
        };
    }

    /**
     * One shot on {@code s} (a copy of the state after the prefix): conditions are read when
     * their instruction comes, measurements and resets each draw one number from {@code rng}.
     */
    boolean[] run(QuantumState s, int numClbits, Rng rng) {
        boolean[] bits = new boolean[numClbits];
        Shot shot = null;
        for (Instruction in : instructions) {
            switch (in) {
                case Gates g -> {
                    if (g.condition() == null || g.condition().holds(bits)) s.run(g.plan());
                }
                case Measure m -> {
                    if (m.condition() == null || m.condition().holds(bits)) bits[m.clbit()] = s.measure(m.qubit(), rng.nextDouble()) == 1;
                }
                case Reset r -> {
                    if (r.condition() == null || r.condition().holds(bits)) s.reset(r.qubit(), rng.nextDouble());
                }
                case Draw d -> rng.nextDouble(); // the number the reset would have drawn
                case SetBit b -> {
                    rng.nextDouble(); // the number the measurement would have drawn
                    bits[b.clbit()] = b.value();
                }
                case Dynamic d -> {
                    if (d.condition() == null || d.condition().holds(bits)) {
                        if (shot == null) shot = new Shot(s, new ArrayList<>(), bits, rng, new HashMap<>());
                        d.block().run(shot);
                        shot.flush();
                    }
                }
            }
        }
        return bits;
    }

    /** One shot as a dynamic block sees it: its gates wait until it measures, resets or ends. */
    private record Shot(QuantumState s, List<Operation.GateOp> pending, boolean[] bits, Rng rng,
                        Map<Object, Object> scratch) implements DynamicBlock.ShotContext {
        @Override public void apply(Operation.GateOp gate) { pending.add(gate); }

        @Override public int measure(int qubit) {
            flush();
            return s.measure(qubit, rng.nextDouble());
        }

        @Override public void reset(int qubit) {
            flush();
            s.reset(qubit, rng.nextDouble());
        }

        void flush() {
            if (!pending.isEmpty()) {
                s.applyAll(pending);
                pending.clear();
            }
        }
    }

    /** What runs, for {@code --explain}: a summary, then the prefix and the first runs of gates in full. */
    String explain(long shots, int fullPlans) {
        int gateRuns = 0, conditional = 0, measures = 0, resets = 0, dynamic = 0;
        long steps = 0, passes = 0;
        for (Instruction in : instructions) {
            switch (in) {
                case Gates g -> {
                    if (g.condition() == null) gateRuns++;
                    else conditional++;
                    steps += g.plan().steps().size();
                    passes += g.plan().passes();
                }
                case Measure m -> measures++;
                case Reset r -> resets++;
                case Dynamic d -> dynamic++;
                case Draw d -> resets++; // counted with the others: the summary describes the circuit
                case SetBit b -> measures++;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("program  shot by shot, %d shot(s): a prefix of %d gate(s) run once, then per shot %d run(s) of gates, "
                        + "%d conditional gate(s), %d measurement(s), %d reset(s), %d dynamic block(s)%n", shots, prefix.gates().size(), gateRuns, conditional,
                measures, resets, dynamic));
        sb.append(String.format("         %d plans compiled once and replayed every shot: %d steps, %d memory passes per shot (plus one read per measurement or reset on the state)%n",
                compilations, steps, passes));
        sb.append(String.format("         qubits in a known basis state, kept off the state: %d gate(s) only recorded, %d with known controls dropped, "
                        + "%d reset(s) and %d measurement(s) with a certain outcome, %d qubit(s) handed back to the state%n",
                known.classicalGates(), known.reducedGates(), known.knownResets(), known.knownMeasures(), known.materialisations()));
        sb.append(String.format("         the shots run on a state of %d qubit(s): a qubit has a place in it only while its value is not known, and the plans below name those places%n", stateQubits));
        sb.append("prefix   ").append(prefix.explain());
        int shown = 0;
        for (Instruction in : instructions) {
            if (shown >= fullPlans) break;
            if (in instanceof Gates g) {
                sb.append(g.condition() == null ? "run      " : "if       ").append(g.plan().explain());
                shown++;
            }
        }
        if (gateRuns + conditional > shown) sb.append(String.format("…        %d more run(s) of gates%n", gateRuns + conditional - shown));
        return sb.toString();
    }
}
