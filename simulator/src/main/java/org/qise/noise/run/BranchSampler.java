package org.qise.noise.run;

import java.util.ArrayList;
import java.util.List;
import org.qise.circuit.Gate;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;
import org.qise.engine.QuantumState;
import org.qise.noise.Channel;
import org.qise.sim.Rng;

/**
 * Draws one Kraus branch of a channel for a trajectory and turns it into a gate on the state.
 *
 * <p>A mixture of unitaries needs no look at the state: U_i is drawn with its fixed probability
 * p_i, and identity draws cost nothing. For any other channel, branch i has probability
 * p_i = ⟨ψ|K_i†K_i|ψ⟩; with M_i = K_i†K_i written in the Pauli basis of the channel's qubits,
 * p_i = Σ_P c_{i,P}⟨P⟩ with c_{i,P} = Tr(M_i P)/2^k, so only the Pauli strings with some
 * non-zero coefficient are measured (amplitude damping needs ⟨Z⟩ alone). The drawn K_i/√p_i
 * then goes to the engine as a (non-unitary) gate.
 */
final class BranchSampler {
    private final Channel channel;
    // mixture form
    private final double[] cumulative;
    private final Gate[] unitaries; // null entry = identity
    // general form
    private final Matrix[] kraus;
    private final long[] xMasks, zMasks;   // local Pauli strings (bit j = channel qubit j)
    private final double[][] coefficients; // [branch][pauli]

    BranchSampler(Channel channel) {
        this.channel = channel;
        if (channel.isUnitaryMixture()) {
            double[] p = channel.mixtureProbabilities();
            List<Matrix> us = channel.mixtureUnitaries();
            cumulative = new double[p.length];
            unitaries = new Gate[p.length];
            double c = 0;
            for (int i = 0; i < p.length; i++) {
                c += p[i];
                cumulative[i] = c;
                Matrix u = us.get(i);
                unitaries[i] = u.equals(Matrix.identity(u.dim())) ? null : new Gate("noise:" + channel.name(), new double[0], 0, u);
            }
            kraus = null;
            xMasks = zMasks = null;
            coefficients = null;
        } else {
            cumulative = null;
            unitaries = null;
            kraus = channel.kraus().toArray(Matrix[]::new);
            int k = channel.qubits(), d = 1 << k;
            List<long[]> strings = new ArrayList<>();
            List<double[]> coeffs = new ArrayList<>();
            for (int pauli = 0; pauli < 1 << (2 * k); pauli++) {
                long x = 0, z = 0;
                for (int j = 0; j < k; j++) {
                    int code = (pauli >> (2 * j)) & 3; // 0 I, 1 X, 2 Y, 3 Z
                    if (code == 1 || code == 2) x |= 1L << j;
                    if (code == 2 || code == 3) z |= 1L << j;
                }
                double[] c = new double[kraus.length];
                boolean any = false;
                for (int i = 0; i < kraus.length; i++) {
                    c[i] = traceWithPauli(kraus[i].dagger().times(kraus[i]), x, z, d) / d;
                    any |= Math.abs(c[i]) > 1e-15;
                }
                if (any) {
                    strings.add(new long[]{x, z});
                    coeffs.add(c);
                }
            }
            xMasks = strings.stream().mapToLong(s -> s[0]).toArray();
            zMasks = strings.stream().mapToLong(s -> s[1]).toArray();
            coefficients = new double[kraus.length][strings.size()];
            for (int s = 0; s < strings.size(); s++) for (int i = 0; i < kraus.length; i++) coefficients[i][s] = coeffs.get(s)[i];
        }
    }

    /** Re Tr(M P) for the Pauli string P = i^{|x∧z|} X^x Z^z on d = 2^k dimensions. */
    private static double traceWithPauli(Matrix m, long x, long z, int d) {
        // P|j⟩ = phase(j)|j⊕x⟩, so Tr(MP) = Σ_j M_{j, j⊕x}·phase(j).
        double re = 0, im = 0;
        for (int j = 0; j < d; j++) {
            double sign = (Long.bitCount(j & z) & 1) == 0 ? 1 : -1;
            int row = (int) (j ^ x);
            re += sign * m.re(j, row);
            im += sign * m.im(j, row);
        }
        return switch (Long.bitCount(x & z) & 3) {
            case 0 -> re;
            case 1 -> -im;
            case 2 -> -re;
            default -> im;
        };
    }

    boolean needsState() { return unitaries == null; }

    /**
     * Draws a branch for a channel on {@code qubits}: the gate to apply, or null for the identity.
     * For a non-mixture channel {@code state} must be up to date (pending gates flushed).
     */
    Operation.GateOp draw(int[] qubits, QuantumState state, Rng rng) {
        if (unitaries != null) {
            double u = rng.nextDouble();
            int i = 0;
            while (i < cumulative.length - 1 && u >= cumulative[i]) i++;
            return unitaries[i] == null ? null : new Operation.GateOp(unitaries[i], qubits, null);
        }
        double[] expectations = new double[xMasks.length];
        for (int s = 0; s < xMasks.length; s++) {
            if (xMasks[s] == 0 && zMasks[s] == 0) {
                expectations[s] = 1;
            } else {
                expectations[s] = state.expectationPauli(spread(xMasks[s], qubits), spread(zMasks[s], qubits));
            }
        }
        double[] p = new double[kraus.length];
        double total = 0;
        for (int i = 0; i < kraus.length; i++) {
            double v = 0;
            for (int s = 0; s < xMasks.length; s++) v += coefficients[i][s] * expectations[s];
            p[i] = Math.max(0, v);
            total += p[i];
        }
        double u = rng.nextDouble() * total, c = 0;
        int pick = kraus.length - 1;
        for (int i = 0; i < kraus.length; i++) {
            c += p[i];
            if (u < c) {
                pick = i;
                break;
            }
        }
        while (p[pick] == 0 && pick > 0) pick--; // rounding at the very end of the interval
        double scale = 1 / Math.sqrt(p[pick]);
        Matrix k = kraus[pick];
        double[] re = k.realParts(), im = k.imagParts();
        for (int j = 0; j < re.length; j++) {
            re[j] *= scale;
            im[j] *= scale;
        }
        return new Operation.GateOp(new Gate("kraus:" + channel.name(), new double[0], 0, Matrix.of(k.dim(), re, im)), qubits, null);
    }

    /** A local mask (bit j = channel qubit j) on the register's qubits. */
    private static long spread(long local, int[] qubits) {
        long out = 0;
        for (int j = 0; j < qubits.length; j++) if ((local >> j & 1) == 1) out |= 1L << qubits[j];
        return out;
    }
}
