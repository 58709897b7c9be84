package org.qise.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Gates;
import org.qise.param.Expression;
import org.qise.param.Param;
import org.qise.sim.PauliSum;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/**
 * The adjoint gradient against two independent references: parameter-shift rules (exact, from
 * ordinary simulations) and central finite differences of simulated expectation values, on
 * random circuits that use every parametric gate of the library, shared parameters and
 * expressions of them.
 */
class GradientAgreementTest {
    static final List<String> PARAMETRIC = List.of(
            "rx", "ry", "rz", "p", "u1", "u2", "u3", "u", "U", "u0", "crx", "cry", "crz", "cp", "cu1", "cu3", "cu", "rxx", "rzz");
    static final List<String> NAMES = List.of("a", "b", "c", "d");

    @ParameterizedTest(name = "{0} qubits, seed {1}")
    @CsvSource({"2, 1", "3, 2", "5, 3", "7, 4", "10, 5", "15, 6"}) // 15 qubits: the backward pass works tile by tile (tiles of 14 qubits)
    void adjointAgreesWithParameterShiftAndFiniteDifferences(int n, long seed) {
        Random rnd = new Random(seed);
        Circuit circuit = randomCircuit(n, rnd);
        Map<String, Double> point = new HashMap<>();
        for (String p : circuit.parameters()) point.put(p, rnd.nextDouble() * 4 - 2);
        PauliSum h = randomObservable(n, rnd);

        Gradient adjoint = AdjointGradient.compute(circuit, point, h);
        Gradient shift = ParameterShift.compute(circuit, point, h, "exact");
        assertEquals(circuit.parameters(), adjoint.parameters());
        assertEquals(shift.value(), adjoint.value(), 1e-10, "value");
        double scale = 0;
        for (String p : adjoint.parameters()) {
            assertEquals(shift.derivative(p), adjoint.derivative(p), 1e-10, "∂/∂" + p + " vs parameter shift");
            assertEquals(centralDifference(circuit, point, h, p), adjoint.derivative(p), 1e-6, "∂/∂" + p + " vs finite differences");
            scale = Math.max(scale, Math.abs(adjoint.derivative(p)));
        }
        assertTrue(scale > 1e-3, "the gradient should not vanish, or the comparison proves little");
    }

    /**
     * The backward pass fuses chains of one-qubit gates on a qubit into one unit (ry then rz in an
     * ansatz); every one-qubit parametric gate, with shared parameters, in chains of up to five
     * on the same qubit, between entangling gates that end the chains.
     */
    @ParameterizedTest(name = "{0} qubits, seed {1}")
    @CsvSource({"1, 11", "3, 12", "6, 13", "15, 14"})
    void chainsOfOneQubitGatesFusedInTheBackwardPassKeepTheirDerivatives(int n, long seed) {
        Random rnd = new Random(seed);
        List<String> oneQubit = List.of("rx", "ry", "rz", "p", "u1", "u2", "u3", "u", "U", "u0", "h", "x", "s", "t");
        CircuitBuilder b = Circuit.builder(n);
        for (int layer = 0; layer < 3; layer++) {
            for (int q = 0; q < n; q++) {
                int chain = 1 + rnd.nextInt(5);
                for (int c = 0; c < chain; c++) {
                    String name = oneQubit.get(rnd.nextInt(oneQubit.size()));
                    var def = Gates.lookup(name).orElseThrow();
                    Expression[] angles = new Expression[def.params()];
                    for (int i = 0; i < angles.length; i++) angles[i] = randomAngle(rnd);
                    b.gate(name, angles, q);
                }
            }
            for (int q = 0; q + 1 < n; q++) b.cx(q, q + 1);
            if (n >= 2) b.crz(Param.of("a").times(0.7), n - 1, 0);
        }
        b.rx(Param.of("a"), 0).ry(Param.of("b"), 0).rz(Param.of("c"), 0).p(Param.of("d"), 0);
        Circuit circuit = b.build();
        Map<String, Double> point = new HashMap<>();
        for (String p : circuit.parameters()) point.put(p, rnd.nextDouble() * 4 - 2);
        PauliSum h = randomObservable(n, rnd);

        Gradient adjoint = AdjointGradient.compute(circuit, point, h);
        Gradient shift = ParameterShift.compute(circuit, point, h, "exact");
        assertEquals(shift.value(), adjoint.value(), 1e-10, "value");
        for (String p : adjoint.parameters()) {
            assertEquals(shift.derivative(p), adjoint.derivative(p), 1e-10, "∂/∂" + p + " vs parameter shift");
        }
    }

