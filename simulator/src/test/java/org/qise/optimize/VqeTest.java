package org.qise.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qise.circuit.Circuit;
import org.qise.param.Param;
import org.qise.sim.PauliSum;

/**
 * VQE for H2 in the STO-3G basis at 0.735 Å, reduced to two qubits (parity mapping), with the
 * published Pauli coefficients; the reference ground energy comes from diagonalising the 4×4
 * Hamiltonian with Commons Math.
 */
class VqeTest {
    // H = g0·II + g1·IZ + g2·ZI + g3·ZZ + g4·XX (Qiskit's letters: rightmost is qubit 0)
    static final double G0 = -1.052373245772859, G1 = 0.39793742484318045, G2 = -0.39793742484318045,
            G3 = -0.01128010425623538, G4 = 0.18093119978423156;
    static final PauliSum H2 = PauliSum.parse(G0 + " II + " + G1 + " IZ - " + (-G2) + " ZI - " + (-G3) + " ZZ + " + G4 + " XX");

    /** The Hamiltonian as a dense 4×4 matrix, qubit 0 the low bit: kron(qubit 1, qubit 0). */
    static double groundEnergyByDiagonalisation() {
        double[][] i = {{1, 0}, {0, 1}}, z = {{1, 0}, {0, -1}}, x = {{0, 1}, {1, 0}};
        RealMatrix h = kron(i, i).scalarMultiply(G0).add(kron(i, z).scalarMultiply(G1)).add(kron(z, i).scalarMultiply(G2))
                .add(kron(z, z).scalarMultiply(G3)).add(kron(x, x).scalarMultiply(G4));
        double min = Double.POSITIVE_INFINITY;
        for (double e : new EigenDecomposition(h).getRealEigenvalues()) min = Math.min(min, e);
        return min;
    }

    static RealMatrix kron(double[][] a, double[][] b) {
        double[][] k = new double[4][4];
        for (int r = 0; r < 4; r++) for (int c = 0; c < 4; c++) k[r][c] = a[r / 2][c / 2] * b[r % 2][c % 2];
        return new Array2DRowRealMatrix(k);
    }

    static Circuit ansatz() {
        // RY layer, CX, RY layer: reaches every real two-qubit state, and H2's ground state is real
        return Circuit.builder(2).ry(Param.of("a"), 0).ry(Param.of("b"), 1).cx(0, 1).ry(Param.of("c"), 0).ry(Param.of("d"), 1).build();
    }

    @Test
    void theDiagonalisedHamiltonianHasThePublishedGroundEnergy() {
        assertEquals(-1.857275030202378, groundEnergyByDiagonalisation(), 1e-9);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Minimizer.Method.class)
    void vqeReachesTheGroundEnergyOfH2(Minimizer.Method method) {
        Map<String, Double> start = new HashMap<>(Map.of("a", 0.3, "b", -0.2, "c", 0.1, "d", 0.4));
        Minimizer.Minimum m = Minimizer.minimize(ansatz(), H2, start, method, 1e-12);
        assertEquals(groundEnergyByDiagonalisation(), m.value(), 1e-6, method + " after " + m.evaluations() + " evaluations");
        assertTrue(m.evaluations() > 1);
    }

    @Test
    void qaoaOnAFourRingReachesTheDepthOneOptimumOfThreeCutEdges() {
        // MaxCut on the ring 0-1-2-3-0; C = Σ (1 − Z_i Z_j)/2. Depth-one QAOA on a ring cuts 3/4 of
        // the edges in expectation at best (Farhi et al. 2014), so max ⟨C⟩ = 3.
        int[][] edges = {{0, 1}, {1, 2}, {2, 3}, {3, 0}};
        var b = Circuit.builder(4);
        for (int q = 0; q < 4; q++) b.h(q);
        for (int[] e : edges) b.rzz(Param.of("gamma").times(2), e[0], e[1]);
        for (int q = 0; q < 4; q++) b.rx(Param.of("beta").times(2), q);
        PauliSum zz = PauliSum.parse("0.5 Z0 Z1 + 0.5 Z1 Z2 + 0.5 Z2 Z3 + 0.5 Z3 Z0");
        Minimizer.Minimum m = Minimizer.minimize(b.build(), zz, Map.of("gamma", 0.4, "beta", 0.3), Minimizer.Method.CONJUGATE_GRADIENT, 1e-12);
        double cut = edges.length / 2.0 - m.value();
        assertEquals(3.0, cut, 1e-6);
    }
}
