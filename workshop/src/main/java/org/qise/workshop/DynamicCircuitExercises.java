package org.qise.workshop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.DynamicBlock;
import org.qise.circuit.Operation;
import org.qise.circuit.Register;
import org.qise.qasm.QasmException;
import org.qise.qasm.QasmParser;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/** Checkers for the OpenQASM 3 dynamic-circuits lesson (19), whose answers are whole programs. */
public final class DynamicCircuitExercises {
    private DynamicCircuitExercises() {}

    /** Complex test states u(θ, φ, 0)|0⟩: a real one would let a missing Z correction pass. */
    private static final double[][] TEST_STATES = {{1.1, 0.7}, {2.0, -1.3}, {0.6, 2.4}};
    private static final int SHOTS = 400;
    private static final long SEED = 19;

    /** {@link #teleportationProgram(Circuit)} for OpenQASM (3) text, as a notebook cell holds it. */
    public static Feedback teleportationProgram(String qasm) {
        try {
            return teleportationProgram(QasmParser.parse(qasm, "your program"));
        } catch (QasmException e) {
            return Feedback.wrong("teleportation-program", "the program does not read: " + e.getMessage());
        }
    }

    /**
     * Lesson 19: teleportation as one OpenQASM 3 program on three qubits: q[0] holds Alice's
     * state when the program starts, q[1] and q[2] start in |0⟩; at the end q[2] must hold that
     * state. The checker puts complex test states on q[0] before the program and, after it,
     * undoes the state on q[2] and measures it: right means |0⟩ in every shot. So that the state
     * cannot simply be moved across, Bob's q[2] may meet other qubits in a two-qubit gate only
     * before anything touches q[0] (to share the Bell pair); after that only classical bits
     * reach it.
     */
    public static Feedback teleportationProgram(Circuit program) {
        return teleportationProgram(program, () -> {});
    }

    /**
     * As {@link #teleportationProgram(Circuit)}, calling {@code checkpoint} between slices of the
     * work (as the simulator reports progress); a grader stops a check that runs too long by
     * throwing from it, and the exception leaves this method.
     */
    public static Feedback teleportationProgram(Circuit program, Runnable checkpoint) {
        String name = "teleportation-program";
        if (program.numQubits() != 3) {
            return Feedback.wrong(name, "the program should have 3 qubits (q[0] Alice's state, q[1] her half of the pair,"
                    + " q[2] Bob's half), not " + program.numQubits());
        }
        if (!program.hasMeasurements()) {
            return Feedback.wrong(name, "nothing is measured: Alice measures q[0] and q[1] and Bob's corrections depend on her two bits");
        }
        String cheat = quantumLinkToBob(program, checkpoint);
        if (cheat != null) return Feedback.wrong(name, cheat);
        for (double[] state : TEST_STATES) {
            double theta = state[0], phi = state[1];
            CircuitBuilder b = Circuit.builder();
            for (Register r : program.qregs()) b.qreg(r.name(), r.size());
            for (Register r : program.cregs()) b.creg(r.name(), r.size());
            b.creg("check__", 1);
            int checkBit = program.numClbits();
            b.u(theta, phi, 0, 0).append(program);
            // u(θ, φ, λ)⁻¹ = u(−θ, −λ, −φ): q[2] returns to |0⟩ exactly when it holds Alice's state.
            Circuit test = b.u(-theta, 0, -phi, 2).measure(2, checkBit).build();
            Map<String, Long> wrongByBits = new TreeMap<>();
            long wrong = 0;
            checkpoint.run();
            try (Result r = Simulator.builder().shots(SHOTS).seed(SEED).threads(1)
                    .progress((done, total, what) -> checkpoint.run()).build().run(test)) {
                for (var e : r.counts().entrySet()) {
                    String bits = e.getKey().replace(" ", "");
                    if (bits.charAt(0) == '1') {
                        wrong += e.getValue();
                        wrongByBits.merge(bits.substring(1), e.getValue(), Long::sum);
                    }
                }
            } catch (QasmException e) {
                // A loop that never ends in some shot reaches the reader's step limit there.
                return Feedback.wrong(name, "a shot of the program did not finish: " + e.getMessage());
            }
            if (wrong > 0) {
                return Feedback.wrong(name, String.format(Locale.ROOT,
                        "with Alice's state u(%.1f, %.1f, 0)|0⟩ on q[0], q[2] ends in a different state in %d of %d shots"
                                + " (by the program's own bits, c[n-1]…c[0]: %s). Alice measures q[0] after CX(q[0], q[1]) and H(q[0]);"
                                + " Bob then needs X on q[2] when her bit from q[1] is 1, and after that Z when her bit from q[0] is 1.",
                        theta, phi, wrong, SHOTS, wrongByBits));
            }
        }
        return Feedback.right(name, "q[2] ends in Alice's state in every shot, for " + TEST_STATES.length
                + " states with complex amplitudes, with only two classical bits crossing over");
    }

    /**
     * Why the program is no teleportation, or null: a two-qubit gate between q[2] and another
     * qubit once q[0] is in play. Dynamic blocks are followed by running them with made-up
     * classical bits and measurement outcomes (all 0, all 1, then random patterns) and recording
     * what they apply.
     */
    private static String quantumLinkToBob(Circuit program, Runnable checkpoint) {
        List<Operation> ops = new ArrayList<>();
        Random outcomes = new Random(7);
        for (int pattern = 0; pattern < 8; pattern++) {
            checkpoint.run();
            ops.clear();
            for (Operation op : program.operations()) {
                if (op instanceof Operation.Dynamic d) {
                    ops.addAll(record(d.block(), program.numClbits(), pattern, outcomes));
                } else {
                    ops.add(op);
                }
            }
            boolean aliceStarted = false;
            for (Operation op : ops) {
                int[] qs = op instanceof Operation.Barrier ? new int[0] : op.qubits();
                boolean touchesAlice = false, touchesBob = false;
                for (int q : qs) {
                    touchesAlice |= q == 0;
                    touchesBob |= q == 2;
                }
                if ((aliceStarted || touchesAlice) && touchesBob && qs.length > 1) {
                    return "once q[0] is in play, q[2] takes part in a two-qubit operation (" + op
                            + "): in teleportation only Alice's two classical bits travel to Bob, so q[2] gets one-qubit"
                            + " gates only, chosen by those bits";
                }
                aliceStarted |= touchesAlice;
            }
        }
        return null;
    }

    /** The operations a dynamic block applies for one pattern of bits and outcomes: 0 all 0, 1 all 1, else random. */
    private static List<Operation> record(DynamicBlock block, int clbits, int pattern, Random random) {
        List<Operation> applied = new ArrayList<>();
        java.util.function.IntSupplier outcome = () -> pattern < 2 ? pattern : random.nextInt(2);
        boolean[] bits = new boolean[clbits];
        for (int i = 0; i < clbits; i++) bits[i] = outcome.getAsInt() == 1;
        Map<Object, Object> scratch = new HashMap<>();
        try {
            block.run(new DynamicBlock.ShotContext() {
                @Override public void apply(Operation.GateOp gate) { applied.add(gate); }

                @Override public int measure(int qubit) {
                    applied.add(new Operation.Measure(qubit, 0, null));
                    return outcome.getAsInt();
                }

                @Override public void reset(int qubit) { applied.add(new Operation.Reset(qubit, null)); }

                @Override public boolean[] bits() { return bits; }

                @Override public Map<Object, Object> scratch() { return scratch; }
            });
        } catch (RuntimeException e) {
            // A loop that made-up outcomes never end hits the reader's step limit: what was recorded is enough.
        }
        return applied;
    }
}
