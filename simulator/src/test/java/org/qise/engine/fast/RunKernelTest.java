package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.complex.Complex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;
import org.qise.engine.Plan;
import org.qise.engine.Precision;
import org.qise.engine.QuantumState;

/**
 * Runs of gates on two high qubits ({@link RunKernel}, {@link Fuser.Run}): one pass that applies a
 * 2×2 to each of two pairs of vectors, the run's permutations and diagonals folded in. Checked
 * against the gates applied one by one by definition (Commons Math complex arithmetic on the
 * gates' full matrices), over ranges cut anywhere (as thread shares are) against one call, bit
 * for bit; whole circuits on 1, 2 and 3 threads; and which blocks the planner makes runs of.
 */
class RunKernelTest {
    private static final double TOL = 1e-12;

    static Operation.GateOp op(Gate g, int... q) {
        return new Operation.GateOp(g, q, null);
    }

    /** A run written as gate:qubits items, e.g. "cx:3,7 u3:3" (qubit a first, as written). */
    private static List<Operation.GateOp> run(String spec, Random rnd) {
        return run(spec, rnd, q -> q);
    }

    /** As {@link #run(String, Random)}, each written qubit moved by {@code qubit} (the float kernels' tests shift them). */
    static List<Operation.GateOp> run(String spec, Random rnd, java.util.function.IntUnaryOperator qubit) {
        List<Operation.GateOp> ops = new ArrayList<>();
        for (String item : spec.trim().split("\\s+")) {
            String[] p = item.split(":");
            String[] qs = p[1].split(",");
            int[] q = new int[qs.length];
            for (int i = 0; i < q.length; i++) q[i] = qubit.applyAsInt(Integer.parseInt(qs[i]));
            Gate g = switch (p[0]) {
                case "cx" -> Gates.cx();
                case "cz" -> Gates.cz();
                case "swap" -> Gates.swap();
                case "cp" -> Gates.cp(rnd.nextDouble() * 3);
                case "rz" -> Gates.rz(rnd.nextDouble() * 3);
                case "rx" -> Gates.rx(rnd.nextDouble() * 3);
                case "x" -> Gates.x();
                default -> Gates.u3(rnd.nextDouble() * 3, rnd.nextDouble() * 3, rnd.nextDouble() * 3);
            };
            ops.add(op(g, q));
        }
        return ops;
    }

