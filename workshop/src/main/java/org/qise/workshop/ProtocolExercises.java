package org.qise.workshop;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.sim.Bitstrings;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/** Checkers for the protocols: teleportation (lesson 3) and superdense coding. */
public final class ProtocolExercises {
    private ProtocolExercises() {}

    /**
     * Test states u(θ, φ, 0)|0⟩ with complex amplitudes: a real test state cannot tell Z|ψ⟩
     * from |ψ⟩ by Z-basis statistics, and a missing Z correction would pass unnoticed.
     */
    private static final double[][] TEST_STATES = {{1.1, 0.7}, {2.0, -1.3}, {0.6, 2.4}};
    private static final int SHOTS = 400;

    /**
     * Lesson 3: Bob's corrections. {@code corrections} adds, to a builder holding the protocol up
     * to Alice's measurements (registers m0, m1; Bob's qubit is 2), the conditional gates that
     * give Bob Alice's state. The checker then undoes Alice's preparation on Bob's qubit: with
     * the right corrections Bob's qubit is |0⟩ in every shot.
     */
    public static Feedback teleportationCorrections(Consumer<CircuitBuilder> corrections) {
        String name = "teleportation-corrections";
        for (double[] state : TEST_STATES) {
            double theta = state[0], phi = state[1];
            CircuitBuilder b = Circuit.builder().qreg("q", 3).creg("m0", 1).creg("m1", 1).creg("out", 1)
                    .u(theta, phi, 0, 0)
                    .h(1).cx(1, 2)
                    .cx(0, 1).h(0)
                    .measure(0, 0).measure(1, 1);
            corrections.accept(b);
            // u(θ, φ, λ)⁻¹ = u(−θ, −λ, −φ): Bob's qubit returns to |0⟩ exactly when it held the state.
            Circuit circuit = b.u(-theta, 0, -phi, 2).measure(2, 2).build();
            Map<String, Long> wrongByAlicesBits = new TreeMap<>();
            try (Result r = Simulator.builder().shots(SHOTS).seed(11).build().run(circuit)) {
                r.counts().forEach((bits, n) -> {
                    if (bits.startsWith("1")) wrongByAlicesBits.merge("m1=" + bits.charAt(2) + " m0=" + bits.charAt(4), n, Long::sum);
                });
            }
            if (!wrongByAlicesBits.isEmpty()) {
                long wrong = wrongByAlicesBits.values().stream().mapToLong(Long::longValue).sum();
                boolean zMissing = wrongByAlicesBits.keySet().stream().allMatch(k -> k.endsWith("m0=1"));
                boolean xMissing = wrongByAlicesBits.keySet().stream().allMatch(k -> k.startsWith("m1=1"));
                String hint = zMissing ? " It goes wrong only when m0 = 1: Bob needs a Z then."
                        : xMissing ? " It goes wrong only when m1 = 1: Bob needs an X then."
                        : " Bob needs X when m1 = 1, then Z when m0 = 1 (in that order).";
                return Feedback.wrong(name, String.format(Locale.ROOT,
                        "with Alice's state u(%.1f, %.1f, 0)|0⟩ Bob's qubit differs from it in %d of %d shots (by Alice's bits: %s).%s",
                        theta, phi, wrong, SHOTS, wrongByAlicesBits, hint));
            }
        }
        return Feedback.right(name, "Bob holds Alice's state in every shot, for " + TEST_STATES.length + " states with complex amplitudes");
    }

    /**
     * Superdense coding: {@code encode} adds Alice's gates on qubit 0 of the Bell pair
     * (|00⟩ + |11⟩)/√2 for a two-bit message 0…3. Bob decodes with CX(0, 1), H(0) and reads
     * c[1]c[0]; the message must come out as its own two bits.
     */
    public static Feedback superdenseEncoding(BiConsumer<CircuitBuilder, Integer> encode) {
        String name = "superdense-encoding";
        for (int message = 0; message < 4; message++) {
            CircuitBuilder b = Circuit.builder(2, 2).h(0).cx(0, 1);
            encode.accept(b, message);
            Circuit circuit = b.cx(0, 1).h(0).measure(0, 0).measure(1, 1).build();
            String expected = Bitstrings.ofIndex(message, 2);
            try (Result r = Simulator.builder().shots(200).seed(3).build().run(circuit)) {
                if (!r.counts().keySet().equals(java.util.Set.of(expected))) {
                    return Feedback.wrong(name, "message " + expected + " reached Bob as " + r.counts()
                            + ". Bit 0 of the message decides Z on qubit 0, bit 1 decides X (Bob's H turns Z into his bit 0).");
                }
            }
        }
        return Feedback.right(name, "all four two-bit messages reach Bob, one qubit sent each");
    }
}
