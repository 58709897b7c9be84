package org.qise.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.param.Param;
import org.qise.sim.PauliSum;

/**
 * The threads share out H|ψ⟩ and every tile pass of the backward pass, but each fixed chunk sums
 * its own part and the parts are added in chunk order: value and gradient must have the same
 * bits on 1, 2 and 3 threads. The circuits are above the tile size (14 qubits), so the tile
 * passes really are split; the value is also checked against the exact engine's ⟨H⟩.
 */
class GradientThreadsTest {
    static Stream<Arguments> circuits() {
        return Stream.of(
                Arguments.of("hardware-efficient ansatz, cx staircase", ansatz(16, 4, false), "Z0 Z1 + 0.5 X10 + Z15"),
                Arguments.of("ansatz with a cx ring, Y terms on high and low qubits", ansatz(17, 3, true), "0.7 Y0 X16 + 0.3 X1 Y2 Z14 - 1.1 Y13"),
                Arguments.of("random circuit of every parametric gate", GradientAgreementTest.randomCircuit(15, new Random(7)),
                        GradientAgreementTest.randomObservable(15, new Random(8)).toString()),
                Arguments.of("random circuit, 18 qubits", GradientAgreementTest.randomCircuit(18, new Random(9)), "X0 X1 X2 X3 + Y7 Z17"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("circuits")
    void valueAndGradientHaveTheSameBitsOnOneTwoAndThreeThreads(String name, Circuit circuit, String observable) {
        PauliSum h = PauliSum.parse(observable);
        Random rnd = new Random(name.hashCode());
        Map<String, Double> point = new HashMap<>();
        for (String p : circuit.parameters()) point.put(p, rnd.nextDouble() * 4 - 2);
        Gradient one = AdjointGradient.compute(circuit, point, h, 1);
        assertEquals(GradientAgreementTest.expectation(circuit.bind(point), h), one.value(), 1e-10, "⟨H⟩ vs the exact engine");
        for (int threads : new int[]{2, 3}) {
            Gradient other = AdjointGradient.compute(circuit, point, h, threads);
            assertEquals(Double.doubleToRawLongBits(one.value()), Double.doubleToRawLongBits(other.value()), "value bits on " + threads + " threads");
            assertArrayEquals(one.derivatives(), other.derivatives(), "gradient on " + threads + " threads");
        }
    }

    /** Layers of ry and rz on every qubit, then cx(q, q+1) along the qubits (and back to 0 for a ring). */
    static Circuit ansatz(int n, int layers, boolean ring) {
        CircuitBuilder b = Circuit.builder(n);
        for (int l = 0; l < layers; l++) {
            for (int q = 0; q < n; q++) b.ry(Param.of("t" + l + "_" + q), q);
            for (int q = 0; q < n; q++) b.rz(Param.of("s" + l + "_" + q), q);
            for (int q = 0; q + 1 < n; q++) b.cx(q, q + 1);
            if (ring) b.cx(n - 1, 0);
        }
        return b.build();
    }
}
