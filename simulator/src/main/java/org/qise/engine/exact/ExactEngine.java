package org.qise.engine.exact;

import org.qise.engine.Engine;
import org.qise.engine.QuantumState;
import org.qise.engine.StateTooLargeException;

/**
 * The reference engine: a double-precision state vector on the Java heap with one plain,
 * obviously-correct loop per operation. Single-threaded; clarity beats speed here, because
 * the fast engine is tested against this one.
 */
public final class ExactEngine implements Engine {
    /** Java arrays hold at most 2^31 − 1 doubles; two per amplitude puts the limit at 30 qubits. */
    public static final int MAX_QUBITS = 30;

    @Override
    public String name() { return "exact"; }

    @Override
    public int threads() { return 1; }

    @Override
    public QuantumState allocate(int numQubits) {
        long bytes = 16L << numQubits;
        if (numQubits > MAX_QUBITS) {
            throw new StateTooLargeException(numQubits, bytes, "the exact engine holds at most " + MAX_QUBITS + " qubits");
        }
        long free = Runtime.getRuntime().maxMemory() - (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        if (bytes > free) {
            throw new StateTooLargeException(numQubits, bytes, "only " + StateTooLargeException.formatBytes(free)
                    + " of Java heap is free (raise it with -Xmx)");
        }
        try {
            return new ExactState(numQubits);
        } catch (OutOfMemoryError e) {
            throw new StateTooLargeException(numQubits, bytes, "out of Java heap");
        }
    }
}
