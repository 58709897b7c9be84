package org.qise.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;

class QasmExporterTest {

    @Test
    void writesCanonicalText() {
        Circuit c = Circuit.builder().qreg("q", 2).qreg("r", 1).creg("c", 2)
                .h(0).cx(0, 2).rz(Math.PI / 2, 1).u3(0.1, -Math.PI, 1e-5, 0).crx(-3 * Math.PI / 4, 2, 1)
                .gate(Gates.builtinU(1, 0, 2.5), 2).gate(Gates.builtinCX(), 1, 0)
                .barrier(0, 1, 2).measure(0, 0)
                .ifEquals("c", 1, b -> b.x(1).measure(1, 1))
                .reset(2)
                .build();
        String expected = """
                OPENQASM 2.0;
                include "qelib1.inc";
                qreg q[2];
                qreg r[1];
                creg c[2];
                h q[0];
                cx q[0],r[0];
                rz(pi/2) q[1];
                u3(0.1,-pi,1.0E-5) q[0];
                crx(-3*pi/4) r[0],q[1];
                U(1,0,2.5) r[0];
                CX q[1],q[0];
                barrier q[0],q[1],r[0];
                measure q[0] -> c[0];
                if(c==1) x q[1];
                if(c==1) measure q[1] -> c[1];
                reset r[0];
                """;
        assertEquals(expected, QasmExporter.export(c));
        assertEquals(c, QasmParser.parse(expected, "canonical.qasm"));
    }

    @Test
    void emptyCircuitIsJustTheHeader() {
        assertEquals("OPENQASM 2.0;\ninclude \"qelib1.inc\";\n", QasmExporter.export(Circuit.builder().build()));
    }

    @Test
    void anglesPreferExactMultiplesOfPi() {
        assertEquals("pi", AngleFormat.format(Math.PI));
        assertEquals("-pi", AngleFormat.format(-Math.PI));
        assertEquals("pi/2", AngleFormat.format(Math.PI / 2));
        assertEquals("-pi/4", AngleFormat.format(-Math.PI / 4));
        assertEquals("2*pi", AngleFormat.format(2 * Math.PI));
        assertEquals("3*pi/8", AngleFormat.format(3 * Math.PI / 8));
        assertEquals("0", AngleFormat.format(0.0));
        assertEquals("-0.0", AngleFormat.format(-0.0));
        assertEquals("-2", AngleFormat.format(-2.0));
        assertEquals("0.1", AngleFormat.format(0.1));
        assertEquals("1.0E-20", AngleFormat.format(1e-20));
        assertEquals("1.0E7", AngleFormat.format(1e7));
        // Close to pi/2 but not it: written as a decimal.
        assertEquals(Double.toString(Math.PI / 2 + 1e-15), AngleFormat.format(Math.PI / 2 + 1e-15));
    }

