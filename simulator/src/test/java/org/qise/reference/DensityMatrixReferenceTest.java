package org.qise.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.Array2DRowFieldMatrix;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.FieldMatrix;
import org.apache.commons.math3.linear.FieldVector;
import org.apache.commons.math3.linear.ArrayFieldVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;
import org.qise.engine.density.DensityMatrix;
import org.qise.noise.Channel;
import org.qise.noise.Channels;

/**
 * The density-matrix engine against a dense superoperator reference on Commons Math: ρ as a
 * column-stacked vector of 4^n entries, every gate as conj(U) ⊗ U and every channel as
 * Σ conj(K) ⊗ K of the fully embedded operators, applied one after another. Random circuits of
 * library gates mixed with named and random Kraus channels on 1 to 4 qubits must agree to 1e-12,
 * and the result must be Hermitian, positive semi-definite and of trace one.
 */
class DensityMatrixReferenceTest {

    record Case(int n, long seed, int threads) {
        @Override public String toString() { return n + " qubits, seed " + seed + ", " + threads + " thread(s)"; }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (int n = 1; n <= 4; n++) for (long s = 0; s < 3; s++) out.add(new Case(n, 100 * n + s, s == 2 ? 2 : 1));
        return out;
    }

    /** A random channel on k qubits: named ones, or random Kraus operators from a random isometry. */
    static Channel randomChannel(Random rnd, int k) {
        if (k == 2) {
            return switch (rnd.nextInt(3)) {
                case 0 -> Channels.depolarizing2(rnd.nextDouble());
                case 1 -> Channels.tensor(Channels.amplitudeDamping(rnd.nextDouble()), Channels.phaseDamping(rnd.nextDouble()));
                default -> randomKraus(rnd, 2, 1 + rnd.nextInt(3));
            };
        }
        return switch (rnd.nextInt(9)) {
            case 0 -> Channels.bitFlip(rnd.nextDouble());
            case 1 -> Channels.pauli(0.2 * rnd.nextDouble(), 0.3 * rnd.nextDouble(), 0.4 * rnd.nextDouble());
            case 2 -> Channels.depolarizing(rnd.nextDouble());
            case 3 -> Channels.amplitudeDamping(rnd.nextDouble());
            case 4 -> Channels.generalizedAmplitudeDamping(rnd.nextDouble(), rnd.nextDouble());
            case 5 -> Channels.phaseDamping(rnd.nextDouble());
            case 6 -> Channels.thermalRelaxation(1 + rnd.nextDouble(), 0.5 + rnd.nextDouble(), rnd.nextDouble(), 0.2 * rnd.nextDouble());
            case 7 -> Channels.resetError(0.3 * rnd.nextDouble(), 0.3 * rnd.nextDouble());
            default -> randomKraus(rnd, 1, 2 + rnd.nextInt(3));
        };
    }

    /** m Kraus operators K_i = rows i·d … i·d + d − 1 of the first d columns of a random unitary. */
    static Channel randomKraus(Random rnd, int k, int m) {
        int d = 1 << k;
        FieldMatrix<Complex> u = RandomCircuits.randomUnitary(rnd, m * d);
        List<Matrix> ops = new ArrayList<>();
        for (int i = 0; i < m; i++) ops.add(RandomCircuits.toQise(u.getSubMatrix(i * d, i * d + d - 1, 0, d - 1)));
        return Channel.kraus("random", ops);
    }

    static FieldMatrix<Complex> fromQise(Matrix m) {
        Complex[][] e = new Complex[m.dim()][m.dim()];
        for (int r = 0; r < m.dim(); r++) for (int c = 0; c < m.dim(); c++) e[r][c] = new Complex(m.re(r, c), m.im(r, c));
        return new Array2DRowFieldMatrix<>(e, false);
    }

