package org.qise.sim;

import org.qise.engine.StateTooLargeException;

/**
 * What a run needs in memory, said before anything is allocated: the bytes of one state, how
 * many states the run holds at once (two for shot-by-shot runs: the state after the circuit's
 * first gates, and each shot's working copy), and what the engine says is available.
 *
 * @param stateBytes     one state, as the engine lays it out
 * @param states         states held at once
 * @param availableBytes what the engine can use now ({@link Long#MAX_VALUE} when it cannot tell)
 * @param bytesPerAmplitude 16 in double precision, 8 in single
 */
public record MemoryNeed(int qubits, long stateBytes, int states, long availableBytes, int bytesPerAmplitude) {

    /** A double-precision need (16 bytes an amplitude). */
    public MemoryNeed(int qubits, long stateBytes, int states, long availableBytes) {
        this(qubits, stateBytes, states, availableBytes, 16);
    }

    /** Bytes of all the states together. */
    public long totalBytes() {
        return stateBytes >= Long.MAX_VALUE / states ? Long.MAX_VALUE : stateBytes * states;
    }

    public boolean fits() {
        return totalBytes() <= availableBytes;
    }

    /**
     * One line, e.g. "needs 16.0 GiB for one 30-qubit state (2^30 amplitudes × 16 bytes = 16 GiB,
     * plus the engine's layout); 22.1 GiB available".
     */
    public String describe() {
        long amplitudes = qubits > 58 ? Long.MAX_VALUE : (long) bytesPerAmplitude << qubits;
        String each = "2^" + qubits + " amplitudes × " + bytesPerAmplitude + " bytes = " + StateTooLargeException.formatBytes(amplitudes)
                + (states == 1 ? "" : " each") + (stateBytes != amplitudes ? ", plus the engine's layout" : "");
        String what = states == 1 ? "one " + qubits + "-qubit state (" + each + ")"
                : states + " " + qubits + "-qubit states (shot by shot: the start state and each shot's copy; " + each + ")";
        String available = availableBytes == Long.MAX_VALUE ? "the engine does not say how much is available"
                : StateTooLargeException.formatBytes(availableBytes) + " available";
        return "needs " + StateTooLargeException.formatBytes(totalBytes()) + " for " + what + "; " + available;
    }

    /** Runs below this size are not checked up front (the check reads the machine's memory figures). */
    static final long CHECK_FROM_BYTES = 256L << 20;

    /** Refuses a run that does not fit, before anything is allocated. */
    void requireFits() {
        if (!fits()) throw new StateTooLargeException(totalBytes(), "the run does not fit in memory: it " + describe());
    }
}
