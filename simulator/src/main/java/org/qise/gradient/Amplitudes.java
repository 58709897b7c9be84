package org.qise.gradient;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;

/**
 * The state vectors of the adjoint method, on the heap as interleaved (re, im) doubles, and the
 * loop it needs: the backward step that un-applies
 * one gate from two states while collecting what the gate's derivative needs.
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

    /** A heap copy of an engine's state (the forward pass runs on the engine, fused and vectorised). */
    static Amplitudes copyOf(org.qise.engine.QuantumState state) {
        int n = state.numQubits();
        if (n > MAX_QUBITS) throw new IllegalArgumentException("gradients are limited to " + MAX_QUBITS + " qubits, the circuit has " + n);
        // the engine's bulk copy, already interleaved as here (one call per amplitude cost a few % of a gradient)
        double[] a = state.amplitudes();
        if (a.length != 2 << n) throw new IllegalStateException("expected " + (2 << n) + " numbers, got " + a.length);
        return new Amplitudes(n, a);
    }

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

    /**
     * The backward step of the adjoint method for one gate U = (controls) M, over the amplitudes
     * [from, to) (a range of 2^B amplitudes holds whole groups of any gate on qubits below B):
     * ψ ← U†ψ and λ ← U†λ in one pass. When {@code g} is not null, it is added
     * G[a][b] = Σ conj(λ_old[a]) · ψ_new[b] over the groups where the controls are 1 (re at
     * 2(a·d+b), im at +1), so that ⟨λ_old| dU |ψ_new⟩ = Σ dM[a][b] · G[a][b] for any derivative
     * dM of the target matrix.
     */
    static void backward(Operation.GateOp op, Amplitudes psi, Amplitudes lambda, double[] g, int from, int to) {
        if (Units.isChainCx(op)) {
            backwardChainCx(op, psi.a, lambda.a, g, from, to);
            return;
        }
        if (op.gate().targets() == 1) {
            backwardOneTarget(op, psi.a, lambda.a, g, from, to);
            return;
        }
        Geometry geo = new Geometry(psi.n, op);
        Matrix m = op.gate().targetMatrix();
        double[] mr = m.realParts(), mi = m.imagParts();
        int d = geo.dim;
        double[] p = psi.a, l = lambda.a;
        double[] xr = new double[d], xi = new double[d], yr = new double[d], yi = new double[d];
        double[] nr = new double[d], ni = new double[d];
        int groupsPerRange = (int) (geo.groups / ((1L << psi.n) / (to - from)));
        int firstGroup = (int) ((long) from / (to - from)) * groupsPerRange;
        for (int grp = firstGroup; grp < firstGroup + groupsPerRange; grp++) {
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

    /**
     * The backward step for a cx followed by a chain M on one of its qubits ({@link Units#CHAIN_CX}):
     * M† is un-applied from both states, adding the chain's G sums as {@link #backwardOneTarget}
     * would, and then the cx, which only moves amplitudes: the results of M† are stored at their
     * swapped places. One sweep instead of two (the cx had a pass over the tile of its own).
     */
    private static void backwardChainCx(Operation.GateOp op, double[] p, double[] l, double[] g, int from, int to) {
        double[] m = op.gate().params();
        int role = (int) m[8], a = op.qubits()[0], b = op.qubits()[1];
        int sa = 1 << a, sb = 1 << b;
        if (!(AMPS >= 2 && sa >= AMPS && sb >= AMPS)) { // a qubit inside a vector: the two steps one after the other
            Matrix chain = Matrix.of(2, new double[]{m[0], m[2], m[4], m[6]}, new double[]{m[1], m[3], m[5], m[7]});
            backwardOneTarget(new Operation.GateOp(new org.qise.circuit.Gate("fused", new double[0], 0, chain), new int[]{a}, null), p, l, g, from, to);
            int[] cx = role == 0 ? new int[]{a, b} : new int[]{b, a};
            backwardOneTarget(new Operation.GateOp(org.qise.circuit.Gates.cx(), cx, null), p, l, null, from, to);
            return;
        }
        // M† = [[conj m00, conj m10], [conj m01, conj m11]] as in backwardOneTarget
        DoubleVector vaR = DoubleVector.broadcast(SPECIES, m[0]), vaI = I_SIGNS.mul(-m[1]);
        DoubleVector vbR = DoubleVector.broadcast(SPECIES, m[4]), vbI = I_SIGNS.mul(-m[5]);
        DoubleVector vcR = DoubleVector.broadcast(SPECIES, m[2]), vcI = I_SIGNS.mul(-m[3]);
        DoubleVector vdR = DoubleVector.broadcast(SPECIES, m[6]), vdI = I_SIGNS.mul(-m[7]);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector a00r = zero, a00i = zero, a01r = zero, a01i = zero, a10r = zero, a10i = zero, a11r = zero, a11i = zero;
        boolean collect = g != null;
        int lo = Math.min(sa, sb), hi = Math.max(sa, sb);
        // one flat loop over the quads (bits a and b zero), in increasing order: nested loops
        // over rows ran 1 or 2 times in the innermost one for a low qubit (2 or 3 in a tile)
        int lb = Integer.numberOfTrailingZeros(lo), hb = Integer.numberOfTrailingZeros(hi);
        int quads = (to - from) >> 2;
        for (int k = 0; k < quads; k += AMPS) {
            int j = ((k >>> lb) << (lb + 1)) | (k & (lo - 1));
            int i = from + (((j >>> hb) << (hb + 1)) | (j & (hi - 1)));
            // the chain's pairs along qubit a: (x0, xa) where b is 0, (xb, xab) where b is 1
            int x0 = 2 * i, xa = 2 * (i + sa), xb = 2 * (i + sb), xab = 2 * (i + sa + sb);
            // both pairs are computed before either is stored: the cx moves results across them
            DoubleVector p0 = DoubleVector.fromArray(SPECIES, p, x0), p1 = DoubleVector.fromArray(SPECIES, p, xa);
            DoubleVector l0 = DoubleVector.fromArray(SPECIES, l, x0), l1 = DoubleVector.fromArray(SPECIES, l, xa);
            DoubleVector q0 = DoubleVector.fromArray(SPECIES, p, xb), q1 = DoubleVector.fromArray(SPECIES, p, xab);
            DoubleVector j0 = DoubleVector.fromArray(SPECIES, l, xb), j1 = DoubleVector.fromArray(SPECIES, l, xab);
            DoubleVector sp0 = p0.rearrange(SWAP), sp1 = p1.rearrange(SWAP), sl0 = l0.rearrange(SWAP), sl1 = l1.rearrange(SWAP);
            DoubleVector n0 = sp1.fma(vbI, p1.fma(vbR, sp0.fma(vaI, p0.mul(vaR))));
            DoubleVector n1 = sp1.fma(vdI, p1.fma(vdR, sp0.fma(vcI, p0.mul(vcR))));
            DoubleVector k0 = sl1.fma(vbI, l1.fma(vbR, sl0.fma(vaI, l0.mul(vaR))));
            DoubleVector k1 = sl1.fma(vdI, l1.fma(vdR, sl0.fma(vcI, l0.mul(vcR))));
            DoubleVector sq0 = q0.rearrange(SWAP), sq1 = q1.rearrange(SWAP), sj0 = j0.rearrange(SWAP), sj1 = j1.rearrange(SWAP);
            DoubleVector m0 = sq1.fma(vbI, q1.fma(vbR, sq0.fma(vaI, q0.mul(vaR))));
            DoubleVector m1 = sq1.fma(vdI, q1.fma(vdR, sq0.fma(vcI, q0.mul(vcR))));
            DoubleVector h0 = sj1.fma(vbI, j1.fma(vbR, sj0.fma(vaI, j0.mul(vaR))));
            DoubleVector h1 = sj1.fma(vdI, j1.fma(vdR, sj0.fma(vcI, j0.mul(vcR))));
            // then the cx: where its control is 1, the amplitudes with target 0 and 1 trade places
            n0.intoArray(p, x0);
            k0.intoArray(l, x0);
            if (role == 0) { // a is the control: the pairs trade their a = 1 members
                n1.intoArray(p, xab);
                k1.intoArray(l, xab);
                m0.intoArray(p, xb);
                h0.intoArray(l, xb);
                m1.intoArray(p, xa);
                h1.intoArray(l, xa);
            } else { // b is the control, a the target: the pair where b = 1 swaps
                n1.intoArray(p, xa);
                k1.intoArray(l, xa);
                m0.intoArray(p, xab);
                h0.intoArray(l, xab);
                m1.intoArray(p, xb);
                h1.intoArray(l, xb);
            }
            if (collect) { // conj(λ_old)·ψ_new of the chain, over both pairs; the imaginary parts
                // pair swap(λ_old), already made for M†, with ψ_new (see IMAG_FROM_SWAPPED_LAMBDA)
                a00r = j0.fma(m0, l0.fma(n0, a00r));
                a00i = sj0.fma(m0, sl0.fma(n0, a00i));
                a01r = j0.fma(m1, l0.fma(n1, a01r));
                a01i = sj0.fma(m1, sl0.fma(n1, a01i));
                a10r = j1.fma(m0, l1.fma(n0, a10r));
                a10i = sj1.fma(m0, sl1.fma(n0, a10i));
                a11r = j1.fma(m1, l1.fma(n1, a11r));
                a11i = sj1.fma(m1, sl1.fma(n1, a11i));
            }
        }
        if (collect) {
            g[0] += sum(a00r);
            g[1] += sum(a00i.mul(I_SIGNS));
            g[2] += sum(a01r);
            g[3] += sum(a01i.mul(I_SIGNS));
            g[4] += sum(a10r);
            g[5] += sum(a10i.mul(I_SIGNS));
            g[6] += sum(a11r);
            g[7] += sum(a11i.mul(I_SIGNS));
        }
    }

    /** Exchanges a[x, x+count) with a[y, y+count). */
    private static void swapRows(double[] a, int x, int y, int count) {
        int j = 0;
        // vectors: the JIT does not vectorise a swap within one array (it cannot rule out overlap)
        for (int vl = SPECIES.length(); j + vl <= count; j += vl) {
            DoubleVector u = DoubleVector.fromArray(SPECIES, a, x + j), w = DoubleVector.fromArray(SPECIES, a, y + j);
            w.intoArray(a, x + j);
            u.intoArray(a, y + j);
        }
        for (; j < count; j++) {
            double v = a[x + j];
            a[x + j] = a[y + j];
            a[y + j] = v;
        }
    }

    /** The backward step for a gate with one target (and any controls), the common case, written out. */
    private static void backwardOneTarget(Operation.GateOp op, double[] p, double[] l, double[] g, int from, int to) {
        int[] q = op.qubits();
        int c = op.gate().controls();
        int t = q[c];
        int controlBits = 0;
        for (int j = 0; j < c; j++) controlBits |= 1 << q[j];
        Matrix m = op.gate().targetMatrix();
        // M† = [[conj m00, conj m10], [conj m01, conj m11]]
        double aR = m.re(0, 0), aI = -m.im(0, 0), bR = m.re(1, 0), bI = -m.im(1, 0);
        double cR = m.re(0, 1), cI = -m.im(0, 1), dR = m.re(1, 1), dI = -m.im(1, 1);
        int s = 1 << t;
        if (bR == 0 && bI == 0 && cR == 0 && cI == 0 && g == null) { // diagonal (rz, p, cz, …): no mixing
            for (int k = from >> 1; k < to >> 1; k++) {
                {
                    int i = ((k >>> t) << (t + 1)) | (k & (s - 1));
                    if ((i & controlBits) != controlBits) continue;
                    int x = 2 * i, y = 2 * (i + s);
                    double p0r = p[x], p0i = p[x + 1], p1r = p[y], p1i = p[y + 1];
                    double l0r = l[x], l0i = l[x + 1], l1r = l[y], l1i = l[y + 1];
                    p[x] = aR * p0r - aI * p0i;
                    p[x + 1] = aR * p0i + aI * p0r;
                    p[y] = dR * p1r - dI * p1i;
                    p[y + 1] = dR * p1i + dI * p1r;
                    l[x] = aR * l0r - aI * l0i;
                    l[x + 1] = aR * l0i + aI * l0r;
                    l[y] = dR * l1r - dI * l1i;
                    l[y + 1] = dR * l1i + dI * l1r;
                }
            }
            return;
        }
        if (aR == 0 && aI == 0 && dR == 0 && dI == 0 && bR == 1 && bI == 0 && cR == 1 && cI == 0 && g == null) { // X (cx, ccx, …): a swap
            int len = Integer.lowestOneBit(controlBits | s); // amplitudes in a row on which no control nor the target changes
            if (len >= 4 && (from & (len - 1)) == 0) {
                // cx between qubits above 1 (the ansatz's chain): swap whole rows where the
                // controls are 1 and the target 0, a copy loop the JIT vectorises, instead of
                // visiting every pair and skipping those with a control at 0
                for (int i = from; i < to; i += len) {
                    if ((i & controlBits) != controlBits || (i & s) != 0) continue;
                    swapRows(p, 2 * i, 2 * (i + s), 2 * len);
                    swapRows(l, 2 * i, 2 * (i + s), 2 * len);
                }
                return;
            }
            if (s >= AMPS && AMPS >= 2) {
                // controls inside a vector (cx from qubit 0 or 1 on the tile) swap only the lanes where they are 1
                int low = controlBits & (AMPS - 1), high = controlBits & ~(AMPS - 1);
                boolean[] lanes = new boolean[SPECIES.length()];
                for (int e = 0; e < lanes.length; e++) lanes[e] = ((e >> 1) & low) == low;
                VectorMask<Double> swap = VectorMask.fromArray(SPECIES, lanes, 0);
                for (int k = from >> 1; k < to >> 1; k += AMPS) {
                    int i = ((k >>> t) << (t + 1)) | (k & (s - 1));
                    if ((i & high) != high) continue;
                    int x = 2 * i, y = 2 * (i + s);
                    DoubleVector p0 = DoubleVector.fromArray(SPECIES, p, x), p1 = DoubleVector.fromArray(SPECIES, p, y);
                    DoubleVector l0 = DoubleVector.fromArray(SPECIES, l, x), l1 = DoubleVector.fromArray(SPECIES, l, y);
                    p0.blend(p1, swap).intoArray(p, x);
                    p1.blend(p0, swap).intoArray(p, y);
                    l0.blend(l1, swap).intoArray(l, x);
                    l1.blend(l0, swap).intoArray(l, y);
                }
                return;
            }
            if (s < AMPS && AMPS >= 2 && from % AMPS == 0 && (to - from) % AMPS == 0) {
                // the target inside a vector (a cx onto tile qubit 0 or 1): each lane whose
                // controls are 1 takes its partner's amplitude, a shuffle and a blend per vector,
                // instead of a scalar loop over every pair
                vectorLowSwap(p, l, from, to, t, controlBits);
                return;
            }
            for (int k = from >> 1; k < to >> 1; k++) {
                {
                    int i = ((k >>> t) << (t + 1)) | (k & (s - 1));
                    if ((i & controlBits) != controlBits) continue;
                    int x = 2 * i, y = 2 * (i + s);
                    double r = p[x], m2 = p[x + 1];
                    p[x] = p[y];
                    p[x + 1] = p[y + 1];
                    p[y] = r;
                    p[y + 1] = m2;
                    r = l[x];
                    m2 = l[x + 1];
                    l[x] = l[y];
                    l[x + 1] = l[y + 1];
                    l[y] = r;
                    l[y + 1] = m2;
                }
            }
            return;
        }
        if (s >= AMPS && AMPS >= 2 && (controlBits & (AMPS - 1)) == 0) {
            vectorOneTarget(p, l, g, from, to, t, controlBits, aR, aI, bR, bI, cR, cI, dR, dI);
            return;
        }
        if (s < AMPS && (controlBits & (AMPS - 1)) == 0 && (to - from) % AMPS == 0) {
            vectorLowTarget(p, l, g, from, to, t, controlBits, aR, aI, bR, bI, cR, cI, dR, dI);
            return;
        }
        double g00r = 0, g00i = 0, g01r = 0, g01i = 0, g10r = 0, g10i = 0, g11r = 0, g11i = 0;
        boolean collect = g != null;
        // one flat loop over the pairs (a short inner loop per block would dominate for low targets)
        for (int k = from >> 1; k < to >> 1; k++) {
            {
                int i = ((k >>> t) << (t + 1)) | (k & (s - 1));
                if ((i & controlBits) != controlBits) continue;
                int x = 2 * i, y = 2 * (i + s);
                double p0r = p[x], p0i = p[x + 1], p1r = p[y], p1i = p[y + 1];
                double l0r = l[x], l0i = l[x + 1], l1r = l[y], l1i = l[y + 1];
                double n0r = aR * p0r - aI * p0i + bR * p1r - bI * p1i;
                double n0i = aR * p0i + aI * p0r + bR * p1i + bI * p1r;
                double n1r = cR * p0r - cI * p0i + dR * p1r - dI * p1i;
                double n1i = cR * p0i + cI * p0r + dR * p1i + dI * p1r;
                p[x] = n0r;
                p[x + 1] = n0i;
                p[y] = n1r;
                p[y + 1] = n1i;
                l[x] = aR * l0r - aI * l0i + bR * l1r - bI * l1i;
                l[x + 1] = aR * l0i + aI * l0r + bR * l1i + bI * l1r;
                l[y] = cR * l0r - cI * l0i + dR * l1r - dI * l1i;
                l[y + 1] = cR * l0i + cI * l0r + dR * l1i + dI * l1r;
                if (collect) { // G[x][y] += conj(λ_old[x]) · ψ_new[y]
                    g00r += l0r * n0r + l0i * n0i;
                    g00i += l0r * n0i - l0i * n0r;
                    g01r += l0r * n1r + l0i * n1i;
                    g01i += l0r * n1i - l0i * n1r;
                    g10r += l1r * n0r + l1i * n0i;
                    g10i += l1r * n0i - l1i * n0r;
                    g11r += l1r * n1r + l1i * n1i;
                    g11i += l1r * n1i - l1i * n1r;
                }
            }
        }
        if (collect) {
            g[0] += g00r; g[1] += g00i; g[2] += g01r; g[3] += g01i;
            g[4] += g10r; g[5] += g10i; g[6] += g11r; g[7] += g11i;
        }
    }

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /*
     * IMAG_FROM_SWAPPED_LAMBDA: Im conj(l)·n = l_re·n_im − l_im·n_re. Summed over a vector's
     * lanes, Σ_k s_k·l[k]·n[k^1] (s = −1 on re lanes, +1 on im lanes) equals −Σ_k s_k·l[k^1]·n[k]:
     * the same products, so a kernel that has swap(λ) at hand for M† pairs it with ψ_new and
     * flips the final sign instead of shuffling ψ_new once more (a shuffle per G entry pair less).
     */

    /** Complex amplitudes per vector. */
    private static final int AMPS = SPECIES.length() / 2;
    private static final VectorShuffle<Double> SWAP = VectorShuffle.fromOp(SPECIES, k -> k ^ 1);
    /** i·(re, im) = (−im, re): swap the halves, then these signs. */
    private static final DoubleVector I_SIGNS = DoubleVector.fromArray(SPECIES, signs(), 0);

    private static double[] signs() {
        double[] v = new double[SPECIES.length()];
        for (int k = 0; k < v.length; k++) v[k] = k % 2 == 0 ? -1 : 1;
        return v;
    }

    /**
     * The lanes added left to right. (reduceLanes leaves the order open, and the JIT-compiled
     * and interpreted forms do differ, which would make results depend on timing.)
     */
    private static double sum(DoubleVector v) {
        double[] lanes = v.toArray();
        double s = 0;
        for (double x : lanes) s += x;
        return s;
    }


    /** Per target inside a vector (bit t of the amplitude index < AMPS), the shuffle to each lane's pair partner. */
    private static final VectorShuffle<Double>[] PARTNER = partners();

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Double>[] partners() {
        int bits = Integer.numberOfTrailingZeros(Math.max(AMPS, 1));
        VectorShuffle<Double>[] out = new VectorShuffle[bits];
        for (int t = 0; t < bits; t++) {
            int flip = 2 << t;
            out[t] = VectorShuffle.fromOp(SPECIES, k -> k ^ flip);
        }
        return out;
    }

    /** A vector with {@code zero} in the lanes of amplitudes whose bit t is 0 and {@code one} elsewhere. */
    private static DoubleVector byBit(int t, double zero, double one) {
        double[] v = new double[SPECIES.length()];
        for (int k = 0; k < v.length; k++) v[k] = ((k >> 1) >> t & 1) == 0 ? zero : one;
        return DoubleVector.fromArray(SPECIES, v, 0);
    }

    /** The lanes of amplitudes whose bit t is {@code bit}, each with its sign, added left to right. */
    private static double sumWhere(DoubleVector v, int t, int bit, boolean signed) {
        double[] lanes = v.toArray();
        double s = 0;
        for (int k = 0; k < lanes.length; k++) {
            if (((k >> 1) >> t & 1) == bit) s += signed && k % 2 == 0 ? -lanes[k] : lanes[k];
        }
        return s;
    }

    /** X on target t inside a vector (2^t < AMPS) where the controls are 1, on both states. */
    private static void vectorLowSwap(double[] p, double[] l, int from, int to, int t, int controlBits) {
        VectorShuffle<Double> partner = PARTNER[t];
        int low = controlBits & (AMPS - 1), high = controlBits & ~(AMPS - 1);
        boolean[] lanes = new boolean[SPECIES.length()];
        for (int e = 0; e < lanes.length; e++) lanes[e] = ((e >> 1) & low) == low;
        VectorMask<Double> take = VectorMask.fromArray(SPECIES, lanes, 0);
        for (int i = from; i < to; i += AMPS) {
            if ((i & high) != high) continue;
            int x = 2 * i;
            DoubleVector pv = DoubleVector.fromArray(SPECIES, p, x), lv = DoubleVector.fromArray(SPECIES, l, x);
            pv.blend(pv.rearrange(partner), take).intoArray(p, x);
            lv.blend(lv.rearrange(partner), take).intoArray(l, x);
        }
    }

    /**
     * {@link #backwardOneTarget} for a target inside a vector (qubits 0 and 1 with AVX-512): both
     * members of a pair sit in the same vector, so each lane takes its own coefficient times
     * itself plus its partner's coefficient times the partner (a lane shuffle), and G's entries
     * are the lanes of two accumulators split by the target bit.
     */
    private static void vectorLowTarget(double[] p, double[] l, double[] g, int from, int to, int t, int controlBits,
                                        double aR, double aI, double bR, double bI, double cR, double cI, double dR, double dI) {
        VectorShuffle<Double> partner = PARTNER[t];
        // new[bit 0] = a·self + b·partner, new[bit 1] = d·self + c·partner (a…d are M†'s entries)
        DoubleVector sR = byBit(t, aR, dR), sI = byBit(t, aI, dI).mul(I_SIGNS);
        DoubleVector oR = byBit(t, bR, cR), oI = byBit(t, bI, cI).mul(I_SIGNS);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector selfR = zero, selfI = zero, otherR = zero, otherI = zero;
        boolean collect = g != null;
        for (int i = from; i < to; i += AMPS) {
            if ((i & controlBits) != controlBits) continue;
            int x = 2 * i;
            DoubleVector pv = DoubleVector.fromArray(SPECIES, p, x), lv = DoubleVector.fromArray(SPECIES, l, x);
            DoubleVector pp = pv.rearrange(partner), lp = lv.rearrange(partner);
            DoubleVector n = pp.rearrange(SWAP).fma(oI, pp.fma(oR, pv.rearrange(SWAP).fma(sI, pv.mul(sR))));
            lp.rearrange(SWAP).fma(oI, lp.fma(oR, lv.rearrange(SWAP).fma(sI, lv.mul(sR)))).intoArray(l, x);
            n.intoArray(p, x);
            if (collect) { // conj(λ_old[x])·ψ_new[y]: y = x from n itself, y = 1 − x from its partner
                DoubleVector np = n.rearrange(partner);
                selfR = lv.fma(n, selfR);
                selfI = lv.fma(n.rearrange(SWAP), selfI);
                otherR = lv.fma(np, otherR);
                otherI = lv.fma(np.rearrange(SWAP), otherI);
            }
        }
        if (collect) {
            g[0] += sumWhere(selfR, t, 0, false);
            g[1] -= sumWhere(selfI, t, 0, true);
            g[2] += sumWhere(otherR, t, 0, false);
            g[3] -= sumWhere(otherI, t, 0, true);
            g[4] += sumWhere(otherR, t, 1, false);
            g[5] -= sumWhere(otherI, t, 1, true);
            g[6] += sumWhere(selfR, t, 1, false);
            g[7] -= sumWhere(selfI, t, 1, true);
        }
    }

    /**
     * {@link #backwardOneTarget} on whole vectors of AMPS amplitudes: for a target at or above
     * the vector width (and controls above it) the pair partners of a vector form a vector too.
     * G's lanes are summed at the end (a fixed order, so the result is still reproducible).
     */
    private static void vectorOneTarget(double[] p, double[] l, double[] g, int from, int to, int t, int controlBits,
                                        double aR, double aI, double bR, double bI, double cR, double cI, double dR, double dI) {
        int s = 1 << t;
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector a00r = zero, a00i = zero, a01r = zero, a01i = zero, a10r = zero, a10i = zero, a11r = zero, a11i = zero;
        // (x + iy)·v = x·v + y·(i·v) and i·v = swap(v)·(−1, 1): the signs go into the y broadcasts,
        // so a complex product costs one shuffle and two multiply-adds
        DoubleVector vaR = DoubleVector.broadcast(SPECIES, aR), vaI = I_SIGNS.mul(aI);
        DoubleVector vbR = DoubleVector.broadcast(SPECIES, bR), vbI = I_SIGNS.mul(bI);
        DoubleVector vcR = DoubleVector.broadcast(SPECIES, cR), vcI = I_SIGNS.mul(cI);
        DoubleVector vdR = DoubleVector.broadcast(SPECIES, dR), vdI = I_SIGNS.mul(dI);
        boolean collect = g != null;
        // the terms these skip are exact zeros, so the results are the same
        boolean real = aI == 0 && bI == 0 && cI == 0 && dI == 0;
        boolean diagonal = bR == 0 && bI == 0 && cR == 0 && cI == 0;
        // rows of s amplitudes with the target bit 0, each followed by its partner row; a row
        // whose controls are not all 1 is skipped whole (controls above the target) or lane group
        // by lane group (controls below it)
        int step = SPECIES.length();
        for (int row = from; row < to; row += 2 * s) {
            if ((row & controlBits & ~(s - 1)) != (controlBits & ~(s - 1))) continue;
            for (int x = 2 * row, y = x + 2 * s, end = y; x < end; x += step, y += step) {
            if (((x >> 1) & controlBits) != controlBits) continue;
            DoubleVector p0 = DoubleVector.fromArray(SPECIES, p, x), p1 = DoubleVector.fromArray(SPECIES, p, y);
            DoubleVector l0 = DoubleVector.fromArray(SPECIES, l, x), l1 = DoubleVector.fromArray(SPECIES, l, y);
            DoubleVector n0, n1;
            if (real) { // ry, cx-like, h: no i·x terms, which cost a shuffle each
                n0 = p1.fma(vbR, p0.mul(vaR));
                n1 = p1.fma(vdR, p0.mul(vcR));
                l1.fma(vbR, l0.mul(vaR)).intoArray(l, x);
                l1.fma(vdR, l0.mul(vcR)).intoArray(l, y);
            } else if (diagonal) { // rz, p: no mixing of the pair
                n0 = p0.rearrange(SWAP).fma(vaI, p0.mul(vaR));
                n1 = p1.rearrange(SWAP).fma(vdI, p1.mul(vdR));
                l0.rearrange(SWAP).fma(vaI, l0.mul(vaR)).intoArray(l, x);
                l1.rearrange(SWAP).fma(vdI, l1.mul(vdR)).intoArray(l, y);
            } else {
                DoubleVector sp0 = p0.rearrange(SWAP), sp1 = p1.rearrange(SWAP), sl0 = l0.rearrange(SWAP), sl1 = l1.rearrange(SWAP);
                n0 = sp1.fma(vbI, p1.fma(vbR, sp0.fma(vaI, p0.mul(vaR))));
                n1 = sp1.fma(vdI, p1.fma(vdR, sp0.fma(vcI, p0.mul(vcR))));
                sl1.fma(vbI, l1.fma(vbR, sl0.fma(vaI, l0.mul(vaR)))).intoArray(l, x);
                sl1.fma(vdI, l1.fma(vdR, sl0.fma(vcI, l0.mul(vcR)))).intoArray(l, y);
                n0.intoArray(p, x);
                n1.intoArray(p, y);
                if (collect) { // imaginary parts from swap(λ_old), already made (IMAG_FROM_SWAPPED_LAMBDA)
                    a00r = l0.fma(n0, a00r);
                    a00i = sl0.fma(n0, a00i);
                    a01r = l0.fma(n1, a01r);
                    a01i = sl0.fma(n1, a01i);
                    a10r = l1.fma(n0, a10r);
                    a10i = sl1.fma(n0, a10i);
                    a11r = l1.fma(n1, a11r);
                    a11i = sl1.fma(n1, a11i);
                }
                continue;
            }
            n0.intoArray(p, x);
            n1.intoArray(p, y);
            if (collect) { // conj(l)·n: real part Σ l∘n, imaginary part −Σ l∘(i·n) = −Σ (−1, 1)∘l∘swap(n)
                DoubleVector sn0 = n0.rearrange(SWAP), sn1 = n1.rearrange(SWAP);
                a00r = l0.fma(n0, a00r);
                a00i = l0.fma(sn0, a00i);
                a01r = l0.fma(n1, a01r);
                a01i = l0.fma(sn1, a01i);
                a10r = l1.fma(n0, a10r);
                a10i = l1.fma(sn0, a10i);
                a11r = l1.fma(n1, a11r);
                a11i = l1.fma(sn1, a11i);
            }
            }
        }
        if (g != null) { // the signs of i·n applied once, at the end (exact: they are ±1)
            double sign = real || diagonal ? -1 : 1; // the general case summed swap(λ)∘n, whose signs are the opposite
            g[0] += sum(a00r);
            g[1] += sign * sum(a00i.mul(I_SIGNS));
            g[2] += sum(a01r);
            g[3] += sign * sum(a01i.mul(I_SIGNS));
            g[4] += sum(a10r);
            g[5] += sign * sum(a10i.mul(I_SIGNS));
            g[6] += sum(a11r);
            g[7] += sign * sum(a11i.mul(I_SIGNS));
        }
    }
}