    @ParameterizedTest(name = "{0} on {1} qubits")
    @CsvSource(delimiter = ';', value = {
            "cx:2,3 u3:2; 10", "cx:3,2 u3:3; 10", "u3:5 cz:5,9; 12", "rz:4 rx:4 rz:4 cx:4,8 cz:4,8 rz:8; 12",
            "x:6 cx:6,2 u3:2 swap:2,6 cp:6,2; 12", "cz:3,4 u3:4 cz:3,4; 10", "cx:18,19 u3:18; 20", "cx:19,2 u3:19; 20",
            "u3:2 cx:2,19 rz:19; 20", "cx:10,11 u3:11 cx:10,11; 12"})
    void aRunMatchesItsGatesAppliedByDefinitionAndGivesTheSameBitsForEverySplit(String spec, int n) {
        Random rnd = new Random(spec.hashCode());
        List<Operation.GateOp> ops = run(spec, rnd);
        Kernel k = Fuser.Run.kernel(n, ops, runQubits(ops));
        assertInstanceOf(RunKernel.class, k, "the run pairs the vectors");

        Complex[] psi = new Complex[1 << n];
        long bytes = AmplitudeMemory.bytesFor(n);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment whole = arena.allocate(bytes, 64), split = arena.allocate(bytes, 64);
            for (int i = 0; i < psi.length; i++) {
                psi[i] = new Complex(rnd.nextGaussian(), rnd.nextGaussian());
                long at = Lanes.amplitudeOffset(i);
                whole.set(ValueLayout.JAVA_DOUBLE, at, psi[i].getReal());
                whole.set(ValueLayout.JAVA_DOUBLE, at + 8, psi[i].getImaginary());
            }
            split.copyFrom(whole);
            for (Operation.GateOp o : ops) psi = apply(psi, o.gate().matrix(), o.qubits());

            k.run(whole, 0, k.units());
            for (long from = 0; from < k.units(); ) {
                long to = Math.min(k.units(), from + 1 + rnd.nextInt(37));
                k.run(split, from, to);
                from = to;
            }
            for (int i = 0; i < psi.length; i++) {
                long at = Lanes.amplitudeOffset(i);
                double wr = whole.get(ValueLayout.JAVA_DOUBLE, at), wi = whole.get(ValueLayout.JAVA_DOUBLE, at + 8);
                assertEquals(Double.doubleToRawLongBits(wr), Double.doubleToRawLongBits(split.get(ValueLayout.JAVA_DOUBLE, at)), "re " + i + " split");
                assertEquals(Double.doubleToRawLongBits(wi), Double.doubleToRawLongBits(split.get(ValueLayout.JAVA_DOUBLE, at + 8)), "im " + i + " split");
                assertEquals(psi[i].getReal(), wr, TOL, "re " + i);
                assertEquals(psi[i].getImaginary(), wi, TOL, "im " + i);
            }
        }
    }

    /** The two qubits of a run of gates: the lowest qubit they touch (the run's qubit a), then the highest (its b). */
    static int[] runQubits(List<Operation.GateOp> ops) {
        long mask = 0;
        for (Operation.GateOp o : ops) mask |= Fuser.mask(o.qubits());
        return new int[]{Long.numberOfTrailingZeros(mask), 63 - Long.numberOfLeadingZeros(mask)};
    }

    /** The matrix (bit j on qubit q[j]) applied by definition: out[i] = Σ_col m[row][col]·in[i with q's bits = col]. */
    static Complex[] apply(Complex[] in, Matrix m, int[] q) {
        Complex[] out = new Complex[in.length];
        for (int i = 0; i < in.length; i++) {
            int row = 0, rest = i;
            for (int j = 0; j < q.length; j++) {
                row |= ((i >> q[j]) & 1) << j;
                rest &= ~(1 << q[j]);
            }
            Complex sum = Complex.ZERO;
            for (int col = 0; col < m.dim(); col++) {
                int src = rest;
                for (int j = 0; j < q.length; j++) src |= ((col >> j) & 1) << q[j];
                sum = sum.add(new Complex(m.re(row, col), m.im(row, col)).multiply(in[src]));
            }
            out[i] = sum;
        }
        return out;
    }

    @Test
    void rotationsOnBothQubitsOrOnBothSidesOfACxAreNoRun() {
        Random rnd = new Random(5);
        assertNull(RunKernel.pairing(RunKernel.product(run("u3:3 u3:4", rnd), 3, 4)), "U⊗V mixes all four vectors");
        assertNull(RunKernel.pairing(RunKernel.product(run("u3:3 cx:3,4 u3:3", rnd), 3, 4)), "rotations on both sides of a cx mix all four");
        assertTrue(RunKernel.pairing(RunKernel.product(run("u3:3 cx:3,4", rnd), 3, 4)) != null, "a rotation, then a cx: two pairs");
        assertTrue(RunKernel.pairing(RunKernel.product(run("cx:3,4 u3:3", rnd), 3, 4)) != null, "a cx, then a rotation: two pairs");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = ';', value = {
            "cx:2,3 u3:2; one 2×2 for both pairs", "cx:3,2 u3:3; one 2×2 for both pairs", "u3:2 swap:2,6; one 2×2 for both pairs",
            "u3:5 cz:5,9; a 2×2 per pair", "cx:3,4 u3:3 rz:4; a 2×2 per pair", "cp:6,2 cx:6,2 u3:6; a 2×2 per pair"})
    void aRunKeepsOneSetOfCoefficientsExactlyWhenBothPairsGetTheSame2x2(String spec, String expected) {
        Random rnd = new Random(spec.hashCode());
        List<Operation.GateOp> ops = run(spec, rnd);
        RunKernel k = (RunKernel) Fuser.Run.kernel(12, ops, runQubits(ops));
        boolean same = java.util.Arrays.equals(k.a, k.b);
        assertEquals(expected.startsWith("one"), same, "the two pairs' 2×2s of " + spec);
        Class<? extends RunKernel> kind = same ? RunKernel.Shared.class : RunKernel.Two.class;
        assertEquals(kind, k.getClass(), "the kernel of " + spec);
    }

    /** qcbm's layers: rz·rx·rz on every qubit, then a cx ring. */
    static List<Operation.GateOp> qcbm(int n, int layers, long seed) {
        Random rnd = new Random(seed);
        List<Operation.GateOp> ops = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int q = 0; q < n; q++) {
                ops.add(op(Gates.rz(rnd.nextDouble() * 6 - 3), q));
                ops.add(op(Gates.rx(rnd.nextDouble() * 6 - 3), q));
                ops.add(op(Gates.rz(rnd.nextDouble() * 6 - 3), q));
            }
            for (int q = 0; q < n; q++) ops.add(op(Gates.cx(), q, (q + 1) % n));
        }
        return ops;
    }

    @Test
    void thePlannerMakesQcbmsCxAndTheNextRotationOneRunAndNeverOnALaneQubit() {
        int n = 16;
        List<Operation.GateOp> ops = qcbm(n, 4, 7);
        try (FastEngine dbl = new FastEngine(1); FastEngine sgl = new FastEngine(1, Precision.SINGLE)) {
            Plan p = dbl.compile(n, ops);
            long runs = p.steps().stream().flatMap(s -> s.blocks().stream()).filter(b -> b.contains("RunKernel")).count();
            assertTrue(runs >= 3 * (n - 3), "most cx of the later layers join a rotation in a run, got " + runs + "\n" + p.explain());
            for (Plan.Step s : p.steps()) {
                for (String b : s.blocks()) {
                    if (!b.contains("RunKernel")) continue;
                    assertTrue(b.startsWith("gate run"), b);
                    String qubits = b.substring(b.indexOf('[') + 1, b.indexOf(']'));
                    int lowest = java.util.Arrays.stream(qubits.split(", ")).mapToInt(Integer::parseInt).min().orElseThrow();
                    assertTrue(lowest >= Lanes.LOW_QUBITS, "a run never holds a lane qubit: " + b);
                }
            }
            // Single precision makes runs too (FloatRunKernel, FloatRunKernelTest), off the float vector's wider lanes.
            Plan single = sgl.compile(n, ops);
            for (Plan.Step s : single.steps())
                for (String b : s.blocks()) {
                    if (!b.startsWith("gate run")) continue;
                    String qubits = b.substring(b.indexOf('[') + 1, b.indexOf(']'));
                    int lowest = java.util.Arrays.stream(qubits.split(", ")).mapToInt(Integer::parseInt).min().orElseThrow();
                    assertTrue(lowest >= FloatGateKernel.LOW_QUBITS, "a float run never holds a float lane qubit: " + b);
                }
        }
    }

    @Test
    void aCircuitOfRunsGivesTheSameBitsOnOneTwoAndThreeThreadsAndAgreesWithTheDefinition() {
        int n = 18;
        List<Operation.GateOp> ops = qcbm(n, 3, 11);
        double[][] out = new double[3][];
        for (int t = 1; t <= 3; t++) {
            try (FastEngine e = new FastEngine(t); QuantumState s = e.allocate(n)) {
                Plan p = e.compile(n, ops);
                assertTrue(p.explain().contains("RunKernel"), p.explain());
                s.run(p);
                out[t - 1] = s.amplitudes();
            }
        }
        assertArrayEquals(out[0], out[1], 0.0, "2 threads");
        assertArrayEquals(out[0], out[2], 0.0, "3 threads");
        for (int i = 0; i < out[0].length; i++) assertEquals(Double.doubleToRawLongBits(out[0][i]), Double.doubleToRawLongBits(out[1][i]), "bits " + i);

        // Against the definition at 14 qubits (the same layers; a stage of 12 local qubits, runs there too).
        int m = 14;
        List<Operation.GateOp> small = qcbm(m, 3, 11);
        Complex[] psi = new Complex[1 << m];
        java.util.Arrays.fill(psi, Complex.ZERO);
        psi[0] = Complex.ONE;
        for (Operation.GateOp o : small) psi = apply(psi, o.gate().matrix(), o.qubits());
        try (FastEngine e = new FastEngine(2); QuantumState s = e.allocate(m)) {
            Plan p = e.compile(m, small);
            assertTrue(p.explain().contains("RunKernel"), p.explain());
            s.run(p);
            double[] a = s.amplitudes();
            for (int i = 0; i < psi.length; i++) {
                assertEquals(psi[i].getReal(), a[2 * i], TOL, "re " + i);
                assertEquals(psi[i].getImaginary(), a[2 * i + 1], TOL, "im " + i);
            }
        }
    }
}
