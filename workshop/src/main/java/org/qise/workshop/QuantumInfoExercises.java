package org.qise.workshop;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/** Checkers for the quantum-information lessons: Bloch vectors, BB84, no-cloning, the bit-flip code. */
public final class QuantumInfoExercises {
    private QuantumInfoExercises() {}

    /**
     * The Bloch vector (x, y, z) of a one-qubit state given as {re0, im0, re1, im1}:
     * x = 2 Re(ā b), y = 2 Im(ā b), z = |a|² − |b|² for the state a|0⟩ + b|1⟩.
     */
    public static Feedback blochVector(Function<double[], double[]> answer) {
        String name = "bloch-vector";
        double h = Math.sqrt(0.5);
        double[][] states = {{1, 0, 0, 0}, {0, 0, 1, 0}, {h, 0, h, 0}, {h, 0, 0, h}, {h, 0, -h, 0},
            {Math.cos(0.4), 0, Math.sin(0.4) * Math.cos(1.1), Math.sin(0.4) * Math.sin(1.1)}, {0, h, h, 0}};
        for (double[] s : states) {
            double ar = s[0], ai = s[1], br = s[2], bi = s[3];
            double[] expected = {2 * (ar * br + ai * bi), 2 * (ar * bi - ai * br), ar * ar + ai * ai - br * br - bi * bi};
            double[] got = answer.apply(s.clone());
            if (got == null || got.length != 3) {
                return Feedback.wrong(name, "the answer must be three numbers {x, y, z}, not " + Arrays.toString(got));
            }
            for (int i = 0; i < 3; i++) {
                if (Math.abs(got[i] - expected[i]) > 1e-9) {
                    return Feedback.wrong(name, String.format(Locale.ROOT, "for the state %s the Bloch vector is (%.3f, %.3f, %.3f), not (%.3f, %.3f, %.3f):"
                                    + " %s is wrong", States.ket(s, 1), expected[0], expected[1], expected[2], got[0], got[1], got[2], "xyz".charAt(i)));
                }
            }
        }
        return Feedback.right(name, "the Bloch vectors of " + states.length + " states are right");
    }

    /** BB84 sifting: (Alice's bases, Bob's bases, Bob's results) → Bob's bits where the bases agree, in order. */
    @FunctionalInterface
    public interface Sifting {
        List<Integer> sift(int[] aliceBases, int[] bobBases, int[] bobResults);
    }

