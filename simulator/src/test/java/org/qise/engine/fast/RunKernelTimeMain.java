package org.qise.engine.fast;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;

/**
 * Times a run of gates as one {@link RunKernel} against its gates as separate kernels and as a
 * dense 4×4, on a state that sits in L2 (args: qubits, qa, qb; e.g. 15 5 9). Not a test: run
 * it by hand with the test classpath; the figures are in docs/engine.md.
 */
public class RunKernelTimeMain {
    static long bestNs(Kernel[] ks, MemorySegment s, int reps) {
        long best = Long.MAX_VALUE;
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = 0; r < reps; r++) {
            long t0 = bean.getCurrentThreadCpuTime();
            for (int i = 0; i < 20; i++) for (Kernel k : ks) k.run(s, 0, k.units());
            best = Math.min(best, bean.getCurrentThreadCpuTime() - t0);
        }
        return best / 20;
    }
    static Operation.GateOp op(Gate g, int... q) { return new Operation.GateOp(g, q, null); }
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]); int qa = Integer.parseInt(a[1]), qb = Integer.parseInt(a[2]);
        MemorySegment s = Arena.ofAuto().allocate(Lanes.bytesFor(1L << (n - Lanes.LOW_QUBITS)), 64);
        for (long i = 0; i < s.byteSize() / 8; i++) s.setAtIndex(ValueLayout.JAVA_DOUBLE, i, 1e-3 * (i % 7));
        Gate u1 = Gates.u3(0.3, 0.5, 0.7), u2 = Gates.u3(1.1, 0.2, 0.4);
        double vec = 1L << (n - Lanes.LOW_QUBITS); // vectors in the state: the figures are per vector
        List<Operation.GateOp> cxr = List.of(op(Gates.cx(), qa, qb), op(u1, qa));
        for (int round = 0; round < 3; round++) {
            for (var e : List.of(List.of("cx rot", cxr), List.of("rot cz", List.of(op(u1, qa), op(Gates.cz(), qa, qb))))) {
                @SuppressWarnings("unchecked") List<Operation.GateOp> ops = (List<Operation.GateOp>) e.get(1);
                Kernel run = Fuser.Run.kernel(n, ops, new int[]{qa, qb});
                Kernel[] sep = new Kernel[ops.size()];
                for (int i = 0; i < sep.length; i++) sep[i] = new Fuser.Single(ops.get(i)).kernel(n);
                Matrix m = Matrix.identity(4);
                for (var o : ops) { int[] pos = new int[o.qubits().length]; for (int j = 0; j < pos.length; j++) pos[j] = o.qubits()[j] == qa ? 0 : 1; m = o.gate().matrix().embed(2, pos).times(m); }
                Kernel dense = KernelPlanner.plan(n, m, new int[]{qa, qb}, new int[0]);
                System.out.printf("%-16s run %.3f  separate %.3f  dense(%s) %.3f ns/vector%n", e.get(0),
                        bestNs(new Kernel[]{run}, s, 15) / vec, bestNs(sep, s, 15) / vec, dense.getClass().getSimpleName(), bestNs(new Kernel[]{dense}, s, 15) / vec);
            }
        }
    }
}
