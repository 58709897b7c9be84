package org.qise.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * A cx followed by a chain of one-qubit gates on its control or its target is un-applied as one
 * unit (the chain, then the cx, in one sweep): the gradient must equal the parameter-shift one,
 * for the qubits inside a vector (the two steps one after the other), above it (the fused
 * kernel), in a state that is one tile and in one of 15 qubits whose tiles are gathered.
 */
class ChainCxUnitTest {

    @ParameterizedTest(name = "{0} qubits, cx {1} -> {2}, chain on the {3}")
    @CsvSource({
            "4, 0, 1, control", "4, 1, 0, target", "4, 2, 3, control", "4, 3, 2, control", "4, 2, 3, target", "4, 3, 2, target",
            "5, 1, 4, target", "5, 4, 0, control", "15, 14, 5, control", "15, 3, 14, target", "15, 13, 0, target", "15, 0, 13, control"})
    void theGradientThroughACxAndTheChainAfterItEqualsParameterShift(int n, int control, int target, String on) {
        int q = on.equals("control") ? control : target;
        CircuitBuilder b = Circuit.builder(n);
        for (int k = 0; k < n; k++) b.ry(0.3 + k * 0.4, k);
        b.rx(Param.of("x"), control);
        b.ry(Param.of("x").times(-1), target);
        b.cx(control, target);
        b.rx(Param.of("theta"), q);
        b.rz(Param.of("theta").times(2).plus(Param.of("x")), q);
        b.ry(Param.of("phi"), q);
        b.cx(target, control); // a second cx, so the chain is followed by a gate on its qubit too
        Circuit c = b.build();
        List<Operation.GateOp> bound = new java.util.ArrayList<>();
        for (Operation op : c.bind(Map.of("theta", 0.4, "x", 0.7, "phi", -1.1)).operations()) bound.add((Operation.GateOp) op);
        assertTrue(Units.of(bound).stream().anyMatch(u -> Units.isChainCx(u.op())), "the cx and the chain should form one unit");

        PauliSum h = PauliSum.parse("Z" + target + " + 0.8 X" + control + " + 0.3 Y" + control + " Y" + target);
        Map<String, Double> point = Map.of("theta", 0.4, "x", 0.7, "phi", -1.1);
        Gradient adjoint = AdjointGradient.compute(c, point, h);
        Gradient shift = ParameterShift.compute(c, point, h, "exact");
        assertEquals(shift.value(), adjoint.value(), 1e-12);
        double scale = 0;
        for (String p : List.of("theta", "x", "phi")) {
            assertEquals(shift.derivative(p), adjoint.derivative(p), 1e-10, "∂/∂" + p);
            scale = Math.max(scale, Math.abs(shift.derivative(p)));
        }
        assertTrue(scale > 1e-2, "the gradient should not vanish");
    }
}
