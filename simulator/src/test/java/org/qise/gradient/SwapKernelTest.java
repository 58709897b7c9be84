package org.qise.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;

/**
 * Un-applying an X with controls only moves amplitudes: amplitude i of both states takes the
 * value at i with the target bit flipped where every control bit of i is 1, and keeps its own
 * elsewhere. Checked exactly, against that rule written out per index, for targets inside a
 * vector (qubits 0 and 1, a lane shuffle), at its edge and above it (rows of amplitudes), with
 * controls below, inside and above the target.
 */
class SwapKernelTest {

    @ParameterizedTest(name = "{0} qubits, controls {1}, target {2}")
    @CsvSource({
            "3, 0, 1", "3, 1, 0", "3, 2, 0", "3, 2, 1", "5, 4, 0", "5, 3, 1", "5, 0, 2", "5, 1, 3", "5, 3, 4",
            "4, 0 2, 1", "5, 3 4, 0", "5, 0 1, 2", "6, 1 5, 0", "6, 0 4, 5", "2, 0, 1", "2, 1, 0"})
    void anXWithControlsTradesExactlyTheAmplitudesWhoseControlsAreOne(int n, String controls, int target) {
        String[] cs = controls.split(" ");
        int[] qubits = new int[cs.length + 1];
        int controlBits = 0;
        for (int k = 0; k < cs.length; k++) {
            qubits[k] = Integer.parseInt(cs[k]);
            controlBits |= 1 << qubits[k];
        }
        qubits[cs.length] = target;
        Gate x = cs.length == 1 ? Gates.cx() : Gates.ccx();
        Random random = new Random(7 + n * 31 + target);
        Amplitudes psi = new Amplitudes(n), lambda = new Amplitudes(n);
        for (int e = 0; e < psi.a.length; e++) {
            psi.a[e] = random.nextGaussian();
            lambda.a[e] = random.nextGaussian();
        }
        double[] p0 = psi.a.clone(), l0 = lambda.a.clone();
        Amplitudes.backward(new Operation.GateOp(x, qubits, null), psi, lambda, null, 0, 1 << n);
        for (int i = 0; i < 1 << n; i++) {
            int from = (i & controlBits) == controlBits ? i ^ (1 << target) : i;
            for (int part = 0; part < 2; part++) {
                assertEquals(p0[2 * from + part], psi.a[2 * i + part], "ψ amplitude " + i);
                assertEquals(l0[2 * from + part], lambda.a[2 * i + part], "λ amplitude " + i);
            }
        }
    }
}
