package org.qise.reference;

import java.util.Map;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.complex.ComplexField;
import org.apache.commons.math3.linear.Array2DRowFieldMatrix;
import org.apache.commons.math3.linear.FieldMatrix;

/**
 * Dense complex matrices on Apache Commons Math's {@link ComplexField}: the independent side of
 * the physics tests. Nothing here touches QISE's own matrix code.
 *
 * <p>Qubit order: in a 2^n matrix, bit q of a row or column index is the state of qubit q (qubit
 * 0 least significant), so an operator that acts as A on qubit q and as identity elsewhere is
 * I ⊗ … ⊗ A ⊗ … ⊗ I with the factor for qubit n−1 leftmost in the Kronecker product.
 */
final class Dense {
    private Dense() {}

    static final ComplexField FIELD = ComplexField.getInstance();

    static final Complex ONE = Complex.ONE;
    static final Complex ZERO = Complex.ZERO;
    static final Complex I = Complex.I;

    /** The 2×2 matrix [[a, b], [c, d]]. */
    static FieldMatrix<Complex> m2(Complex a, Complex b, Complex c, Complex d) {
        return new Array2DRowFieldMatrix<>(new Complex[][]{{a, b}, {c, d}}, false);
    }

    static Complex re(double x) {
        return new Complex(x, 0);
    }

    /** e^{iφ}. */
    static Complex phase(double phi) {
        return new Complex(Math.cos(phi), Math.sin(phi));
    }

    static final FieldMatrix<Complex> ID = m2(ONE, ZERO, ZERO, ONE);
    static final FieldMatrix<Complex> PAULI_X = m2(ZERO, ONE, ONE, ZERO);
    static final FieldMatrix<Complex> PAULI_Y = m2(ZERO, I.negate(), I, ZERO);
    static final FieldMatrix<Complex> PAULI_Z = m2(ONE, ZERO, ZERO, ONE.negate());
    /** |0⟩⟨0|. */
    static final FieldMatrix<Complex> P0 = m2(ONE, ZERO, ZERO, ZERO);
    /** |1⟩⟨1|. */
    static final FieldMatrix<Complex> P1 = m2(ZERO, ZERO, ZERO, ONE);

    /** |a⟩⟨b| for single-qubit basis states a, b ∈ {0, 1}. */
    static FieldMatrix<Complex> ketBra(int a, int b) {
        FieldMatrix<Complex> m = new Array2DRowFieldMatrix<>(FIELD, 2, 2);
        m.setEntry(a, b, ONE);
        return m;
    }

    static FieldMatrix<Complex> identity(int dim) {
        FieldMatrix<Complex> m = new Array2DRowFieldMatrix<>(FIELD, dim, dim);
        for (int i = 0; i < dim; i++) m.setEntry(i, i, ONE);
        return m;
    }

    /** The Kronecker product a ⊗ b: b's index is the low part of the combined index. */
    static FieldMatrix<Complex> kron(FieldMatrix<Complex> a, FieldMatrix<Complex> b) {
        int ar = a.getRowDimension(), ac = a.getColumnDimension();
        int br = b.getRowDimension(), bc = b.getColumnDimension();
        Complex[][] out = new Complex[ar * br][ac * bc];
        for (int i = 0; i < ar; i++) {
            for (int j = 0; j < ac; j++) {
                Complex x = a.getEntry(i, j);
                for (int k = 0; k < br; k++) {
                    for (int l = 0; l < bc; l++) {
                        out[i * br + k][j * bc + l] = x.multiply(b.getEntry(k, l));
                    }
                }
            }
        }
        return new Array2DRowFieldMatrix<>(out, false);
    }

    /**
     * The n-qubit operator ⊗_{q = n−1 … 0} F_q where F_q is {@code factors.get(q)}, or the
     * identity for qubits not in the map.
     */
    static FieldMatrix<Complex> onQubits(int n, Map<Integer, FieldMatrix<Complex>> factors) {
        FieldMatrix<Complex> m = identity(1);
        for (int q = n - 1; q >= 0; q--) m = kron(m, factors.getOrDefault(q, ID));
        return m;
    }

    /** A on qubit q of n, identity elsewhere. */
    static FieldMatrix<Complex> onQubit(int n, int q, FieldMatrix<Complex> a) {
        return onQubits(n, Map.of(q, a));
    }

    static FieldMatrix<Complex> dagger(FieldMatrix<Complex> m) {
        FieldMatrix<Complex> t = m.transpose();
        for (int i = 0; i < t.getRowDimension(); i++) {
            for (int j = 0; j < t.getColumnDimension(); j++) t.setEntry(i, j, t.getEntry(i, j).conjugate());
        }
        return t;
    }

    /** Largest |a_ij − b_ij|. */
    static double distance(FieldMatrix<Complex> a, FieldMatrix<Complex> b) {
        double worst = 0;
        for (int i = 0; i < a.getRowDimension(); i++) {
            for (int j = 0; j < a.getColumnDimension(); j++) {
                worst = Math.max(worst, a.getEntry(i, j).subtract(b.getEntry(i, j)).abs());
            }
        }
        return worst;
    }

    /** Largest entry of |U·U† − I|. */
    static double unitarityError(FieldMatrix<Complex> u) {
        return distance(u.multiply(dagger(u)), identity(u.getRowDimension()));
    }

    /** Column {@code k} of m: the image of basis state |k⟩. */
    static Complex[] column(FieldMatrix<Complex> m, int k) {
        Complex[] v = new Complex[m.getRowDimension()];
        for (int i = 0; i < v.length; i++) v[i] = m.getEntry(i, k);
        return v;
    }

    /** m·v. */
    static Complex[] apply(FieldMatrix<Complex> m, Complex[] v) {
        Complex[] out = new Complex[m.getRowDimension()];
        for (int i = 0; i < out.length; i++) {
            Complex s = ZERO;
            for (int j = 0; j < v.length; j++) s = s.add(m.getEntry(i, j).multiply(v[j]));
            out[i] = s;
        }
        return out;
    }

    /** ⟨a|b⟩ = Σ conj(a_i)·b_i. */
    static Complex inner(Complex[] a, Complex[] b) {
        Complex s = ZERO;
        for (int i = 0; i < a.length; i++) s = s.add(a[i].conjugate().multiply(b[i]));
        return s;
    }
}
