package org.qise.engine;

import java.util.Locale;

/**
 * The number format of a state's amplitudes: {@link #DOUBLE} (complex128, 16 bytes an
 * amplitude, the default) or {@link #SINGLE} (complex64, 8 bytes: half the memory, so one more
 * qubit fits, and half the bytes every memory pass moves). Reductions (probabilities,
 * expectation values, norms) and sampling add up in double in either precision.
 */
public enum Precision {
    SINGLE("single", 8),
    DOUBLE("double", 16);

    private final String label;
    private final int bytesPerAmplitude;

    Precision(String label, int bytesPerAmplitude) {
        this.label = label;
        this.bytesPerAmplitude = bytesPerAmplitude;
    }

    /** The name on the command line and in manifests: {@code single} or {@code double}. */
    public String label() { return label; }

    /** Bytes one complex amplitude takes. */
    public int bytesPerAmplitude() { return bytesPerAmplitude; }

    /** Bytes of 2^n amplitudes, {@link Long#MAX_VALUE} when that does not fit in a long. */
    public long stateBytes(int numQubits) {
        return numQubits > 58 ? Long.MAX_VALUE : (long) bytesPerAmplitude << numQubits;
    }

    /**
     * The precision called {@code name} ({@code single} or {@code double}, any case).
     *
     * @throws IllegalArgumentException naming the value when it is neither
     */
    public static Precision parse(String name) {
        if (name != null) {
            for (Precision p : values()) if (p.label.equals(name.trim().toLowerCase(Locale.ROOT))) return p;
        }
        throw new IllegalArgumentException("unknown precision '" + name + "' (choose single or double)");
    }

    @Override
    public String toString() { return label; }
}
