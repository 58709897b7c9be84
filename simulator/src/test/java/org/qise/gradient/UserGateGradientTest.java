package org.qise.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;
import org.qise.qasm.ParseLimits;
import org.qise.qasm3.Qasm3Reader;
import org.qise.sim.PauliSum;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/**
 * Gradients through user-defined gates under modifiers (ctrl, negctrl, inv, pow), on random
 * OpenQASM 3 circuits of up to 10 qubits with shared parameters and expressions: the adjoint
 * method against central finite differences of simulated expectation values, and against
 * parameter-shift rules applied to the gates written out (an independent computation: simulated
 * expectation values at shifted angles, no derivative matrices).
 */
class UserGateGradientTest {
    private static final String GATES = """
            gate layer(a, b) x, y { ry(a / 2) x; cx x, y; rz(b - a) y; }
            gate turn(a) x { rx(a) x; ry(2 * a) x; p(-a) x; }
            gate phased(a) x { gphase(0.4); rz(a) x; h x; }
            gate nest(a, b) x, y { ctrl @ rx(a + b) x, y; inv @ layer(b, a * a) y, x; pow(2) @ turn(b) x; }
            gate deep(a) x, y, z { ctrl @ nest(a, 0.3) x, y, z; negctrl @ u3(a, -a, 0.5) z, y; cp(a) x, z; crz(a / 3) z, x; }
            """;

    /** Each user gate: its call with angles of the circuit's parameters, and its qubit count. */
    private static final String[][] CALLS = {
            {"layer(2 * theta, phi)", "2"}, {"turn(theta - phi)", "1"}, {"phased(gamma)", "1"},
            {"nest(theta, phi / 2)", "2"}, {"deep(gamma + 1)", "3"}};

    private static final List<String> INTEGER_MODIFIERS = List.of("", "ctrl @ ", "negctrl @ ", "inv @ ", "pow(2) @ ", "pow(-1) @ ",
            "ctrl @ inv @ ", "inv @ ctrl @ pow(3) @ ", "ctrl(2) @ ", "negctrl @ pow(-2) @ inv @ ");
    private static final List<String> FRACTIONAL_MODIFIERS = List.of("pow(0.5) @ ", "ctrl @ pow(-0.3) @ ", "inv @ pow(1.5) @ ");
    private static final Map<String, Double> POINT = Map.of("theta", 0.37, "phi", -0.81, "gamma", 1.23);

    static Stream<Integer> seeds() { return IntStream.range(0, 12).boxed(); }

    @ParameterizedTest(name = "random circuit {0}")
    @MethodSource("seeds")
    void theAdjointGradientAgreesWithCentralDifferences(int seed) {
        Random rnd = new Random(seed);
        int n = 3 + rnd.nextInt(8);
        Circuit c = random(rnd, n, true);
        PauliSum h = observable(rnd, n);
        Gradient adjoint = AdjointGradient.compute(c, used(c), h);
        assertEquals(expectation(c, used(c), h), adjoint.value(), 1e-12, "value");
        double scale = 0;
        for (String p : adjoint.parameters()) {
            assertEquals(centralDifference(c, p, h), adjoint.derivative(p), 1e-6, "∂/∂" + p);
            scale = Math.max(scale, Math.abs(adjoint.derivative(p)));
        }
        assertTrue(scale > 1e-3, "the gradient should not vanish, or the comparison proves little");
    }

    @ParameterizedTest(name = "random circuit {0}")
    @MethodSource("seeds")
    void theAdjointGradientEqualsParameterShift(int seed) {
        Random rnd = new Random(1000 + seed);
        int n = 3 + rnd.nextInt(8);
        Circuit c = random(rnd, n, false);
        PauliSum h = observable(rnd, n);
        Gradient adjoint = AdjointGradient.compute(c, used(c), h);
        Gradient shift = ParameterShift.compute(c, used(c), h, "exact");
        assertEquals(shift.value(), adjoint.value(), 1e-12, "value");
        double scale = 0;
        for (String p : adjoint.parameters()) {
            assertEquals(shift.derivative(p), adjoint.derivative(p), 1e-10, "∂/∂" + p);
            scale = Math.max(scale, Math.abs(adjoint.derivative(p)));
        }
        assertTrue(scale > 1e-3, "the gradient should not vanish, or the comparison proves little");
    }

