package org.qise.engine.exact;

import org.qise.circuit.Gate;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;
import org.qise.engine.GateChecks;
import org.qise.engine.QuantumState;
import org.qise.engine.StateTooLargeException;

/** State vector as interleaved (re, im) doubles: amplitude i at [2i] and [2i+1]. */
final class ExactState implements QuantumState {
    private final int n;
    private final double[] amp;

    ExactState(int n) {
        this.n = n;
        this.amp = new double[2 << n];
        amp[0] = 1;
    }

    private ExactState(int n, double[] amp) {
        this.n = n;
        this.amp = amp;
    }

    @Override
    public int numQubits() { return n; }

    /**
     * For every group of 2^k amplitudes that differ only in the target bits (and whose control
     * bits are all 1), multiply the group by the target matrix.
     */
    @Override
    public void apply(Operation.GateOp op) {
        Gate gate = op.gate();
        int[] qubits = op.qubits();
        for (int q : qubits) GateChecks.qubit(n, q);
        int controls = gate.controls();
        int k = gate.targets();
        Matrix m = gate.targetMatrix();
        int dim = 1 << k;

        long controlMask = 0, targetMask = 0;
        for (int j = 0; j < controls; j++) controlMask |= 1L << qubits[j];
        long[] offset = new long[dim]; // index offset of each local target state
        for (int local = 0; local < dim; local++) {
            for (int j = 0; j < k; j++) {
                if ((local >> j & 1) == 1) offset[local] |= 1L << qubits[controls + j];
            }
        }
        for (int j = 0; j < k; j++) targetMask |= 1L << qubits[controls + j];

        double[] inRe = new double[dim], inIm = new double[dim];
        long size = 1L << n;
        for (long base = 0; base < size; base++) {
            // Visit each group once: at its member with all target bits 0, and only where controls are 1.
            if ((base & targetMask) != 0 || (base & controlMask) != controlMask) continue;
            for (int a = 0; a < dim; a++) {
                int idx = (int) (base | offset[a]);
                inRe[a] = amp[2 * idx];
                inIm[a] = amp[2 * idx + 1];
            }
            for (int r = 0; r < dim; r++) {
                double sr = 0, si = 0;
                for (int c = 0; c < dim; c++) {
                    double mr = m.re(r, c), mi = m.im(r, c);
                    sr += mr * inRe[c] - mi * inIm[c];
                    si += mr * inIm[c] + mi * inRe[c];
                }
                int idx = (int) (base | offset[r]);
                amp[2 * idx] = sr;
                amp[2 * idx + 1] = si;
            }
        }
    }

    @Override
    public double probabilityOfOne(int qubit) {
        GateChecks.qubit(n, qubit);
        double p = 0;
        for (int i = 0; i < (1 << n); i++) {
            if ((i >> qubit & 1) == 1) p += amp[2 * i] * amp[2 * i] + amp[2 * i + 1] * amp[2 * i + 1];
        }
        return p;
    }

    @Override
    public void collapse(int qubit, int outcome, double probability) {
        GateChecks.qubit(n, qubit);
        double scale = 1 / Math.sqrt(probability);
        for (int i = 0; i < (1 << n); i++) {
            boolean keep = (i >> qubit & 1) == outcome;
            amp[2 * i] = keep ? amp[2 * i] * scale : 0;
            amp[2 * i + 1] = keep ? amp[2 * i + 1] * scale : 0;
        }
    }

    @Override
    public void flip(int qubit) {
        GateChecks.qubit(n, qubit);
        for (int i = 0; i < (1 << n); i++) {
            int j = i ^ (1 << qubit);
            if (j > i) {
                double r = amp[2 * i], m = amp[2 * i + 1];
                amp[2 * i] = amp[2 * j];
                amp[2 * i + 1] = amp[2 * j + 1];
                amp[2 * j] = r;
                amp[2 * j + 1] = m;
            }
        }
    }

    @Override
    public double re(long index) {
        GateChecks.index(n, index);
        return amp[(int) (2 * index)];
    }

    @Override
    public double im(long index) {
        GateChecks.index(n, index);
        return amp[(int) (2 * index + 1)];
    }

    @Override
    public double[] probabilities() {
        double[] p = new double[1 << n];
        for (int i = 0; i < p.length; i++) p[i] = amp[2 * i] * amp[2 * i] + amp[2 * i + 1] * amp[2 * i + 1];
        return p;
    }

    /** Σ_i conj(ψ_{i⊕x}) · phase(i) · ψ_i, where P|i⟩ = phase(i)|i⊕x⟩. */
    @Override
    public double expectationPauli(long xMask, long zMask) {
        int yCount = Long.bitCount(xMask & zMask);
        double sum = 0;
        for (int i = 0; i < (1 << n); i++) {
            // Z^z acts first (sign from bits of i), X^x then maps i to i⊕x; each Y adds a factor i.
            double sign = (Long.bitCount(i & zMask) & 1) == 0 ? 1 : -1;
            int j = (int) (i ^ xMask);
            double pr = amp[2 * i] * sign, pi = amp[2 * i + 1] * sign;
            // multiply by i^yCount
            for (int y = 0; y < (yCount & 3); y++) {
                double t = pr;
                pr = -pi;
                pi = t;
            }
            // conj(ψ_j) · (pr + i·pi): real part
            sum += amp[2 * j] * pr + amp[2 * j + 1] * pi;
        }
        return sum;
    }

    @Override
    public void copyAmplitudes(long from, int count, double[] re, double[] im) {
        GateChecks.range(n, from, count);
        for (int k = 0; k < count; k++) {
            re[k] = amp[(int) (2 * (from + k))];
            im[k] = amp[(int) (2 * (from + k) + 1)];
        }
    }

    @Override
    public double[] amplitudes() {
        if (n > 29) throw new IllegalStateException("amplitudes() of " + n + " qubits would not fit in a Java array (at most 29)");
        return amp.clone();
    }

    @Override
    public QuantumState copy() {
        try {
            return new ExactState(n, amp.clone());
        } catch (OutOfMemoryError e) {
            throw StateTooLargeException.forCopy(n, 16L << n, "out of Java heap (raise it with -Xmx)");
        }
    }

    @Override
    public void close() {}
}