    public static Feedback bb84Sifting(Sifting answer) {
        String name = "bb84-sifting";
        Random random = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            int n = 4 + random.nextInt(12);
            int[] a = new int[n], b = new int[n], r = new int[n];
            List<Integer> expected = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                a[i] = random.nextInt(2);
                b[i] = random.nextInt(2);
                r[i] = random.nextInt(2);
                if (a[i] == b[i]) expected.add(r[i]);
            }
            List<Integer> got = answer.sift(a.clone(), b.clone(), r.clone());
            if (!expected.equals(got)) {
                return Feedback.wrong(name, "bases " + Arrays.toString(a) + " (Alice) and " + Arrays.toString(b) + " (Bob), Bob's results "
                        + Arrays.toString(r) + ": the sifted key keeps Bob's results where the bases agree, " + expected + ", not " + got);
            }
        }
        return Feedback.right(name, "the sifted keys are right in 20 random cases");
    }

    /**
     * No-cloning: the fidelity ⟨ψ|ρ|ψ⟩ of the "copy" a CNOT makes of |ψ⟩ = Ry(θ)|0⟩ onto a fresh
     * |0⟩, as a function of θ. The copy's reduced state ρ is cos²(θ/2)|0⟩⟨0| + sin²(θ/2)|1⟩⟨1|.
     */
    public static Feedback copyFidelity(DoubleUnaryOperator answer) {
        String name = "copy-fidelity";
        for (double theta : new double[] {0, 0.3, Math.PI / 2, 2.0, Math.PI}) {
            double c = Math.pow(Math.cos(theta / 2), 2), s = Math.pow(Math.sin(theta / 2), 2);
            double expected = c * c + s * s;
            double got = answer.applyAsDouble(theta);
            if (Math.abs(got - expected) > 1e-9) {
                return Feedback.wrong(name, String.format(Locale.ROOT, "at θ = %.3f the fidelity is %.4f, not %.4f: the copy is |0⟩ with"
                        + " probability cos²(θ/2) and |1⟩ with sin²(θ/2), with no coherence between them", theta, expected, got));
            }
        }
        return Feedback.right(name, "the fidelity matches cos⁴(θ/2) + sin⁴(θ/2): perfect only for |0⟩ and |1⟩, 1/2 at worst for |+⟩");
    }

    /**
     * The three-qubit bit-flip code: {@code corrections} adds, after the syndrome is measured into
     * the two-bit register "s" (s[0] = parity of qubits 0,1; s[1] = parity of qubits 1,2), the
     * conditional X that undoes a single bit flip. Checked with no error and a flip on each qubit.
     */
    public static Feedback bitFlipCorrection(Consumer<CircuitBuilder> corrections) {
        String name = "bit-flip-correction";
        double theta = 1.3;
        for (int error = -1; error < 3; error++) {
            CircuitBuilder b = Circuit.builder().qreg("q", 5).creg("s", 2).creg("out", 3)
                    .ry(theta, 0).cx(0, 1).cx(0, 2);
            if (error >= 0) b.x(error);
            b.cx(0, 3).cx(1, 3).cx(1, 4).cx(2, 4).measure(3, 0).measure(4, 1);
            corrections.accept(b);
            // Undo the encoding and the state: all three data qubits must be back at |0⟩, so that
            // a wrong flip on qubit 1 or 2 is caught too (it would not disturb qubit 0 alone).
            Circuit circuit = b.cx(0, 2).cx(0, 1).ry(-theta, 0).measure(0, 2).measure(1, 3).measure(2, 4).build();
            try (Result r = Simulator.builder().shots(200).seed(9).build().run(circuit)) {
                long wrong = r.counts().entrySet().stream().filter(e -> !e.getKey().startsWith("000")).mapToLong(e -> e.getValue()).sum();
                if (wrong > 0) {
                    String syndrome = r.counts().keySet().iterator().next().substring(4);
                    return Feedback.wrong(name, (error < 0 ? "with no error" : "with a bit flip on qubit " + error)
                            + " the code block is not restored in " + wrong + " of 200 shots (syndrome s = " + syndrome + ")."
                            + " Syndrome 01 means qubit 0 flipped, 11 qubit 1, 10 qubit 2: ifEquals(\"s\", value, …) with value 1, 3, 2.");
                }
            }
        }
        return Feedback.right(name, "every single bit flip is corrected, and no error is left alone");
    }

    /**
     * Portal: the JSON body that publishes a circuit: title, the circuit's OpenQASM (it must read
     * back to the same circuit), a visibility (private, cohort or public) and a list of tags.
     */
    public static Feedback publishRequest(Function<Circuit, java.util.Map<String, Object>> answer) {
        String name = "publish-request";
        Circuit circuit = Circuit.builder(2, 2).h(0).cx(0, 1).measure(0, 0).measure(1, 1).build();
        java.util.Map<String, Object> body = answer.apply(circuit);
        if (body == null) return Feedback.wrong(name, "the request body is null");
        if (!(body.get("title") instanceof String title) || title.isBlank()) {
            return Feedback.wrong(name, "\"title\" must be a non-empty string, not " + body.get("title"));
        }
        if (!(body.get("qasm") instanceof String qasm)) {
            return Feedback.wrong(name, "\"qasm\" must hold the circuit's OpenQASM text (QasmExporter.export)");
        }
        Circuit back;
        try {
            back = org.qise.qasm.QasmParser.parse(qasm, "request.qasm");
        } catch (RuntimeException e) {
            return Feedback.wrong(name, "\"qasm\" is not valid OpenQASM: " + e.getMessage());
        }
        if (!back.equals(circuit)) {
            return Feedback.wrong(name, "\"qasm\" reads back to another circuit than the one given");
        }
        if (!List.of("private", "cohort", "public").contains(body.get("visibility"))) {
            return Feedback.wrong(name, "\"visibility\" must be \"private\", \"cohort\" or \"public\", not " + body.get("visibility"));
        }
        if (!(body.get("tags") instanceof List<?> tags) || !tags.stream().allMatch(t -> t instanceof String)) {
            return Feedback.wrong(name, "\"tags\" must be a list of strings, e.g. List.of(\"bell\")");
        }
        return Feedback.right(name, "the request has a title, OpenQASM that reads back to the circuit, a visibility and tags");
    }
}
