package org.qise.strange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation.GateOp;
import org.redfx.strange.Complex;
import org.redfx.strange.gate.Cr;
import org.redfx.strange.gate.R;
import org.redfx.strange.gate.RotationX;
import org.redfx.strange.gate.SingleQubitMatrixGate;

/** Recovering double precision from Strange's float matrices. */
class StrangeMatricesTest {

    @Test
    void anglesWithinFloatRoundingOfAFractionOfTwoPiSnapToIt() {
        assertEquals(2 * Math.PI / 8, StrangeMatrices.snapAngle(2 * Math.PI / 8 + 5e-8));
        assertEquals(-2 * Math.PI * 3 / 1024, StrangeMatrices.snapAngle(-2 * Math.PI * 3 / 1024 - 3e-7));
        assertEquals(2 * Math.PI / 3, StrangeMatrices.snapAngle((float) (2 * Math.PI / 3)));
        assertEquals(0.123456, StrangeMatrices.snapAngle(0.123456), "an angle far from the grid stays");
    }

    @Test
    void floatRoundedUnitaryIsMadeUnitaryAgainNextToTheOriginal() {
        float s = (float) Math.sqrt(0.5);
        Complex[][] h = {{new Complex(s, 0), new Complex(s, 0)}, {new Complex(s, 0), new Complex(-s, 0)}};
        Matrix m = StrangeMatrices.toMatrix(h);
        assertTrue(m.unitarityError() > 1e-9, "float rounding breaks unitarity at double precision");
        Matrix u = StrangeMatrices.nearestUnitary(m, "H");
        assertTrue(u.unitarityError() < 1e-14);
        assertTrue(u.distance(Gates.h().matrix()) < 1e-7);
        // As a gate: the single-qubit matrix becomes a unitary the engine accepts.
        List<GateOp> ops = GateTranslator.translate(new SingleQubitMatrixGate(0, h));
        assertTrue(ops.get(0).gate().matrix().distance(Gates.h().matrix()) < 1e-7);
    }

    @Test
    void farFromUnitaryIsRefused() {
        Complex[][] twice = {{new Complex(2, 0), Complex.ZERO}, {Complex.ZERO, Complex.ONE}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GateTranslator.translate(new SingleQubitMatrixGate(0, twice)));
        assertTrue(e.getMessage().contains("is not unitary"), e.getMessage());
    }

    @Test
    void angleAndInversionComeThroughInDoublePrecision() {
        RotationX rx = new RotationX(0.123456789, 0);
        assertEquals(0.123456789, GateTranslator.translate(rx).get(0).gate().param(0));
        rx.setInverse(true); // Strange conjugates the float matrix
        assertEquals(-0.123456789, GateTranslator.translate(rx).get(0).gate().param(0));
        R r = new R(2, 5, 1);
        assertEquals(2 * Math.PI / 32, GateTranslator.translate(r).get(0).gate().param(0));
        // Cr keeps only a float matrix: an arbitrary angle comes back to float precision.
        double cr = GateTranslator.translate(new Cr(0, 1, 0.3)).get(0).gate().param(0);
        assertEquals(0.3, cr, 1e-6);
        assertEquals(2 * Math.PI / 16, GateTranslator.translate(new Cr(0, 1, 2, 4)).get(0).gate().param(0));
    }
}
