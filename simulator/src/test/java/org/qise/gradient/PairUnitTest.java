package org.qise.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Operation;
import org.qise.param.Param;
import org.qise.sim.PauliSum;

/**
 * A cx with a one-qubit chain before it on one qubit and after it on the other is un-applied as
 * one unit (both chains and the cx in one sweep) when both qubits are above a vector's width: the
 * gradient must equal the parameter-shift one, with the chain after the cx on its control or its
 * target, in a state that is one tile and in one of 15 qubits whose tiles are gathered (and, with
 * a qubit inside a vector, through the smaller units used there instead).
 */
class PairUnitTest {

    @ParameterizedTest(name = "{0} qubits, cx {1} -> {2}, chains after it on {3}")
    @CsvSource({"4, 2, 3, both", "4, 3, 2, both", "5, 2, 4, target", "5, 4, 3, target", "6, 5, 2, both", "6, 2, 5, target",
            "15, 14, 5, both", "15, 3, 14, target", "15, 13, 2, both", "15, 14, 13, target", "15, 2, 14, both",
            "4, 0, 1, both", "5, 1, 3, target", "15, 0, 14, both", "15, 14, 1, target"})
    void theGradientThroughChainsOnBothSidesOfACxEqualsParameterShift(int n, int control, int target, String after) {
        boolean both = after.equals("both");
        CircuitBuilder b = Circuit.builder(n);
        for (int k = 0; k < n; k++) b.ry(0.3 + k * 0.4, k);
        b.rx(Param.of("x"), control);
        b.rz(Param.of("x").times(0.5).plus(Param.of("phi")), control);
        if (both) {
            b.ry(Param.of("x").times(-1), target);
            b.rz(Param.of("a"), target);
        }
        b.cx(control, target);
        if (both) {
            b.rx(Param.of("theta"), control);
            b.rz(Param.of("theta").times(2).plus(Param.of("x")), control);
        }
        b.ry(Param.of("phi"), target);
        b.rx(Param.of("a").times(-0.7), target);
        b.cx(target, control); // a second cx, so the chains after the first are followed by a gate on their qubits
        Circuit c = b.build();
        Map<String, Double> point = both ? Map.of("theta", 0.4, "x", 0.7, "phi", -1.1, "a", 0.25) : Map.of("x", 0.7, "phi", -1.1, "a", 0.25);
        List<Operation.GateOp> bound = new ArrayList<>();
        for (Operation op : c.bind(point).operations()) bound.add((Operation.GateOp) op);
        boolean above = !Amplitudes.insideVector(control) && !Amplitudes.insideVector(target);
        assertEquals(above, Units.of(bound).stream().anyMatch(u -> Units.isPair(u.op())),
                "a chain+cx+chain unit exactly when both qubits are above a vector's width");

        PauliSum h = PauliSum.parse("Z" + target + " + 0.8 X" + control + " + 0.3 Y" + control + " Y" + target + " + 0.2 X0");
        Gradient adjoint = AdjointGradient.compute(c, point, h);
        Gradient shift = ParameterShift.compute(c, point, h, "exact");
        assertEquals(shift.value(), adjoint.value(), 1e-12);
        double scale = 0;
        for (String p : both ? List.of("theta", "x", "phi", "a") : List.of("x", "phi", "a")) {
            assertEquals(shift.derivative(p), adjoint.derivative(p), 1e-10, "∂/∂" + p);
            scale = Math.max(scale, Math.abs(shift.derivative(p)));
        }
        assertTrue(scale > 1e-2, "the gradient should not vanish");
        assertEquals(AdjointGradient.compute(c, point, h, 3).derivatives()[1], adjoint.derivatives()[1], 0.0, "same bits on 3 threads");
    }
}
