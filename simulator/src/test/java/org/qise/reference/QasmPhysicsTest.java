package org.qise.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.FieldMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;
import org.qise.qasm.QasmParser;
import org.qise.reference.RandomCircuits.Step;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/**
 * OpenQASM text through the whole pipeline (parser, simulator, exact engine) against the
 * dense-matrix reference of what the text means: gate names, parameter expressions, qubit
 * arguments, user-defined gates, register broadcasting and flat numbering across registers.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("org.qise.engine.Engines#names")
class QasmPhysicsTest {
    /** The engine under test: each engine in Engines.names() runs the whole class. */
    @Parameter
    String engine;

    private static final double TOL = 1e-12;
    private static final String HEADER = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";

    private Complex[] simulate(String qasm) {
        Circuit c = QasmParser.parse(qasm, "test.qasm");
        try (Result r = Simulator.builder().engine(engine).shots(1).seed(1).build().run(c)) {
            return RandomCircuits.fromInterleaved(r.statevector());
        }
    }

    private void assertMatches(FieldMatrix<Complex> reference, String qasm) {
        double diff = RandomCircuits.maxDifference(Dense.column(reference, 0), simulate(qasm));
        assertTrue(diff < TOL, "differs by " + diff + " for\n" + qasm);
    }

    private static FieldMatrix<Complex> gate(int n, String name, double[] params, int... qubits) {
        return ReferenceGates.full(n, name, params, qubits);
    }

    private static double[] p(double... values) {
        return values;
    }

    @Test
    void randomProgramsOfLibraryGatesMatchTheReference() {
        Random rnd = new Random(61);
        for (int n = 1; n <= 5; n++) {
            for (int trial = 0; trial < 5; trial++) {
                List<Step> steps = RandomCircuits.randomSteps(rnd, n, 4 * n + 4);
                StringBuilder qasm = new StringBuilder(HEADER).append("qreg q[").append(n).append("];\n");
                for (Step s : steps) {
                    qasm.append(s.name());
                    if (s.params().length > 0) {
                        qasm.append('(');
                        for (int i = 0; i < s.params().length; i++) qasm.append(i == 0 ? "" : ", ").append(s.params()[i]);
                        qasm.append(')');
                    }
                    for (int i = 0; i < s.qubits().length; i++) qasm.append(i == 0 ? " " : ", ").append("q[").append(s.qubits()[i]).append(']');
                    qasm.append(";\n");
                }
                assertMatches(RandomCircuits.referenceUnitary(n, steps), qasm.toString());
            }
        }
    }

    @Test
    void parameterExpressionsEvaluateToTheirValues() {
        String[] expressions = {"pi/2", "-pi/4", "2*pi/3", "pi^2/10", "sin(0.3)+cos(0.2)", "sqrt(2)/2",
                "ln(2)*exp(1)", "tan(0.4)", "-(1.5-0.25)*2", "3e-1", "1/3/5"};
        double[] values = {Math.PI / 2, -Math.PI / 4, 2 * Math.PI / 3, Math.PI * Math.PI / 10, Math.sin(0.3) + Math.cos(0.2),
                Math.sqrt(2) / 2, Math.log(2) * Math.E, Math.tan(0.4), -2.5, 0.3, 1.0 / 15};
        for (int i = 0; i < expressions.length; i++) {
            String qasm = HEADER + "qreg q[2];\nh q[0];\nrx(" + expressions[i] + ") q[1];\ncu1(" + expressions[i] + ") q[0], q[1];\n";
            FieldMatrix<Complex> ref = gate(2, "cu1", p(values[i]), 0, 1)
                    .multiply(gate(2, "rx", p(values[i]), 1))
                    .multiply(gate(2, "h", p(), 0));
            assertMatches(ref, qasm);
        }
    }

    @Test
    void userDefinedGatesExpandToTheirBodies() {
        String qasm = HEADER + """
                gate twirl(a, b) x, y { ry(a) x; cx x, y; rz(b/2) y; cx y, x; u2(a, -b) y; }
                gate outer(t) x, y, z { h z; twirl(t, 2*t) z, x; ccx x, z, y; }
                qreg q[3];
                ry(0.4) q[1];
                twirl(0.3, 1.7) q[2], q[0];
                outer(0.9) q[1], q[0], q[2];
                """;
        int n = 3;
        FieldMatrix<Complex> u = gate(n, "ry", p(0.4), 1);
        // twirl(0.3, 1.7) with x = q2, y = q0
        u = twirl(n, 0.3, 1.7, 2, 0).multiply(u);
        // outer(0.9) with x = q1, y = q0, z = q2: h z; twirl(0.9, 1.8) z, x; ccx x, z, y
        u = gate(n, "h", p(), 2).multiply(u);
        u = twirl(n, 0.9, 1.8, 2, 1).multiply(u);
        u = gate(n, "ccx", p(), 1, 2, 0).multiply(u);
        assertMatches(u, qasm);
    }

    private static FieldMatrix<Complex> twirl(int n, double a, double b, int x, int y) {
        FieldMatrix<Complex> u = gate(n, "ry", p(a), x);
        u = gate(n, "cx", p(), x, y).multiply(u);
        u = gate(n, "rz", p(b / 2), y).multiply(u);
        u = gate(n, "cx", p(), y, x).multiply(u);
        return gate(n, "u2", p(a, -b), y).multiply(u);
    }

    @Test
    void registersAreNumberedFlatAndBroadcast() {
        // qreg a[2]; qreg b[2]: a[i] is qubit i, b[i] is qubit 2 + i.
        String qasm = HEADER + """
                qreg a[2];
                qreg b[2];
                h a;
                ry(0.7) b[1];
                cx a, b;
                crz(1.1) b[0], a[1];
                """;
        int n = 4;
        FieldMatrix<Complex> u = gate(n, "h", p(), 1).multiply(gate(n, "h", p(), 0));
        u = gate(n, "ry", p(0.7), 3).multiply(u);
        u = gate(n, "cx", p(), 1, 3).multiply(gate(n, "cx", p(), 0, 2)).multiply(u);
        u = gate(n, "crz", p(1.1), 2, 1).multiply(u);
        assertMatches(u, qasm);
    }

    @Test
    void builtinUAndCxAreTheTextbookGates() {
        String qasm = "OPENQASM 2.0;\nqreg q[2];\nU(1.2, 0.5, -0.8) q[1];\nCX q[1], q[0];\nU(0.3, 2.0, 1.0) q[0];\n";
        int n = 2;
        FieldMatrix<Complex> u = gate(n, "U", p(1.2, 0.5, -0.8), 1);
        u = gate(n, "CX", p(), 1, 0).multiply(u);
        u = gate(n, "U", p(0.3, 2.0, 1.0), 0).multiply(u);
        assertMatches(u, qasm);
    }
}
