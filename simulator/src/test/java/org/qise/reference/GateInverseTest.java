package org.qise.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.reference.RandomCircuits.angles;
import static org.qise.reference.RandomCircuits.exactState;
import static org.qise.reference.RandomCircuits.maxDifference;
import static org.qise.reference.RandomCircuits.randomQubits;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.FieldMatrix;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;

/**
 * {@link Gate#inverse()} acts as the conjugate transpose of the reference matrix, for every
 * library gate, for controlled library gates and for arbitrary unitaries.
 */
class GateInverseTest {
    private static final double TOL = 1e-12;

    private static void assertActsAs(FieldMatrix<Complex> expected, int n, Gate gate, int[] qubits, String what) {
        for (int k = 0; k < 1 << n; k++) {
            CircuitBuilder b = Circuit.builder(n);
            for (int q = 0; q < n; q++) if ((k >> q & 1) == 1) b.x(q);
            Complex[] engine = exactState(b.gate(gate, qubits).build());
            double diff = maxDifference(Dense.column(expected, k), engine);
            assertTrue(diff < TOL, what + " on |" + k + "⟩ differs by " + diff);
        }
    }

    @Test
    void inverseOfEveryLibraryGateIsTheConjugateTranspose() {
        Random rnd = new Random(51);
        for (Gates.Definition d : Gates.library().values()) {
            int n = d.qubits();
            double[] params = angles(rnd, d.params());
            int[] qubits = randomQubits(rnd, n, n);
            FieldMatrix<Complex> reference = ReferenceGates.full(n, d.name(), params, qubits);
            Gate inverse = d.create(params).inverse();
            assertActsAs(Dense.dagger(reference), n, inverse, qubits,
                    "inverse of " + d.name() + Arrays.toString(params) + " (" + inverse + ")");
        }
    }

    @Test
    void inverseOfControlledLibraryGatesIsTheConjugateTranspose() {
        // Controlled versions get derived names (u → "cu" with three parameters, for instance):
        // their inverse must still be the inverse, not a misreading of the name.
        Random rnd = new Random(52);
        for (Gates.Definition d : Gates.library().values()) {
            if (d.qubits() > 3) continue;
            int n = d.qubits() + 1;
            double[] params = angles(rnd, d.params());
            int[] qubits = randomQubits(rnd, n, n);
            int[] rest = Arrays.copyOfRange(qubits, 1, n);
            FieldMatrix<Complex> reference = ReferenceGates.controlled(n, new int[]{qubits[0]},
                    ReferenceGates.full(n, d.name(), params, rest));
            Gate controlled = d.create(params).controlled(1);
            assertActsAs(Dense.dagger(reference), n, controlled.inverse(), qubits,
                    "inverse of " + controlled + " (" + d.name() + " with a control)");
        }
    }

    @Test
    void inverseOfAnArbitraryUnitaryIsItsConjugateTranspose() {
        Random rnd = new Random(53);
        for (int k = 1; k <= 3; k++) {
            FieldMatrix<Complex> w = RandomCircuits.randomUnitary(rnd, 1 << k);
            int n = k + 1;
            int[] qubits = randomQubits(rnd, n, k);
            Gate inverse = Gates.unitary(RandomCircuits.toQise(w)).inverse();
            assertActsAs(Dense.dagger(RandomCircuits.embedReference(n, w, qubits)), n, inverse, qubits, "inverse of a " + k + "-qubit unitary");
        }
    }
}