    /**
     * turn(a) = p(−a)·ry(2a)·rx(a); under ctrl on |1⟩, ⟨Z⟩ of the target after it from |0⟩ is
     * cos(a)·cos(2a) (rx then ry about orthogonal axes; p does not change Z), so
     * d/dθ at a = θ is −sin θ cos 2θ − 2 cos θ sin 2θ.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"'ctrl @ turn(theta)', 1", "'inv @ inv @ turn(theta)', 0", "'pow(1) @ ctrl @ turn(theta)', 1"})
    void aControlledUserGateHasTheClosedFormDerivative(String call, int controls) {
        String on = controls == 1 ? "q[0], q[1]" : "q[1]";
        String src = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float theta;\n" + GATES + "qubit[2] q;\nx q[0];\n" + call + " " + on + ";\n";
        Circuit c = Qasm3Reader.parse(src, "t.qasm", ParseLimits.DEFAULT, Map.of());
        double t = 0.61;
        for (Gradient g : List.of(AdjointGradient.compute(c, Map.of("theta", t), PauliSum.parse("Z1")),
                ParameterShift.compute(c, Map.of("theta", t), PauliSum.parse("Z1"), "fast"))) {
            assertEquals(Math.cos(t) * Math.cos(2 * t), g.value(), 1e-13);
            assertEquals(-Math.sin(t) * Math.cos(2 * t) - 2 * Math.cos(t) * Math.sin(2 * t), g.derivative("theta"), 1e-12);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'pow(0.5) @ layer(theta, 1)', 'pow(0.5) @ layer('", "'ctrl @ pow(-0.3) @ turn(theta)', 'pow(-0.3)'"})
    void parameterShiftRefusesAFractionalPowerNamingTheGate(String call, String named) {
        String src = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float theta;\n" + GATES + "qubit[2] q;\n" + call + " q[0], q[1];\n";
        Circuit c = Qasm3Reader.parse(src, "t.qasm", ParseLimits.DEFAULT, Map.of());
        var e = assertThrows(IllegalArgumentException.class, () -> ParameterShift.compute(c, Map.of("theta", 0.2), PauliSum.parse("Z0"), "exact"));
        assertTrue(e.getMessage().contains("parameter-shift rules are not available for gate"), e.getMessage());
        assertTrue(e.getMessage().contains(named), e.getMessage());
        assertTrue(e.getMessage().contains("adjoint"), e.getMessage());
    }

    /** A generic state on n qubits, then 6–10 user gates under random modifiers on random qubits, mixed by cx and fixed rotations. */
    private static Circuit random(Random rnd, int n, boolean fractional) {
        StringBuilder s = new StringBuilder("OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float theta;\ninput float phi;\ninput float gamma;\n")
                .append(GATES).append("qubit[").append(n).append("] q;\n");
        for (int q = 0; q < n; q++) s.append("ry(").append(0.3 + 0.37 * q).append(") q[").append(q).append("];\n");
        int count = 6 + rnd.nextInt(5);
        for (int k = 0; k < count; k++) {
            String[] call = CALLS[rnd.nextInt(CALLS.length)];
            List<String> mods = fractional && rnd.nextInt(3) == 0 ? FRACTIONAL_MODIFIERS : INTEGER_MODIFIERS;
            String m = mods.get(rnd.nextInt(mods.size()));
            int controls = 0;
            for (String part : m.split("@")) {
                String p = part.trim();
                if (p.startsWith("ctrl") || p.startsWith("negctrl")) controls += p.contains("(") ? Integer.parseInt(p.replaceAll("\\D", "")) : 1;
            }
            int width = controls + Integer.parseInt(call[1]);
            if (width > n) {
                m = "";
                width = Integer.parseInt(call[1]);
            }
            List<Integer> qs = new java.util.ArrayList<>(IntStream.range(0, n).boxed().toList());
            java.util.Collections.shuffle(qs, rnd);
            s.append(m).append(call[0]);
            for (int j = 0; j < width; j++) s.append(j == 0 ? " " : ", ").append("q[").append(qs.get(j)).append(']');
            s.append(";\n");
            int a = rnd.nextInt(n), b = (a + 1 + rnd.nextInt(n - 1)) % n;
            s.append("cx q[").append(a).append("], q[").append(b).append("];\nrx(").append(0.2 + k * 0.1).append(") q[").append(b).append("];\n");
        }
        return Qasm3Reader.parse(s.toString(), "random.qasm", ParseLimits.DEFAULT, Map.of());
    }

    private static PauliSum observable(Random rnd, int n) {
        StringBuilder s = new StringBuilder();
        String[] ops = {"X", "Y", "Z"};
        for (int t = 0; t < 3; t++) {
            int a = rnd.nextInt(n), b = (a + 1 + rnd.nextInt(n - 1)) % n;
            s.append(t == 0 ? "" : " + ").append(0.5 + t * 0.25).append(' ')
                    .append(ops[rnd.nextInt(3)]).append(a).append(' ').append(ops[rnd.nextInt(3)]).append(b);
        }
        return PauliSum.parse(s.toString());
    }

    private static Map<String, Double> used(Circuit c) {
        Map<String, Double> used = new HashMap<>();
        for (String p : c.parameters()) used.put(p, POINT.get(p));
        return used;
    }

    private static double centralDifference(Circuit c, String name, PauliSum h) {
        double step = 1e-5;
        Map<String, Double> plus = new HashMap<>(used(c)), minus = new HashMap<>(used(c));
        plus.put(name, POINT.get(name) + step);
        minus.put(name, POINT.get(name) - step);
        return (expectation(c, plus, h) - expectation(c, minus, h)) / (2 * step);
    }

    private static double expectation(Circuit c, Map<String, Double> point, PauliSum h) {
        Simulator sim = Simulator.builder().engine("exact").shots(0).seed(0).build();
        try (Result r = sim.run(c.bind(point))) {
            return r.expectation(h);
        }
    }
}
