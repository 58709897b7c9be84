package org.qise.engine.fast;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;

/**
 * Times {@link SingleQubitKernels.HighRx} against the general {@link SingleQubitKernels.High}
 * on the same rx matrix, on a state that sits in L2 (args: qubits, target; e.g. 15 9).
 * Not a test: run it by hand with the test classpath; the figures are in docs/engine.md.
 */
public class HalfKernelTimeMain {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), q = Integer.parseInt(a[1]);
        MemorySegment s = Arena.ofAuto().allocate(Lanes.bytesFor(1L << (n - Lanes.LOW_QUBITS)), 64);
        for (long i = 0; i < s.byteSize() / 8; i++) s.setAtIndex(ValueLayout.JAVA_DOUBLE, i, 1e-3 * (i % 7));
        double vec = 1L << (n - Lanes.LOW_QUBITS);
        for (int round = 0; round < 3; round++) {
            for (String name : new String[]{"rx"}) {
                Matrix u = Gates.rx(0.7).targetMatrix();
                GateGeometry g = new GateGeometry(n, new int[]{q}, new int[0]);
                Kernel half = new SingleQubitKernels.HighRx(g, u), full = new SingleQubitKernels.High(g, u);
                System.out.printf("%-3s half %.3f  general %.3f ns/vector%n", name,
                        RunKernelTimeMain.bestNs(new Kernel[]{half}, s, 15) / vec, RunKernelTimeMain.bestNs(new Kernel[]{full}, s, 15) / vec);
            }
        }
    }
}
