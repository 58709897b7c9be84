package org.qise.strange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;
import org.qise.qasm.QasmParser;
import org.redfx.strange.Complex;
import org.redfx.strange.ControlledBlockGate;
import org.redfx.strange.Gate;
import org.redfx.strange.Program;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Add;
import org.redfx.strange.gate.AddInteger;
import org.redfx.strange.gate.AddIntegerModulus;
import org.redfx.strange.gate.Cnot;
import org.redfx.strange.gate.Cr;
import org.redfx.strange.gate.Fourier;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.InvFourier;
import org.redfx.strange.gate.Measurement;
import org.redfx.strange.gate.Mul;
import org.redfx.strange.gate.Oracle;
import org.redfx.strange.gate.R;
import org.redfx.strange.gate.RotationY;
import org.redfx.strange.gate.RotationZ;
import org.redfx.strange.gate.SingleQubitMatrixGate;
import org.redfx.strange.gate.Swap;
import org.redfx.strange.gate.Toffoli;

/** Exporting Strange programs as OpenQASM 2.0, and the errors for gates qelib1 cannot name. */
class StrangeQasmExportTest {

    private static Program sample() {
        double s = Math.sqrt(0.5);
        Complex[][] hy = {{new Complex(s, 0), new Complex(0, -s)}, {new Complex(0, s), new Complex(-s, 0)}};
        Program p = new Program(4);
        Gate[] gates = {new Hadamard(0), new RotationY(0.7, 1), new Toffoli(2, 0, 1), new RotationZ(1.3, 3), new Cnot(3, 0),
                new Fourier(3, 1), new R(0.4, 2), new Cr(0, 2, 2, 3), new Swap(3, 1), new SingleQubitMatrixGate(2, hy),
                new Add(0, 1, 2, 3), new AddInteger(0, 2, 5), new InvFourier(4, 0)};
        for (Gate g : gates) p.addStep(new Step(g));
        return p;
    }

    @Test
    void exportedTextReadsBackToTheSameState() {
        String qasm = StrangeConverter.toQasm(sample());
        assertTrue(qasm.startsWith("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[4];\n"), qasm);
        assertTrue(qasm.contains("ccx q[2],q[0],q[1];"), qasm);
        assertTrue(qasm.contains("rz(1.3) q[3];"), qasm);
        Circuit back = QasmParser.parse(qasm, "strange.qasm");
        double[] viaQasm = StrangeTestSupport.exactState(back);
        double[] direct = StrangeTestSupport.bridgeState(sample());
        // u3 carries the single-qubit matrix up to a global phase, so compare up to one.
        double d = StrangeTestSupport.distanceUpToPhase(direct, viaQasm);
        assertTrue(d < 1e-12, "the state read back from OpenQASM differs by " + d);
    }

    @Test
    void measurementsBecomeMeasureIntoTheSameBit() {
        Program p = new Program(2, new Step(new Hadamard(0)), new Step(new Cnot(0, 1)), new Step(new Measurement(1)));
        String qasm = StrangeConverter.toQasm(p);
        assertTrue(qasm.contains("creg c[2];\n"), qasm);
        assertTrue(qasm.endsWith("measure q[1] -> c[1];\n"), qasm);
    }

    @Test
    void multiplierExportsGateByGate() {
        Program p = new Program(6, new Step(new Hadamard(0)), new Step(new Mul(0, 2, 3)));
        Circuit back = QasmParser.parse(StrangeConverter.toQasm(p), "mul.qasm");
        Program again = new Program(6, new Step(new Hadamard(0)), new Step(new Mul(0, 2, 3)));
        assertTrue(StrangeTestSupport.distance(StrangeTestSupport.bridgeState(again), StrangeTestSupport.exactState(back)) < 1e-12);
    }

    @Test
    void oracleIsReportedByStepAndQubits() {
        Complex[][] flip = new Complex[4][4];
        for (int r = 0; r < 4; r++) for (int c = 0; c < 4; c++) flip[r][c] = r == c ? (r == 3 ? new Complex(-1, 0) : Complex.ONE) : Complex.ZERO;
        Program p = new Program(2, new Step(new Hadamard(0)), new Step(new Oracle(flip)));
        StrangeConversionException e = assertThrows(StrangeConversionException.class, () -> StrangeConverter.toQasm(p));
        assertEquals(1, e.step());
        assertEquals("step 1: Oracle on qubits [0, 1] has no OpenQASM 2.0 equivalent: it needs a 2-qubit 'unitary' gate, which qelib1.inc lacks",
                e.getMessage());
    }

    @Test
    void controlledArithmeticBlocksAreReportedWithTheBlockName() {
        Program p = new Program(5, new Step(new Hadamard(4)), new Step(new ControlledBlockGate<>(new Add(0, 1, 2, 3), 0, 4)));
        StrangeConversionException e = assertThrows(StrangeConversionException.class, () -> StrangeConverter.toQasm(p));
        assertTrue(e.getMessage().startsWith("step 1: ControlledBlockGate (Add) on qubits"), e.getMessage());
        assertTrue(e.getMessage().contains("qelib1.inc lacks"), e.getMessage());

        Program modular = new Program(4, new Step(new AddIntegerModulus(0, 2, 3, 5)));
        e = assertThrows(StrangeConversionException.class, () -> StrangeConverter.toQasm(modular));
        assertTrue(e.getMessage().startsWith("step 0: AddIntegerModulus on qubits [0, 1, 2, 3] has no OpenQASM 2.0 equivalent"), e.getMessage());
    }
}
