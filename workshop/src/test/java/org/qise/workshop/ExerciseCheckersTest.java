package org.qise.workshop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;

/**
 * Every exercise checker accepts a right answer and rejects wrong ones with a message that says
 * what is wrong. The right answers here are written independently of the course's solutions.
 */
class ExerciseCheckersTest {
    private static double[] bloch(double[] s) {
        return new double[] {2 * (s[0] * s[2] + s[1] * s[3]), 2 * (s[0] * s[3] - s[1] * s[2]), s[0] * s[0] + s[1] * s[1] - s[2] * s[2] - s[3] * s[3]};
    }

    private static Circuit qft(int n, boolean swaps) {
        CircuitBuilder b = Circuit.builder(n);
        for (int j = n - 1; j >= 0; j--) {
            b.h(j);
            for (int k = j - 1; k >= 0; k--) b.cp(Math.PI / (1 << (j - k)), k, j);
        }
        if (swaps) for (int q = 0; q < n / 2; q++) b.swap(q, n - 1 - q);
        return b.build();
    }

    private static long[] factors(long a, long r, long n, boolean checkMinusOne) {
        if (r % 2 == 1) return null;
        BigInteger half = BigInteger.valueOf(a).modPow(BigInteger.valueOf(r / 2), BigInteger.valueOf(n));
        if (checkMinusOne && half.longValue() == n - 1) return null;
        return new long[] {half.subtract(BigInteger.ONE).gcd(BigInteger.valueOf(n)).longValue(), half.add(BigInteger.ONE).gcd(BigInteger.valueOf(n)).longValue()};
    }

    private static long period(long m, int t, long n, long a, boolean tryConvergents) {
        long num = m, den = 1L << t, before = 1, last = 0;
        while (den != 0) {
            long q = num / den, k = q * last + before;
            before = last;
            last = k;
            long rest = num - q * den;
            num = den;
            den = rest;
            if (k < n && BigInteger.valueOf(a).modPow(BigInteger.valueOf(k), BigInteger.valueOf(n)).equals(BigInteger.ONE)) return k;
            if (!tryConvergents) break;
        }
        return 0;
    }

    /** Teleportation in OpenQASM 3 up to Alice's measurements (bits a[0], a[1]), then {@code corrections}. */
    private static String teleportation(String corrections) {
        return String.join("\n", "OPENQASM 3.0;", "include \"stdgates.inc\";", "qubit[3] q;", "bit[2] a;",
                "h q[1];", "cx q[1], q[2];", "cx q[0], q[1];", "h q[0];", "a[0] = measure q[0];", "a[1] = measure q[1];", corrections, "");
    }

