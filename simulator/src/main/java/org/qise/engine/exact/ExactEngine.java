package org.qise.engine.exact;

import org.qise.engine.Engine;
import org.qise.engine.GateChecks;
import org.qise.engine.QuantumState;
import org.qise.engine.StateTooLargeException;

/**
 * The reference engine: a double-precision state vector on the Java heap with one plain,
 * obviously-correct loop per operation. Single-threaded; clarity beats speed here, because
 * the fast engine is tested against this one.
 */
public final class ExactEngine implements Engine {
    /**
     * Java arrays hold fewer than 2^31 doubles, and the state keeps two per amplitude in one
     * array: 2·2^29 = 2^30 fits, 2·2^30 = 2^31 does not (it overflows int), so 29 qubits.
     */
    public static final int MAX_QUBITS = 29;

    @Override
    public String name() { return "exact"; }

    @Override
    public int threads() { return 1; }

    /** The Java heap not yet in use: the state is one double array on it. */
    @Override
    public long availableBytes() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    @Override
    public long bytesFor(int numQubits) {
        return numQubits > MAX_QUBITS ? Long.MAX_VALUE : 16L << numQubits;
    }

    @Override
    public QuantumState allocate(int numQubits) {
        GateChecks.size(numQubits);
        long bytes = 16L << numQubits;
        if (numQubits > MAX_QUBITS) {
            throw new StateTooLargeException(numQubits, bytes, "the exact engine holds at most " + MAX_QUBITS + " qubits");
        }
        long free = availableBytes();
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