    static FieldMatrix<Complex> conj(FieldMatrix<Complex> m) {
        FieldMatrix<Complex> c = m.copy();
        for (int i = 0; i < c.getRowDimension(); i++) for (int j = 0; j < c.getColumnDimension(); j++) c.setEntry(i, j, c.getEntry(i, j).conjugate());
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void densityMatrixAgreesWithDenseSuperoperators(Case tc) {
        int n = tc.n(), d = 1 << n;
        Random rnd = new Random(tc.seed());
        CircuitBuilder b = Circuit.builder(n);
        Complex[] init = new Complex[d * d];
        java.util.Arrays.fill(init, Complex.ZERO);
        init[0] = Complex.ONE;
        FieldVector<Complex> vec = new ArrayFieldVector<>(init, false);
        for (int step = 0; step < 14; step++) {
            if (rnd.nextInt(3) == 0) {
                int k = n >= 2 && rnd.nextBoolean() ? 2 : 1;
                int[] q = RandomCircuits.randomQubits(rnd, n, k);
                Channel ch = randomChannel(rnd, k);
                b.channel(ch, q);
                FieldMatrix<Complex> s = new Array2DRowFieldMatrix<>(Dense.FIELD, d * d, d * d);
                for (Matrix kraus : ch.kraus()) {
                    FieldMatrix<Complex> full = RandomCircuits.embedReference(n, fromQise(kraus), q);
                    s = s.add(Dense.kron(conj(full), full));
                }
                vec = s.operate(vec);
            } else if (rnd.nextInt(8) == 0) {
                int q = rnd.nextInt(n);
                b.reset(q);
                FieldMatrix<Complex> s = new Array2DRowFieldMatrix<>(Dense.FIELD, d * d, d * d);
                for (FieldMatrix<Complex> kraus : List.of(Dense.ketBra(0, 0), Dense.ketBra(0, 1))) {
                    FieldMatrix<Complex> full = Dense.onQubit(n, q, kraus);
                    s = s.add(Dense.kron(conj(full), full));
                }
                vec = s.operate(vec);
            } else {
                RandomCircuits.Step st = RandomCircuits.randomSteps(rnd, n, 1).getFirst();
                b.gate(Gates.lookup(st.name()).orElseThrow().create(st.params()), st.qubits());
                FieldMatrix<Complex> u = ReferenceGates.full(n, st.name(), st.params(), st.qubits());
                vec = Dense.kron(conj(u), u).operate(vec);
            }
        }
        Circuit c = b.build();
        try (DensityMatrix rho = DensityMatrix.allocate(n, tc.threads())) {
            rho.apply(c.operations());
            double worst = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    Complex want = vec.getEntry(i + d * j);
                    worst = Math.max(worst, Math.hypot(rho.re(i, j) - want.getReal(), rho.im(i, j) - want.getImaginary()));
                }
            }
            assertTrue(worst < 1e-12, "largest difference " + worst + " for " + c.operations());
            assertPhysical(rho, d);
        }
    }

    /** Hermitian, trace one, and no eigenvalue below −1e-12 (via the real symmetric form [[A, −B], [B, A]]). */
    static void assertPhysical(DensityMatrix rho, int d) {
        double[][] big = new double[2 * d][2 * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(rho.re(i, j), rho.re(j, i), 1e-13, "Hermitian (real part)");
                assertEquals(rho.im(i, j), -rho.im(j, i), 1e-13, "Hermitian (imaginary part)");
                big[i][j] = big[i + d][j + d] = rho.re(i, j);
                big[i + d][j] = rho.im(i, j);
                big[i][j + d] = -rho.im(i, j);
            }
        }
        assertEquals(1, rho.trace(), 1e-12, "trace");
        // Hermitian to 1e-13 was checked above; make the last bits symmetric so that the symmetric solver runs.
        for (int i = 0; i < 2 * d; i++) for (int j = 0; j < i; j++) big[i][j] = big[j][i] = (big[i][j] + big[j][i]) / 2;
        for (double e : new EigenDecomposition(new Array2DRowRealMatrix(big)).getRealEigenvalues()) {
            assertTrue(e > -1e-12, "eigenvalue " + e);
        }
    }

    @ParameterizedTest(name = "a channel that is not trace preserving is refused with its name ({0})")
    @org.junit.jupiter.params.provider.ValueSource(doubles = {1.01, 0.9, 1e-9})
    void nonTracePreservingKrausSetIsRefused(double scale) {
        Matrix k = Matrix.ofRows(new double[]{Math.sqrt(scale), 0, 0, 0}, new double[]{0, 0, 1, 0});
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.qise.noise.NoiseException.class, () -> Channel.kraus("leaky", k));
        assertTrue(e.getMessage().contains("'leaky'") && e.getMessage().contains("not trace preserving"), e.getMessage());
    }

}