    static Stream<Arguments> checkers() {
        return Stream.of(
            Arguments.of("primer-bits",
                (Supplier<Feedback>) () -> FirstStepsExercises.bits((v, w) -> String.format("%" + w + "s", Integer.toBinaryString(v)).replace(' ', '0')),
                (Supplier<Feedback>) () -> FirstStepsExercises.bits((v, w) -> Integer.toBinaryString(v)), "pad with leading zeros"),
            Arguments.of("minus-state",
                (Supplier<Feedback>) () -> FirstStepsExercises.minusState(Circuit.builder(1).x(0).h(0).build()),
                (Supplier<Feedback>) () -> FirstStepsExercises.minusState(Circuit.builder(1).h(0).build()), "relative phase"),
            Arguments.of("singlet",
                (Supplier<Feedback>) () -> FirstStepsExercises.singlet(Circuit.builder(2).x(0).x(1).h(0).cx(0, 1).build()),
                (Supplier<Feedback>) () -> FirstStepsExercises.singlet(Circuit.builder(2).h(0).cx(0, 1).x(0).build()), "sign"),
            Arguments.of("teleportation without the Z correction",
                (Supplier<Feedback>) () -> ProtocolExercises.teleportationCorrections(b -> b.ifEquals("m1", 1, t -> t.x(2)).ifEquals("m0", 1, t -> t.z(2))),
                (Supplier<Feedback>) () -> ProtocolExercises.teleportationCorrections(b -> b.ifEquals("m1", 1, t -> t.x(2))), "only when m0 = 1"),
            Arguments.of("teleportation without the X correction",
                (Supplier<Feedback>) () -> ProtocolExercises.teleportationCorrections(b -> b.ifEquals("m1", 1, t -> t.x(2)).ifEquals("m0", 1, t -> t.z(2))),
                (Supplier<Feedback>) () -> ProtocolExercises.teleportationCorrections(b -> b.ifEquals("m0", 1, t -> t.z(2))), "only when m1 = 1"),
            Arguments.of("teleportation program without the Z correction",
                (Supplier<Feedback>) () -> DynamicCircuitExercises.teleportationProgram(teleportation("if (a[1]) x q[2];\nif (a[0]) z q[2];")),
                (Supplier<Feedback>) () -> DynamicCircuitExercises.teleportationProgram(teleportation("if (a[1]) x q[2];")),
                "Z when her bit from q[0] is 1"),
            Arguments.of("teleportation program that swaps the state across",
                (Supplier<Feedback>) () -> DynamicCircuitExercises.teleportationProgram(teleportation("if (a[1] == 1) { x q[2]; } else { }\nif (a[0] == 1) { z q[2]; }")),
                (Supplier<Feedback>) () -> DynamicCircuitExercises.teleportationProgram(
                        "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[3] q;\nbit[2] a;\nswap q[0], q[2];\na[0] = measure q[0];\na[1] = measure q[1];\n"),
                "two-qubit operation"),
            Arguments.of("teleportation program that sends a qubit to Bob under an if",
                (Supplier<Feedback>) () -> DynamicCircuitExercises.teleportationProgram(teleportation("if (a[1]) x q[2];\nif (a[0]) z q[2];")),
                (Supplier<Feedback>) () -> DynamicCircuitExercises.teleportationProgram(teleportation("if (a[1]) { cx q[1], q[2]; }\nif (a[0]) z q[2];")),
                "only Alice's two classical bits travel to Bob"),
            Arguments.of("teleportation program whose loop never ends",
                (Supplier<Feedback>) () -> DynamicCircuitExercises.teleportationProgram(teleportation("if (a[1]) x q[2];\nif (a[0]) z q[2];")),
                (Supplier<Feedback>) () -> DynamicCircuitExercises.teleportationProgram(org.qise.qasm.QasmParser.parse(
                        teleportation("if (a[1]) x q[2];\nif (a[0]) z q[2];\nbit f = a[0];\nwhile (f == f) { id q[2]; }"), "loop.qasm",
                        new org.qise.qasm.ParseLimits(5000, 200))),
                "did not finish"),
            Arguments.of("teleportation program that is not OpenQASM",
                (Supplier<Feedback>) () -> DynamicCircuitExercises.teleportationProgram(teleportation("if (a[1]) x q[2];\nif (a[0]) z q[2];")),
                (Supplier<Feedback>) () -> DynamicCircuitExercises.teleportationProgram(teleportation("if (a[1]) x q[2]\nif (a[0]) z q[2];")),
                "does not read"),
            Arguments.of("superdense-encoding",
                (Supplier<Feedback>) () -> ProtocolExercises.superdenseEncoding((b, m) -> {
                    if ((m & 2) != 0) b.x(0);
                    if ((m & 1) != 0) b.z(0);
                }),
                (Supplier<Feedback>) () -> ProtocolExercises.superdenseEncoding((b, m) -> {
                    if ((m & 1) != 0) b.x(0);
                    if ((m & 2) != 0) b.z(0);
                }), "reached Bob as"),
            Arguments.of("bv-oracle",
                (Supplier<Feedback>) () -> AlgorithmExercises.bernsteinVaziraniOracle((b, s, n) -> {
                    for (int q = 0; q < n; q++) if (((s >> q) & 1) == 1) b.cx(q, n);
                }),
                (Supplier<Feedback>) () -> AlgorithmExercises.bernsteinVaziraniOracle((b, s, n) -> {
                    for (int q = 0; q < n; q++) if (((s >> q) & 1) == 1) b.cx(n - 1 - q, n);
                }), "controls a CX"),
            Arguments.of("grover-iterations",
                (Supplier<Feedback>) () -> AlgorithmExercises.groverIterations(n -> (int) Math.floor(Math.PI / (4 * Math.asin(Math.pow(2, -n / 2.0))))),
                (Supplier<Feedback>) () -> AlgorithmExercises.groverIterations(n -> (int) Math.round(Math.sqrt(1 << n))), "the best is"),
            Arguments.of("qft",
                (Supplier<Feedback>) () -> AlgorithmExercises.qft(n -> qft(n, true)),
                (Supplier<Feedback>) () -> AlgorithmExercises.qft(n -> qft(n, false)), "add the final swaps"),
            Arguments.of("parity-expectation",
                (Supplier<Feedback>) () -> AlgorithmExercises.parityExpectation(c -> c.entrySet().stream()
                        .mapToDouble(e -> (e.getKey().replace("0", "").length() % 2 == 0 ? 1 : -1) * e.getValue()).sum()
                        / c.values().stream().mapToLong(Long::longValue).sum()),
                (Supplier<Feedback>) () -> AlgorithmExercises.parityExpectation(c -> c.entrySet().stream()
                        .mapToDouble(e -> (e.getKey().endsWith("0") ? 1 : -1) * e.getValue()).sum()
                        / c.values().stream().mapToLong(Long::longValue).sum()), "an odd number"),
            Arguments.of("factors-from-period",
                (Supplier<Feedback>) () -> NumberExercises.factorsFromPeriod((a, r, n) -> factors(a, r, n, true)),
                (Supplier<Feedback>) () -> NumberExercises.factorsFromPeriod((a, r, n) -> factors(a, r, n, false)), "≡ −1"),
            Arguments.of("period-from-outcome",
                (Supplier<Feedback>) () -> NumberExercises.periodFromOutcome((m, t, n, a) -> period(m, t, n, a, true)),
                (Supplier<Feedback>) () -> NumberExercises.periodFromOutcome((m, t, n, a) -> period(m, t, n, a, false)), "convergents give"),
            Arguments.of("simon-secret",
                (Supplier<Feedback>) () -> NumberExercises.simonSecret((ys, n) -> {
                    for (int s = 1; s < (1 << n); s++) {
                        final int c = s;
                        if (ys.stream().allMatch(y -> Integer.bitCount(y & c) % 2 == 0)) return s;
                    }
                    return null;
                }),
                (Supplier<Feedback>) () -> NumberExercises.simonSecret((ys, n) -> 0), "not allowed"),
            Arguments.of("bloch-vector",
                (Supplier<Feedback>) () -> QuantumInfoExercises.blochVector(ExerciseCheckersTest::bloch),
                (Supplier<Feedback>) () -> QuantumInfoExercises.blochVector(s -> {
                    double[] v = bloch(s);
                    v[1] = -v[1];
                    return v;
                }), "y is wrong"),
            Arguments.of("bb84-sifting",
                (Supplier<Feedback>) () -> QuantumInfoExercises.bb84Sifting((a, b, r) -> {
                    List<Integer> key = new ArrayList<>();
                    for (int i = 0; i < a.length; i++) if (a[i] == b[i]) key.add(r[i]);
                    return key;
                }),
                (Supplier<Feedback>) () -> QuantumInfoExercises.bb84Sifting((a, b, r) -> {
                    List<Integer> key = new ArrayList<>();
                    for (int i = 0; i < a.length; i++) if (a[i] != b[i]) key.add(r[i]);
                    return key;
                }), "where the bases agree"),
            Arguments.of("copy-fidelity",
                (Supplier<Feedback>) () -> QuantumInfoExercises.copyFidelity(t -> (3 + Math.cos(2 * t)) / 4),
                (Supplier<Feedback>) () -> QuantumInfoExercises.copyFidelity(t -> Math.pow(Math.cos(t / 2), 2)), "no coherence"),
            Arguments.of("bit-flip-correction",
                (Supplier<Feedback>) () -> QuantumInfoExercises.bitFlipCorrection(b -> b.ifEquals("s", 1, t -> t.x(0))
                        .ifEquals("s", 3, t -> t.x(1)).ifEquals("s", 2, t -> t.x(2))),
                (Supplier<Feedback>) () -> QuantumInfoExercises.bitFlipCorrection(b -> b.ifEquals("s", 1, t -> t.x(0))
                        .ifEquals("s", 2, t -> t.x(1)).ifEquals("s", 3, t -> t.x(2))), "bit flip on qubit 1"),
            Arguments.of("depolarized-purity",
                (Supplier<Feedback>) () -> NoiseExercises.depolarizedPurity((p, x, y, z) -> 0.5 * (1 + (1 - p) * (1 - p) * (x * x + y * y + z * z))),
                // A common slip: shrinking |r|² by (1 − p) instead of (1 − p)².
                (Supplier<Feedback>) () -> NoiseExercises.depolarizedPurity((p, x, y, z) -> 0.5 * (1 + (1 - p) * (x * x + y * y + z * z))),
                "shrunk Bloch vector"),
            Arguments.of("parameter-shift",
                (Supplier<Feedback>) () -> GradientExercises.parameterShift((f, t) -> (f.applyAsDouble(t + Math.PI / 2) - f.applyAsDouble(t - Math.PI / 2)) / 2),
                // Forgetting to halve the difference.
                (Supplier<Feedback>) () -> GradientExercises.parameterShift((f, t) -> f.applyAsDouble(t + Math.PI / 2) - f.applyAsDouble(t - Math.PI / 2)),
                "twice the derivative"),
            Arguments.of("parameter-shift, finite difference",
                (Supplier<Feedback>) () -> GradientExercises.parameterShift((f, t) -> (f.applyAsDouble(t + Math.PI / 2) - f.applyAsDouble(t - Math.PI / 2)) / 2),
                (Supplier<Feedback>) () -> GradientExercises.parameterShift((f, t) -> (f.applyAsDouble(t + 1e-3) - f.applyAsDouble(t - 1e-3)) / 2e-3),
                "not exact"),
            Arguments.of("publish-request",
                (Supplier<Feedback>) () -> QuantumInfoExercises.publishRequest(c -> Map.of("title", "Bell", "qasm",
                        org.qise.qasm.QasmExporter.export(c), "visibility", "public", "tags", List.of("bell"))),
                (Supplier<Feedback>) () -> QuantumInfoExercises.publishRequest(c -> Map.of("title", "Bell", "qasm",
                        org.qise.qasm.QasmExporter.export(c), "visibility", "everyone", "tags", List.of("bell"))), "\"visibility\" must be"));
    }

    @ParameterizedTest(name = "{0}: a right answer passes, a wrong one is told what is wrong")
    @MethodSource("checkers")
    void checkerAcceptsTheRightAnswerAndExplainsAWrongOne(String exercise, Supplier<Feedback> right, Supplier<Feedback> wrong, String explanation) {
        Feedback good = right.get();
        assertTrue(good.correct(), good.toString());
        Feedback bad = wrong.get();
        assertFalse(bad.correct(), "a wrong answer passed: " + bad);
        assertTrue(bad.message().contains(explanation), "the message does not say '" + explanation + "': " + bad.message());
        ExerciseNotSolvedException shown = assertThrows(ExerciseNotSolvedException.class, bad::show);
        assertTrue(shown.getMessage().contains("is not solved yet"), shown.getMessage());
    }
}
