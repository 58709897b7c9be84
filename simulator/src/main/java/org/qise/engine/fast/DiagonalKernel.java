package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.DoubleVector;
import org.qise.circuit.Matrix;

/**
 * A diagonal unitary (p, rz, cz, cp, rzz, fused phase blocks…): each amplitude is multiplied by
 * its own diagonal entry, one lane-wise complex product per vector, in place. Vectors whose
 * entries are all exactly 1 (e.g. the control-0 half of cp) are never touched.
 */
final class DiagonalKernel extends Kernel {
    /** The high combinations that change something, and their coefficients (re, and ±im for the swapped input). */
    private final int[] active;
    private final double[] coefRe, coefIm;

    DiagonalKernel(GateGeometry g, Matrix m) {
        this(g, diagonalRe(m), diagonalIm(m));
    }

    /** @param diagRe, diagIm the diagonal entries, indexed like the matrix (bit j = j-th target) */
    DiagonalKernel(GateGeometry g, double[] diagRe, double[] diagIm) {
        super(g);
        int blocks = g.offsets.length;
        List<Integer> act = new ArrayList<>();
        double[] re = new double[blocks * Lanes.DOUBLES], im = new double[blocks * Lanes.DOUBLES];
        for (int h = 0; h < blocks; h++) {
            boolean identity = true;
            for (int a = 0; a < Lanes.AMPS; a++) {
                double cr = 1, ci = 0;
                if (g.laneActive(a)) {
                    int idx = g.matrixIndex(h, g.laneLocal(a));
                    cr = diagRe[idx];
                    ci = diagIm[idx];
                }
                int o = h * Lanes.DOUBLES + 2 * a;
                re[o] = cr;
                re[o + 1] = cr;
                im[o] = -ci;
                im[o + 1] = ci;
                identity &= cr == 1 && ci == 0;
            }
            if (!identity) act.add(h);
        }
        active = act.stream().mapToInt(Integer::intValue).toArray();
        coefRe = new double[active.length * Lanes.DOUBLES];
        coefIm = new double[active.length * Lanes.DOUBLES];
        for (int i = 0; i < active.length; i++) {
            System.arraycopy(re, active[i] * Lanes.DOUBLES, coefRe, i * Lanes.DOUBLES, Lanes.DOUBLES);
            System.arraycopy(im, active[i] * Lanes.DOUBLES, coefIm, i * Lanes.DOUBLES, Lanes.DOUBLES);
        }
    }

    private static double[] diagonalRe(Matrix m) {
        double[] d = new double[m.dim()];
        for (int i = 0; i < d.length; i++) d[i] = m.re(i, i);
        return d;
    }

    private static double[] diagonalIm(Matrix m) {
        double[] d = new double[m.dim()];
        for (int i = 0; i < d.length; i++) d[i] = m.im(i, i);
        return d;
    }

    @Override
    int vectorsPerGroup() { return active.length; }

    @Override
    void run(MemorySegment amps, long from, long to) {
        final int D = Lanes.DOUBLES;
        long[] offsets = geometry.offsets;
        if (active.length == 1) {
            // The common single-entry case (cp, cz, p on a high qubit): coefficients stay in registers.
            long off = offsets[active[0]];
            DoubleVector cr = DoubleVector.fromArray(Lanes.SPECIES, coefRe, 0);
            DoubleVector ci = DoubleVector.fromArray(Lanes.SPECIES, coefIm, 0);
            for (long grp = from; grp < to; grp++) {
                long v = geometry.base(grp) + off;
                DoubleVector x = Lanes.load(amps, v);
                Lanes.store(x.rearrange(Lanes.SWAP_RE_IM).fma(ci, x.mul(cr)), amps, v);
            }
            return;
        }
        for (long grp = from; grp < to; grp++) {
            long base = geometry.base(grp);
            for (int i = 0; i < active.length; i++) {
                long v = base + offsets[active[i]];
                DoubleVector x = Lanes.load(amps, v);
                DoubleVector cr = DoubleVector.fromArray(Lanes.SPECIES, coefRe, i * D);
                DoubleVector ci = DoubleVector.fromArray(Lanes.SPECIES, coefIm, i * D);
                Lanes.store(x.rearrange(Lanes.SWAP_RE_IM).fma(ci, x.mul(cr)), amps, v);
            }
        }
    }
}
