package org.qise.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;
import org.qise.qasm.ParseLimits;
import org.qise.qasm3.Qasm3Reader;
import org.qise.sim.PauliSum;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/**
 * Gradients through gates built by OpenQASM 3 modifiers (ctrl, negctrl, inv, pow) on library
 * gates: the adjoint method against central finite differences of simulated expectation values
 * for every modifier combination, and against parameter-shift rules written out here for the
 * spectrum each modified generator has.
 */
class ModifierGradientTest {
    private static final PauliSum H = PauliSum.parse("Z0 Z1 + 0.5 X2 + 0.3 Y3 Z0 - 0.7 X1 Y2");
    private static final Map<String, Double> POINT = Map.of("theta", 0.37, "phi", -0.81);

    /** Modifiers (outermost first) and library gates with angles of theta and phi; each row names the qubits it needs. */
    static Stream<Arguments> combinations() {
        List<String> modifiers = List.of("ctrl @ ", "negctrl @ ", "inv @ ", "pow(0.5) @ ", "pow(2) @ ", "pow(-0.3) @ ", "pow(1.5) @ ",
                "ctrl @ negctrl @ ", "inv @ pow(0.5) @ ", "pow(0.5) @ ctrl @ ", "ctrl @ inv @ pow(1.5) @ ", "negctrl @ ctrl @ pow(0.25) @ ",
                "inv @ ctrl @ pow(-0.5) @ ");
        String[][] gates = {{"rx(2 * theta)", "1"}, {"ry(theta - phi)", "1"}, {"rz(theta)", "1"}, {"p(phi)", "1"},
                {"U(theta, phi, 2 * theta)", "1"}, {"cry(phi + 1)", "2"}, {"crx(theta)", "2"},
                {"cp(phi)", "2"}, {"cu(theta, phi, 0.2, theta / 2)", "2"}};
        List<Arguments> out = new ArrayList<>();
        for (String m : modifiers) for (String[] g : gates) out.add(Arguments.of(m + g[0], Integer.parseInt(g[1])));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void theAdjointGradientThroughModifiersAgreesWithCentralDifferences(String call, int targets) {
        int controls = 0;
        for (String part : call.split("@")) {
            String p = part.trim();
            if (p.startsWith("ctrl") || p.startsWith("negctrl")) controls += p.contains("(") ? Integer.parseInt(p.replaceAll("\\D", "")) : 1;
        }
        Circuit c = circuit(call, controls + targets);
        assertTrue(c.operations().stream().anyMatch(o -> o instanceof Operation.GateOp g && g.gate().isParametric()), call);
        Gradient adjoint = AdjointGradient.compute(c, used(c, POINT), H);
        assertEquals(expectation(c, POINT), adjoint.value(), 1e-12, "value");
        double scale = 0;
        for (String p : adjoint.parameters()) {
            assertEquals(centralDifference(c, p), adjoint.derivative(p), 1e-6, "∂/∂" + p + " of " + call + " " + java.util.Arrays.toString(adjoint.derivatives()));
            scale = Math.max(scale, Math.abs(adjoint.derivative(p)));
        }
        assertTrue(scale > 5e-4, "the gradient should not vanish, or the comparison proves little: " + call + " " + java.util.Arrays.toString(adjoint.derivatives()));
    }

    /**
     * One parameter in one modified rotation: f(θ) is a trigonometric polynomial whose
     * frequencies are the differences of the modified generator's eigenvalues, so a shift rule
     * for exactly those frequencies gives the exact derivative. k·(rotation generator with
     * eigenvalues ±½) has the single frequency k: f' = (k/2)·[f(θ + π/2k) − f(θ − π/2k)]; a
     * controlled rotation has frequencies ½ and 1 (the four-term rule). (The shifted angles must
     * stay on the principal branch of the power, |θ ± π/2k| < 2π: a smaller k would cross it.)
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "'pow(0.5) @ rx(theta)', 1, 0.5",
            "'inv @ pow(2) @ ry(theta)', 1, 2",
            "'pow(1.5) @ rz(theta)', 1, 1.5",
            "'pow(-0.3) @ rx(theta)', 1, 0.3",
            "'inv @ pow(0.75) @ ry(theta)', 1, 0.75",
            "'ctrl @ negctrl @ rx(theta)', 3, 0",
            "'negctrl @ ry(theta)', 2, 0",
            "'ctrl(2) @ inv @ rz(theta)', 3, 0"})
    void theAdjointGradientThroughModifiersEqualsParameterShift(String call, int qubits, double frequency) {
        Circuit c = circuit(call, qubits);
        double theta = POINT.get("theta");
        double shift;
        if (frequency > 0) {
            double s = Math.PI / (2 * frequency);
            shift = frequency / 2 * (f(c, theta + s) - f(c, theta - s));
        } else {
            double d1 = (Math.sqrt(2) + 1) / (4 * Math.sqrt(2)), d2 = (Math.sqrt(2) - 1) / (4 * Math.sqrt(2));
            shift = d1 * (f(c, theta + Math.PI / 2) - f(c, theta - Math.PI / 2)) - d2 * (f(c, theta + 3 * Math.PI / 2) - f(c, theta - 3 * Math.PI / 2));
        }
        Gradient adjoint = AdjointGradient.compute(c, used(c, POINT), H);
        assertTrue(Math.abs(shift) > 1e-3, "the derivative should not vanish: " + shift);
        assertEquals(shift, adjoint.derivative("theta"), 1e-10, call);
    }

    /**
     * At θ = 0 the rotation is the identity, whose eigenvalues coincide: the derivative is the
     * limit k·M′. pow(k) @ rx(θ)|0⟩ = cos(kθ/2)|0⟩ − i·sin(kθ/2)|1⟩, so ⟨Y0⟩ = −sin(kθ), d/dθ = −k·cos(kθ).
     */
    @ParameterizedTest(name = "pow({0}) at theta {1}")
    @CsvSource({"0.5, 0", "0.5, 1.1", "-0.3, 0", "1.5, -0.4", "3, 0"})
    void aPowerOfARotationHasTheClosedFormDerivativeEvenAtTheIdentity(double k, double theta) {
        String src = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float theta;\nqubit q;\npow(" + k + ") @ rx(theta) q;\n";
        Circuit c = Qasm3Reader.parse(src, "p.qasm", ParseLimits.DEFAULT, Map.of());
        Gradient g = AdjointGradient.compute(c, Map.of("theta", theta), PauliSum.parse("Y0"));
        assertEquals(-Math.sin(k * theta), g.value(), 1e-13);
        assertEquals(-k * Math.cos(k * theta), g.derivative("theta"), 1e-13);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'pow(0.5) @ rx(2 * theta)', 1", "'ctrl @ negctrl @ U(theta, phi, 2 * theta)', 3"})
    void parameterShiftRefusesGatesUnderModifiersNamingThem(String call, int qubits) {
        Circuit c = circuit(call, qubits);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ParameterShift.compute(c, used(c, POINT), H, "exact"));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("parameter-shift rules are not available for gate"), e.getMessage());
    }

