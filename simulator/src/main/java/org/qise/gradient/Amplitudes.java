package org.qise.gradient;

import java.util.Arrays;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;
import org.qise.sim.PauliSum;

/**
 * The state vectors of the adjoint method, on the heap as interleaved (re, im) doubles, and the
 * few loops it needs: apply a gate, apply a Pauli sum, an inner product, and the backward step
 * that un-applies one gate from two states while collecting what the gate's derivative needs.
 * Single-threaded and in a fixed order, so results do not depend on the machine.
 */
final class Amplitudes {
    /** 2^26 amplitudes take 1 GiB per state; the adjoint method holds two. */
    static final int MAX_QUBITS = 26;

    final int n;
    final double[] a;

    Amplitudes(int n) {
        if (n > MAX_QUBITS) throw new IllegalArgumentException("gradients are limited to " + MAX_QUBITS + " qubits, the circuit has " + n);
        this.n = n;
        this.a = new double[2 << n];
        a[0] = 1;
    }

    private Amplitudes(int n, double[] a) {
        this.n = n;
        this.a = a;
    }

    Amplitudes zeroCopy() { return new Amplitudes(n, new double[a.length]); }

    /** Where one gate acts: the local offset of each target basis state, and how to list the groups. */
    static final class Geometry {
        final int dim;
        final int[] offset;
        final int[] fixedSorted;
        final int controlBits;
        final long groups;

        Geometry(int n, Operation.GateOp op) {
            int[] q = op.qubits();
            int c = op.gate().controls();
            int k = q.length - c;
            dim = 1 << k;
            offset = new int[dim];
            for (int local = 0; local < dim; local++) {
                for (int j = 0; j < k; j++) if ((local >> j & 1) == 1) offset[local] |= 1 << q[c + j];
            }
            int bits = 0;
            for (int j = 0; j < c; j++) bits |= 1 << q[j];
            controlBits = bits;
            fixedSorted = q.clone();
            Arrays.sort(fixedSorted);
            groups = 1L << (n - q.length);
        }

        /** Index of group {@code g}'s member with target bits 0 (control bits are 1). */
        int base(int g) {
            int b = g;
            for (int q : fixedSorted) b = ((b >>> q) << (q + 1)) | (b & ((1 << q) - 1));
            return b | controlBits;
        }
    }

    /** ψ ← U ψ for the gate (its matrix on the targets where all controls are 1). */
    void apply(Operation.GateOp op) {
        Geometry geo = new Geometry(n, op);
        Matrix m = op.gate().targetMatrix();
        double[] mr = m.realParts(), mi = m.imagParts();
        int d = geo.dim;
        double[] xr = new double[d], xi = new double[d];
        for (int g = 0; g < geo.groups; g++) {
            int base = geo.base(g);
            for (int c = 0; c < d; c++) {
                int i = 2 * (base | geo.offset[c]);
                xr[c] = a[i];
                xi[c] = a[i + 1];
            }
            for (int r = 0; r < d; r++) {
                double sr = 0, si = 0;
                for (int c = 0; c < d; c++) {
                    double ar = mr[r * d + c], ai = mi[r * d + c];
                    sr += ar * xr[c] - ai * xi[c];
                    si += ar * xi[c] + ai * xr[c];
                }
                int i = 2 * (base | geo.offset[r]);
                a[i] = sr;
                a[i + 1] = si;
            }
        }
    }

    /** H ψ as a new state, for a Pauli sum H. */
    Amplitudes applyPauliSum(PauliSum h) {
        Amplitudes out = zeroCopy();
        double[] o = out.a;
        int size = 1 << n;
        for (PauliSum.Term t : h.terms()) {
            int x = (int) t.xMask(), z = (int) t.zMask();
            // P = i^{#Y} X^x Z^z: (Pψ)[i ^ x] = i^{#Y} (−1)^{|i ∧ z|} ψ[i]
            int yCount = Integer.bitCount(x & z) & 3;
            double c = t.coefficient();
            double pr = yCount == 0 ? c : yCount == 2 ? -c : 0, pi = yCount == 1 ? c : yCount == 3 ? -c : 0;
            for (int i = 0; i < size; i++) {
                double s = (Integer.bitCount(i & z) & 1) == 0 ? 1 : -1;
                double re = a[2 * i], im = a[2 * i + 1];
                int j = 2 * (i ^ x);
                o[j] += s * (pr * re - pi * im);
                o[j + 1] += s * (pr * im + pi * re);
            }
        }
        return out;
    }

    /** Re ⟨this|other⟩. */
    double realInner(Amplitudes other) {
        double s = 0;
        double[] b = other.a;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /**
     * The backward step of the adjoint method for one gate U = (controls) M: ψ ← U†ψ and
     * λ ← U†λ in one pass. When {@code g} is not null it receives, over the groups where the
     * controls are 1, G[a][b] = Σ conj(λ_old[a]) · ψ_new[b] (re at 2(a·d+b), im at +1), so that
     * ⟨λ_old| dU |ψ_new⟩ = Σ dM[a][b] · G[a][b] for any derivative dM of the target matrix.
     */
    static void backward(Operation.GateOp op, Amplitudes psi, Amplitudes lambda, double[] g) {
        Geometry geo = new Geometry(psi.n, op);
        Matrix m = op.gate().targetMatrix();
        double[] mr = m.realParts(), mi = m.imagParts();
        int d = geo.dim;
        double[] p = psi.a, l = lambda.a;
        double[] xr = new double[d], xi = new double[d], yr = new double[d], yi = new double[d];
        double[] nr = new double[d], ni = new double[d];
        if (g != null) Arrays.fill(g, 0);
        for (int grp = 0; grp < geo.groups; grp++) {
            int base = geo.base(grp);
            for (int c = 0; c < d; c++) {
                int i = 2 * (base | geo.offset[c]);
                xr[c] = p[i];
                xi[c] = p[i + 1];
                yr[c] = l[i];
                yi[c] = l[i + 1];
            }
            // ψ_new = M† ψ: (M†)[r][c] = conj(M[c][r])
            for (int r = 0; r < d; r++) {
                double sr = 0, si = 0, tr = 0, ti = 0;
                for (int c = 0; c < d; c++) {
                    double ar = mr[c * d + r], ai = -mi[c * d + r];
                    sr += ar * xr[c] - ai * xi[c];
                    si += ar * xi[c] + ai * xr[c];
                    tr += ar * yr[c] - ai * yi[c];
                    ti += ar * yi[c] + ai * yr[c];
                }
                nr[r] = sr;
                ni[r] = si;
                int i = 2 * (base | geo.offset[r]);
                p[i] = sr;
                p[i + 1] = si;
                l[i] = tr;
                l[i + 1] = ti;
            }
            if (g != null) {
                for (int x = 0; x < d; x++) {
                    double lr = yr[x], li = -yi[x]; // conj(λ_old[x])
                    for (int y = 0; y < d; y++) {
                        int k = 2 * (x * d + y);
                        g[k] += lr * nr[y] - li * ni[y];
                        g[k + 1] += lr * ni[y] + li * nr[y];
                    }
                }
            }
        }
    }
}
