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

    /** The operations as one list of gates on the doubled register, in order. */
    static List<Operation.GateOp> lower(List<Operation> ops, int n) {
        List<Operation.GateOp> out = new ArrayList<>();
        for (Operation op : ops) {
            switch (op) {
                case Operation.GateOp g -> gate(g, n, out);
                case Operation.ChannelOp c -> out.add(channel(c.channel(), c.qubits(), n));
                case Operation.Reset r -> out.add(channel(RESET, new int[]{r.qubit()}, n));
                case Operation.Barrier b -> { }
                case Operation.Measure m -> throw new IllegalArgumentException("a measurement cannot be lowered into ρ's gates");
            }
        }
        return out;
    }

    /** Reset as a channel: |0⟩⟨0| and |0⟩⟨1|. */
    static final Channel RESET = Channel.kraus("reset_to_0",
            Matrix.ofRows(new double[]{1, 0, 0, 0}, new double[]{0, 0, 0, 0}),
            Matrix.ofRows(new double[]{0, 0, 1, 0}, new double[]{0, 0, 0, 0}));
}