    @Test
    void everyWrittenAngleReadsBackToTheSameBits() {
        Random rnd = new Random(7);
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE, 1e300, 1e-300));
        for (int d = 1; d <= 20; d++) {
            for (int n = -70; n <= 70; n++) {
                values.add(n * Math.PI / d);
                values.add(Math.PI * n / d);
                values.add(n / (double) d * Math.PI);
            }
        }
        for (int i = 0; i < 2000; i++) {
            values.add(rnd.nextGaussian() * 10);
            values.add(Double.longBitsToDouble(rnd.nextLong()));
        }
        for (double v : values) {
            if (!Double.isFinite(v)) continue;
            String text = AngleFormat.format(v);
            double back = ExpressionParser.evaluateConstant(text);
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(back), v + " written as " + text);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteAnglesCannotBeWritten(double v) {
        Circuit c = Circuit.builder(1).rx(v, 0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QasmExporter.export(c));
        assertTrue(e.getMessage().contains("cannot be written in OpenQASM 2.0"), e.getMessage());
    }

    @Test
    void randomCircuitsOfAllLibraryGatesRoundTripExactly() {
        Random rnd = new Random(2024);
        List<Gates.Definition> library = new ArrayList<>(Gates.library().values());
        for (int trial = 0; trial < 200; trial++) {
            CircuitBuilder b = Circuit.builder().qreg("q", 3).qreg("anc", 2 + rnd.nextInt(3)).creg("c", 3).creg("flag", 1);
            int n = b.numQubits();
            for (int step = 0; step < 40; step++) {
                int kind = rnd.nextInt(10);
                if (kind == 0) {
                    b.measure(rnd.nextInt(n), rnd.nextInt(b.numClbits()));
                } else if (kind == 1) {
                    b.reset(rnd.nextInt(n));
                } else if (kind == 2) {
                    b.barrier(distinctQubits(rnd, n, 1 + rnd.nextInt(n)));
                } else {
                    Gates.Definition d = library.get(rnd.nextInt(library.size()));
                    double[] params = new double[d.params()];
                    for (int i = 0; i < params.length; i++) params[i] = randomAngle(rnd);
                    Gate g = d.create(params);
                    int[] qubits = distinctQubits(rnd, n, d.qubits());
                    if (kind == 3) {
                        boolean flag = rnd.nextBoolean(); // values that fit the register: c has 3 bits, flag 1
                        b.ifEquals(flag ? "flag" : "c", rnd.nextInt(flag ? 2 : 8), x -> x.gate(g, qubits));
                    }
                    else b.gate(g, qubits);
                }
            }
            Circuit c = b.build();
            String text = QasmExporter.export(c);
            Circuit back = QasmParser.parse(text, "random.qasm");
            assertEquals(c, back, text);
            assertEquals(text, QasmExporter.export(back));
        }
    }

    private static double randomAngle(Random rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> (rnd.nextInt(33) - 16) * Math.PI / (1 + rnd.nextInt(16));
            case 1 -> rnd.nextInt(7) - 3;
            case 2 -> rnd.nextDouble() * 1e-9;
            default -> rnd.nextGaussian() * 4;
        };
    }

    private static int[] distinctQubits(Random rnd, int n, int k) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) all.add(i);
        java.util.Collections.shuffle(all, rnd);
        return all.subList(0, k).stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void controlledLibraryGatesKeepTheirQelib1Names() {
        Circuit c = Circuit.builder(5).controlled(Gates.x(), new int[]{0, 1, 2, 3}, 4).controlled(Gates.h(), new int[]{1}, 0).build();
        String text = QasmExporter.export(c);
        assertTrue(text.contains("c4x q[0],q[1],q[2],q[3],q[4];\nch q[1],q[0];\n"), text);
        assertEquals(c, QasmParser.parse(text, "c.qasm"));
    }

    @Test
    void oneQubitUnitaryIsWrittenAsU3UpToGlobalPhase() {
        Random rnd = new Random(11);
        for (int i = 0; i < 50; i++) {
            double theta = i == 0 ? 0 : i == 1 ? Math.PI : rnd.nextDouble() * Math.PI;
            Matrix m = Gates.uMatrix(theta, rnd.nextGaussian(), rnd.nextGaussian()).timesPhase(rnd.nextGaussian());
            Circuit c = Circuit.builder(1).unitary(m, 0).build();
            String text = QasmExporter.export(c);
            assertTrue(text.contains("u3("), text);
            Gate back = ((Operation.GateOp) QasmParser.parse(text, "u.qasm").operations().get(0)).gate();
            assertEquals("u3", back.name());
            assertTrue(back.targetMatrix().distanceUpToGlobalPhase(m) < 1e-12, text);
        }
    }

    @Test
    void gatesOutsideOpenQasm2AreRefused() {
        Matrix cnotLike = Gates.cx().matrix();
        for (Circuit c : List.of(
                Circuit.builder(2).unitary(cnotLike, 0, 1).build(),
                Circuit.builder(6).controlled(Gates.x(), new int[]{0, 1, 2, 3, 4}, 5).build(),
                Circuit.builder(2).controlled(Gates.unitary(Gates.uMatrix(0.3, 0.1, 0.2)), new int[]{0}, 1).build(),
                Circuit.builder(3).controlled(Gates.rx(0.2), new int[]{0, 1}, 2).build())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QasmExporter.export(c));
            assertTrue(e.getMessage().contains("cannot be written in OpenQASM 2.0"), e.getMessage());
        }
    }

    @Test
    void registerNamesMustBeOpenQasmIdentifiers() {
        for (String bad : List.of("Q", "pi", "measure", "2q", "q-1")) {
            Circuit c = Circuit.builder().qreg(bad, 1).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QasmExporter.export(c));
            assertTrue(e.getMessage().contains("register name '" + bad + "' cannot be written"), e.getMessage());
        }
    }
}
