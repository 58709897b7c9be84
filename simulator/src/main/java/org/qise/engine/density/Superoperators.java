package org.qise.engine.density;

import java.util.ArrayList;
import java.util.List;
import org.qise.circuit.Gate;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;
import org.qise.noise.Channel;

/**
 * Turns circuit operations into gates on the 2n-qubit vector that holds ρ (see
 * {@link DensityMatrix}): a gate U on qubits Q becomes U on Q and U* on Q + n; a channel with
 * Kraus operators K becomes the one "gate" Σ K ⊗ K* on (Q, Q + n), a non-unitary matrix that the
 * fast engine's kernels apply like any other.
 */
final class Superoperators {
    private Superoperators() {}

    /** U on the ket qubits, then U* on the bra qubits. */
    static void gate(Operation.GateOp op, int n, List<Operation.GateOp> out) {
        out.add(new Operation.GateOp(op.gate(), op.qubits(), null));
        Gate g = op.gate();
        Matrix conj = conjugate(g.targetMatrix());
        Gate bra = conj.equals(g.targetMatrix()) ? g : new Gate(g.name() + "*", g.params(), g.controls(), conj);
        out.add(new Operation.GateOp(bra, shift(op.qubits(), n), null));
    }

    /** The channel's superoperator on (qubits, qubits + n). */
    static Operation.GateOp channel(Channel channel, int[] qubits, int n) {
        int k = qubits.length;
        int d = 1 << k, big = d * d;
        double[] re = new double[big * big], im = new double[big * big];
        // Local index a + d·b stands for ket bits a and bra bits b: ρ'_{a'b'} = Σ K_{a'a} ρ_{ab} K*_{b'b}.
        for (Matrix kr : channel.kraus()) {
            for (int a2 = 0; a2 < d; a2++) for (int b2 = 0; b2 < d; b2++) {
                int row = a2 + d * b2;
                for (int a = 0; a < d; a++) {
                    double xr = kr.re(a2, a), xi = kr.im(a2, a);
                    if (xr == 0 && xi == 0) continue;
                    for (int b = 0; b < d; b++) {
                        double yr = kr.re(b2, b), yi = -kr.im(b2, b);
                        re[row * big + a + d * b] += xr * yr - xi * yi;
                        im[row * big + a + d * b] += xr * yi + xi * yr;
                    }
                }
            }
        }
        int[] all = new int[2 * k];
        for (int j = 0; j < k; j++) {
            all[j] = qubits[j];
            all[k + j] = qubits[j] + n;
        }
        return new Operation.GateOp(new Gate("superop:" + channel.name(), channel.params(), 0, Matrix.of(big, re, im)), all, null);
    }

    static Matrix conjugate(Matrix m) {
        double[] im = m.imagParts();
        for (int i = 0; i < im.length; i++) im[i] = -im[i];
        return Matrix.of(m.dim(), m.realParts(), im);
    }

    static int[] shift(int[] qubits, int n) {
        int[] out = new int[qubits.length];
        for (int i = 0; i < qubits.length; i++) out[i] = qubits[i] + n;
        return out;
    }

