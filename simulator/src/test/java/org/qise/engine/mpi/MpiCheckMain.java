package org.qise.engine.mpi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.engine.QuantumState;
import org.qise.engine.fast.FastEngine;

/**
 * One rank of {@link MpiEngineIT}: runs a circuit on the mpi engine (under mpirun) and, on
 * rank 0, the same circuit on the single-process fast engine, then prints one line of facts
 * for the test to check: the largest amplitude difference, whether the samples are equal, the
 * exchanges made and planned, and the bits of a probability sum.
 *
 * <p>Arguments: kind (random | qft), qubits, gates (random only), seed, shots, and optionally
 * the split (global qubits the plans are made for; default: the engine's).
 */
public final class MpiCheckMain {
    public static void main(String[] args) {
        String kind = args[0];
        int n = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        int shots = Integer.parseInt(args[4]);
        Integer split = args.length > 5 ? Integer.valueOf(args[5]) : null;
        List<Operation.GateOp> gates = kind.equals("qft") ? qft(n) : random(n, count, new Random(seed));
        double[] uniforms = new double[shots];
        Random r = new Random(seed + 1);
        for (int i = 0; i < shots; i++) uniforms[i] = r.nextDouble();
        Arrays.sort(uniforms);
        int measured = n - 1; // the top qubit: global on every rank count above 1
        double measureUniform = 0.37;

        // A Pauli string with x on the lowest and the top qubit (a global one), y and z in between.
        long xMask = 1L | 1L << (n - 1) | 1L << (n / 2), zMask = 1L << 1 | 1L << (n / 2);

        try (MpiEngine mpi = MpiEngine.start(1, split); FastEngine fast = new FastEngine(1)) {
            MpiPlan plan = (MpiPlan) mpi.compile(n, gates);
            QuantumState s = mpi.allocate(n);
            long before = mpi.exchanges(), swapsBefore = mpi.localSwaps();
            s.run(plan);
            long made = mpi.exchanges() - before, swaps = mpi.localSwaps() - swapsBefore;
            int moveBack = ((MpiState) s).exchangesToIdentity();
            long readsFrom = mpi.exchanges();
            long[] samples = s.sampleSorted(uniforms);
            double p1 = s.probabilityOfOne(measured);
            double expectation = s.expectationPauli(xMask, zMask);
            double[] probabilities = s.probabilities();
            int outcome = s.measure(measured, measureUniform);
            long readExchanges = mpi.exchanges() - readsFrom;
            double[] re = new double[1 << n], im = new double[1 << n];
            s.copyAmplitudes(0, 1 << n, re, im);
            long bits = 17;
            for (int i = 0; i < 1 << n; i++) bits = bits * 31 + Double.doubleToLongBits(re[i]) * 7 + Double.doubleToLongBits(im[i]);
            // Single amplitudes (one broadcast from the rank holding each) and a short range, against the full copy, bit for bit.
            boolean singleEqual = true;
            for (long i : new long[]{0, 1, (1L << n) - 1, (1L << (n - 1)) + 5, 0x2a5L % (1L << n)}) {
                singleEqual &= Double.doubleToLongBits(s.re(i)) == Double.doubleToLongBits(re[(int) i])
                        && Double.doubleToLongBits(s.im(i)) == Double.doubleToLongBits(im[(int) i]);
            }
            double[] rangeRe = new double[7], rangeIm = new double[7];
            long rangeFrom = (1L << (n - 1)) - 3; // crosses the top qubit: two owners on 2 ranks and more
            s.copyAmplitudes(rangeFrom, 7, rangeRe, rangeIm);
            for (int k = 0; k < 7; k++) {
                singleEqual &= Double.doubleToLongBits(rangeRe[k]) == Double.doubleToLongBits(re[(int) rangeFrom + k])
                        && Double.doubleToLongBits(rangeIm[k]) == Double.doubleToLongBits(im[(int) rangeFrom + k]);
            }

            s.close();
            if (mpi.rank() != 0) return; // the reference needs no other rank
            QuantumState f = fast.allocate(n);
            f.run(fast.compile(n, gates));
            long[] fastSamples = f.sampleSorted(uniforms);
            double fastExpectation = f.expectationPauli(xMask, zMask);
            double[] fastProbabilities = f.probabilities();
            int fastOutcome = f.measure(measured, measureUniform);
            double maxDiff = 0, probDiff = 0;
            for (int i = 0; i < 1 << n; i++) {
                maxDiff = Math.max(maxDiff, Math.hypot(re[i] - f.re(i), im[i] - f.im(i)));
                probDiff = Math.max(probDiff, Math.abs(probabilities[i] - fastProbabilities[i]));
            }
            f.close();
            int globalGates = 0;
            int local = n - Integer.numberOfTrailingZeros(mpi.ranks());
            for (Operation.GateOp g : gates) {
                boolean global = false;
                for (int q : g.qubits()) global |= q >= local;
                if (global) globalGates++;
            }
            {
                System.out.printf("RESULT ranks=%d qubits=%d gates=%d globalGates=%d exchanges=%d planned=%d localSwaps=%d plannedSwaps=%d "
                                + "moveBack=%d readExchanges=%d maxDiff=%.3e probDiff=%.3e expDiff=%.3e samplesEqual=%b outcomeEqual=%b "
                                + "p1bits=%016x expBits=%016x ampBits=%016x samplesHash=%d split=%d singleReadsEqual=%b%n",
                        mpi.ranks(), n, gates.size(), globalGates, made, plan.exchanges(), swaps, plan.localSwaps(),
                        moveBack, readExchanges, maxDiff, probDiff, Math.abs(expectation - fastExpectation),
                        Arrays.equals(samples, fastSamples), outcome == fastOutcome,
                        Double.doubleToLongBits(p1), Double.doubleToLongBits(expectation), bits, Arrays.hashCode(samples), mpi.split(), singleEqual);
            }
        }
    }