    @Test
    void theGradientHasTheSameBitsOnOneOrThreeThreads() {
        Random rnd = new Random(42);
        Circuit circuit = randomCircuit(16, rnd); // above the tile size, so tiles run side by side
        Map<String, Double> point = new HashMap<>();
        for (String p : circuit.parameters()) point.put(p, rnd.nextDouble() * 4 - 2);
        PauliSum h = randomObservable(16, rnd);
        Gradient one = AdjointGradient.compute(circuit, point, h, 1), three = AdjointGradient.compute(circuit, point, h, 3);
        assertEquals(one.value(), three.value());
        org.junit.jupiter.api.Assertions.assertArrayEquals(one.derivatives(), three.derivatives());
    }

    /**
     * X gates with controls are un-applied as swaps (of whole rows of amplitudes where the target
     * and the controls are above the lowest qubits, in place on a tile of the lowest qubits or on
     * a gathered one): cx and ccx with controls and targets low, high and mixed, on 15 qubits.
     */
    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"11", "12", "13"})
    void controlledXGatesAnywhereKeepTheGradientExact(long seed) {
        Random rnd = new Random(seed);
        int n = 15;
        CircuitBuilder b = Circuit.builder(n);
        int[][] xs = {{0, 1}, {1, 0}, {2, 3}, {5, 2}, {12, 13}, {14, 4}, {3, 14}, {0, 2, 1}, {6, 9, 3}, {13, 1, 7}, {4, 5, 14}, {14, 13, 12}};
        for (int layer = 0; layer < 2; layer++) {
            for (int q = 0; q < n; q++) b.ry(Param.of(NAMES.get(rnd.nextInt(NAMES.size()))).plus(rnd.nextDouble()), q);
            for (int q = 0; q < n; q++) b.rz(Param.of(NAMES.get(rnd.nextInt(NAMES.size()))).times(rnd.nextDouble() + 0.5), q);
            for (int[] x : xs) {
                if (x.length == 2) b.cx(x[0], x[1]);
                else b.ccx(x[0], x[1], x[2]);
            }
        }
        Circuit circuit = b.build();
        Map<String, Double> point = new HashMap<>();
        for (String p : circuit.parameters()) point.put(p, rnd.nextDouble() * 4 - 2);
        PauliSum h = randomObservable(n, rnd);
        Gradient adjoint = AdjointGradient.compute(circuit, point, h);
        Gradient shift = ParameterShift.compute(circuit, point, h, "exact");
        double scale = 0;
        for (String p : adjoint.parameters()) {
            assertEquals(shift.derivative(p), adjoint.derivative(p), 1e-10, "∂/∂" + p);
            scale = Math.max(scale, Math.abs(adjoint.derivative(p)));
        }
        assertTrue(scale > 1e-3, "the gradient should not vanish");
    }

    @Test
    void aSingleRotationHasTheClosedFormDerivative() {
        // ⟨Z⟩ after ry(θ)|0⟩ is cos θ, so d/dθ = −sin θ; with θ = 3a − 1 the chain rule gives −3 sin(3a − 1).
        Circuit c = Circuit.builder(1).ry(Param.of("a").times(3).minus(1), 0).build();
        double a = 0.7;
        Gradient g = AdjointGradient.compute(c, Map.of("a", a), PauliSum.parse("Z0"));
        assertEquals(Math.cos(3 * a - 1), g.value(), 1e-14);
        assertEquals(-3 * Math.sin(3 * a - 1), g.derivative("a"), 1e-14);
    }

    @Test
    void aCircuitWithoutParametersIsRefused() {
        Circuit c = Circuit.builder(1).h(0).build();
        var e = assertThrows(IllegalArgumentException.class, () -> AdjointGradient.compute(c, Map.of(), PauliSum.parse("Z0")));
        assertTrue(e.getMessage().contains("no parameters"), e.getMessage());
    }

    @Test
    void aMidCircuitMeasurementIsRefused() {
        Circuit c = Circuit.builder(1, 1).rx(Param.of("t"), 0).measure(0, 0).rx(Param.of("t"), 0).build();
        var e = assertThrows(IllegalArgumentException.class, () -> AdjointGradient.compute(c, Map.of("t", 1.0), PauliSum.parse("Z0")));
        assertTrue(e.getMessage().contains("after a measurement"), e.getMessage());
    }

    static double centralDifference(Circuit circuit, Map<String, Double> point, PauliSum h, String p) {
        double step = 1e-5;
        Map<String, Double> up = new HashMap<>(point), down = new HashMap<>(point);
        up.put(p, point.get(p) + step);
        down.put(p, point.get(p) - step);
        return (expectation(circuit.bind(up), h) - expectation(circuit.bind(down), h)) / (2 * step);
    }

    static double expectation(Circuit bound, PauliSum h) {
        try (Result r = Simulator.builder().engine("exact").shots(0).seed(1).build().run(bound)) {
            return r.expectation(h);
        }
    }

    /** Every parametric gate once, in random order and places, between random fixed gates. */
    static Circuit randomCircuit(int n, Random rnd) {
        CircuitBuilder b = Circuit.builder(n);
        for (int q = 0; q < n; q++) b.h(q);
        List<String> order = new ArrayList<>(PARAMETRIC);
        for (int i = 0; i < 10; i++) order.add(PARAMETRIC.get(rnd.nextInt(PARAMETRIC.size())));
        Collections.shuffle(order, rnd);
        for (String name : order) {
            var def = Gates.lookup(name).orElseThrow();
            Expression[] angles = new Expression[def.params()];
            for (int i = 0; i < angles.length; i++) angles[i] = randomAngle(rnd);
            int needs = def.qubits();
            if (needs > n) continue;
            b.gate(name, angles, distinctQubits(n, needs, rnd));
            if (n >= 2 && rnd.nextBoolean()) {
                int c = rnd.nextInt(n);
                b.cx(c, (c + 1 + rnd.nextInt(n - 1)) % n);
            }
        }
        return b.build();
    }

    /** A parameter, an affine or non-linear expression of one or two parameters, or a constant. */
    static Expression randomAngle(Random rnd) {
        Expression a = Param.of(NAMES.get(rnd.nextInt(NAMES.size()))), b = Param.of(NAMES.get(rnd.nextInt(NAMES.size())));
        return switch (rnd.nextInt(7)) {
            case 0 -> a;
            case 1 -> a.times(2).plus(b);
            case 2 -> a.negate().dividedBy(2);
            case 3 -> a.apply(Expression.Function.SIN).times(1.5);
            case 4 -> a.times(b);
            case 5 -> a.power(Expression.constant(2)).minus(b.times(0.3));
            default -> Expression.constant(rnd.nextDouble() * 6 - 3);
        };
    }

    static int[] distinctQubits(int n, int k, Random rnd) {
        List<Integer> all = new ArrayList<>();
        for (int q = 0; q < n; q++) all.add(q);
        Collections.shuffle(all, rnd);
        return all.subList(0, k).stream().mapToInt(Integer::intValue).toArray();
    }

    static PauliSum randomObservable(int n, Random rnd) {
        StringBuilder s = new StringBuilder();
        String letters = "XYZ";
        for (int t = 0; t < 3; t++) {
            s.append(t == 0 ? "" : " + ").append(String.format(java.util.Locale.ROOT, "%.3f", rnd.nextDouble() + 0.2));
            for (int q = 0; q < n; q++) {
                if (q == t % n || rnd.nextInt(3) == 0) s.append(' ').append(letters.charAt(rnd.nextInt(3))).append(q);
            }
        }
        return PauliSum.parse(s.toString());
    }
}