    /** Four qubits in a generic state, then the modified gate on the first {@code qubits}, then mixing. */
    private static Circuit circuit(String call, int qubits) {
        StringBuilder on = new StringBuilder();
        for (int q = 0; q < qubits; q++) on.append(q == 0 ? "" : ", ").append("q[").append(q).append(']');
        String src = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float theta;\ninput float phi;\nqubit[4] q;\n"
                + "ry(0.7) q[0]; ry(-1.1) q[1]; ry(0.4) q[2]; ry(2.0) q[3]; cx q[0], q[2]; rz(0.3) q[1]; h q[3]; rx(0.9) q[2]; rx(-0.6) q[0];\n"
                + call + " " + on + ";\n"
                + "cx q[1], q[3]; ry(phi) q[3]; rx(0.5) q[0]; cx q[2], q[0];\n";
        return Qasm3Reader.parse(src, "m.qasm", ParseLimits.DEFAULT, Map.of());
    }

    private static double f(Circuit c, double theta) {
        Map<String, Double> p = new HashMap<>(POINT);
        p.put("theta", theta);
        return expectation(c, p);
    }

    private static double centralDifference(Circuit c, String name) {
        double step = 1e-5;
        Map<String, Double> plus = new HashMap<>(POINT), minus = new HashMap<>(POINT);
        plus.put(name, POINT.get(name) + step);
        minus.put(name, POINT.get(name) - step);
        return (expectation(c, plus) - expectation(c, minus)) / (2 * step);
    }

    /** The values of the parameters {@code c} uses. */
    private static Map<String, Double> used(Circuit c, Map<String, Double> point) {
        Map<String, Double> used = new HashMap<>();
        for (String p : c.parameters()) used.put(p, point.get(p));
        return used;
    }

    private static double expectation(Circuit c, Map<String, Double> point) {
        Simulator sim = Simulator.builder().engine("exact").shots(0).seed(0).build();
        try (Result r = sim.run(c.bind(used(c, point)))) {
            return r.expectation(H);
        }
    }
}