    /**
     * The operations as one list of gates on the doubled register. Between two channels the ket
     * gates (qubits 0…n−1) and bra gates (n…2n−1) commute, so all ket gates of such a run come
     * first and then all bra gates: each half spans only n qubits, which lets the fast engine
     * stage a run of either half into one memory pass instead of interleaving the two halves.
     */
    static List<Operation.GateOp> lower(List<Operation> ops, int n) {
        List<Operation.GateOp> out = new ArrayList<>();
        List<Operation.GateOp> pair = new ArrayList<>(2);
        List<Operation.GateOp> kets = new ArrayList<>(), bras = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Operation op = ops.get(i);
            switch (op) {
                case Operation.GateOp g -> {
                    int end = oneQubitNoiseAfter(ops, i);
                    if (end > i + 1) {
                        // A one-qubit gate with the gates and channels right after it on the same
                        // qubit: one 4×4 superoperator on (q, q + n), one kernel instead of 3 or more.
                        flush(out, kets, bras);
                        out.add(merged(g, ops.subList(i + 1, end), n));
                        i = end - 1;
                        continue;
                    }
                    pair.clear();
                    gate(g, n, pair);
                    kets.add(pair.get(0));
                    bras.add(pair.get(1));
                }
                case Operation.ChannelOp c -> {
                    flush(out, kets, bras);
                    out.add(channel(c.channel(), c.qubits(), n));
                }
                case Operation.Reset r -> {
                    flush(out, kets, bras);
                    out.add(channel(RESET, new int[]{r.qubit()}, n));
                }
                case Operation.Barrier b -> { }
                case Operation.Dynamic d -> throw new IllegalArgumentException("OpenQASM 3 control flow that depends on measurements has no density matrix: each shot takes its own path; use the trajectories method");
                case Operation.Measure m -> throw new IllegalArgumentException("a measurement cannot be lowered into ρ's gates");
            }
        }
        flush(out, kets, bras);
        return out;
    }

    /**
     * For a one-qubit gate at {@code i}: the end of the run of one-qubit gates and channels on
     * the same qubit that starts there, if the run holds a channel (else {@code i}).
     */
    private static int oneQubitNoiseAfter(List<Operation> ops, int i) {
        if (!(ops.get(i) instanceof Operation.GateOp g) || g.qubits().length != 1) return i;
        int q = g.qubits()[0];
        int end = i + 1;
        boolean noisy = false;
        while (end < ops.size()) {
            Operation op = ops.get(end);
            boolean sameQubit = (op instanceof Operation.ChannelOp || op instanceof Operation.GateOp)
                    && op.qubits().length == 1 && op.qubits()[0] == q;
            if (!sameQubit) break;
            noisy |= op instanceof Operation.ChannelOp;
            end++;
        }
        return noisy ? end : i;
    }

    /** The gate at the head of a run and everything after it on its qubit ({@code run}), as one superoperator. */
    private static Operation.GateOp merged(Operation.GateOp g, List<Operation> run, int n) {
        Matrix total = kron(conjugate(g.gate().matrix()), g.gate().matrix()); // (U* ⊗ U) acting on ket + 2·bra
        StringBuilder name = new StringBuilder("superop:").append(g.gate().name());
        for (Operation op : run) {
            Matrix step;
            if (op instanceof Operation.ChannelOp c) {
                step = channel(c.channel(), c.qubits(), n).gate().targetMatrix();
                name.append('+').append(c.channel().name());
            } else {
                Matrix u = ((Operation.GateOp) op).gate().matrix();
                step = kron(conjugate(u), u);
                name.append('+').append(((Operation.GateOp) op).gate().name());
            }
            total = step.times(total);
        }
        int q = g.qubits()[0];
        return new Operation.GateOp(new Gate(name.toString(), new double[0], 0, total), new int[]{q, q + n}, null);
    }

    /** high ⊗ low, with {@code low} on the low bits of the index. */
    static Matrix kron(Matrix high, Matrix low) {
        int dl = low.dim(), d = dl * high.dim();
        double[] re = new double[d * d], im = new double[d * d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                double ar = high.re(r / dl, c / dl), ai = high.im(r / dl, c / dl);
                double br = low.re(r % dl, c % dl), bi = low.im(r % dl, c % dl);
                re[r * d + c] = ar * br - ai * bi;
                im[r * d + c] = ar * bi + ai * br;
            }
        }
        return Matrix.of(d, re, im);
    }

    private static void flush(List<Operation.GateOp> out, List<Operation.GateOp> kets, List<Operation.GateOp> bras) {
        out.addAll(kets);
        out.addAll(bras);
        kets.clear();
        bras.clear();
    }

    /** Reset as a channel: |0⟩⟨0| and |0⟩⟨1|. */
    static final Channel RESET = Channel.kraus("reset_to_0",
            Matrix.ofRows(new double[]{1, 0, 0, 0}, new double[]{0, 0, 0, 0}),
            Matrix.ofRows(new double[]{0, 0, 1, 0}, new double[]{0, 0, 0, 0}));
}