    /** Random gates touching every qubit: one- and two-qubit gates and a few Toffolis, at random positions. */
    static List<Operation.GateOp> random(int n, int count, Random r) {
        List<Operation.GateOp> gates = new ArrayList<>();
        for (int q = 0; q < n; q++) gates.add(op(Gates.h(), q)); // every qubit in superposition
        while (gates.size() < count) {
            int a = r.nextInt(n), b = r.nextInt(n - 1), c = r.nextInt(n - 2);
            if (b >= a) b++;
            int lo = Math.min(a, b), hi = Math.max(a, b);
            if (c >= lo) c++;
            if (c >= hi) c++;
            gates.add(switch (r.nextInt(8)) {
                case 0 -> op(Gates.u3(r.nextDouble() * 3, r.nextDouble() * 3, r.nextDouble() * 3), a);
                case 1 -> op(Gates.rx(r.nextDouble() * 3), a);
                case 2 -> op(Gates.rz(r.nextDouble() * 3), a);
                case 3 -> op(Gates.t(), a);
                case 4 -> op(Gates.cx(), a, b);
                case 5 -> op(Gates.cp(r.nextDouble() * 3), a, b);
                case 6 -> op(Gates.swap(), a, b);
                default -> op(Gates.ccx(), a, b, c);
            });
        }
        return gates;
    }

    /** The textbook quantum Fourier transform: h and controlled phases per qubit, then the reversing swaps. */
    static List<Operation.GateOp> qft(int n) {
        List<Operation.GateOp> gates = new ArrayList<>();
        for (int q = 0; q < n; q++) gates.add(op(Gates.x(), q)); // a non-trivial input, |1…1⟩ would do as well
        for (int q = n - 1; q >= 0; q--) {
            gates.add(op(Gates.h(), q));
            for (int c = q - 1; c >= 0; c--) gates.add(op(Gates.cp(Math.PI / (1L << (q - c))), c, q));
        }
        for (int q = 0; q < n / 2; q++) gates.add(op(Gates.swap(), q, n - 1 - q));
        return gates;
    }

    private static Operation.GateOp op(Gate g, int... qubits) {
        return new Operation.GateOp(g, qubits, null);
    }
}
