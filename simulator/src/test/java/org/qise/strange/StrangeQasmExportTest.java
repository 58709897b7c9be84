package org.qise.strange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.redfx.strange.Complex;
import org.redfx.strange.ControlledBlockGate;
import org.redfx.strange.Program;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Add;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.Oracle;

/** Exporting Strange programs as OpenQASM 2.0, and the errors for gates qelib1 cannot name. */
class StrangeQasmExportTest {

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
    void controlledArithmeticBlockIsReportedWithTheBlockName() {
        Program p = new Program(5, new Step(new Hadamard(4)), new Step(new ControlledBlockGate<>(new Add(0, 1, 2, 3), 0, 4)));
        StrangeConversionException e = assertThrows(StrangeConversionException.class, () -> StrangeConverter.toQasm(p));
        assertTrue(e.getMessage().startsWith("step 1: ControlledBlockGate (Add) on qubits"), e.getMessage());
        assertTrue(e.getMessage().contains("qelib1.inc lacks"), e.getMessage());
    }
}
