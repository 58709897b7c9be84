package org.qise.engine;

/** A state vector that cannot be allocated; the message says how many bytes it would need. */
public final class StateTooLargeException extends RuntimeException {
    private final long bytesNeeded;
    private final String why;

    public StateTooLargeException(int qubits, long bytesNeeded, String why) {
        super(String.format("a %d-qubit state vector needs %s (16 bytes × 2^%d amplitudes)%s",
                qubits, formatBytes(bytesNeeded), qubits, why == null || why.isEmpty() ? "" : ": " + why));
        this.bytesNeeded = bytesNeeded;
        this.why = why == null ? "" : why;
    }

    private StateTooLargeException(String message, long bytesNeeded, String why) {
        super(message);
        this.bytesNeeded = bytesNeeded;
        this.why = why;
    }

    /**
     * A state that fits once but not twice. Runs that measure, reset or branch mid-circuit start
     * every shot from a copy of the state, so the copy is what fails; saying so tells the user that
     * half the memory, not a smaller circuit, is the problem.
     */
    public static StateTooLargeException forCopy(int qubits, long bytesNeeded, String why) {
        String because = why == null || why.isEmpty() ? "" : ": " + why;
        return new StateTooLargeException(String.format("a second copy of the %d-qubit state vector needs another %s"
                + " (16 bytes × 2^%d amplitudes, %s for both), which does not fit%s. Circuits that measure, reset or"
                + " branch mid-circuit run shot by shot from a copy of the state, so they need room for two",
                qubits, formatBytes(bytesNeeded), qubits, formatBytes(2 * bytesNeeded), because), bytesNeeded, why);
    }

    /** A run that needs {@code bytesNeeded} in all, for a reason the message gives whole. */
    public StateTooLargeException(long bytesNeeded, String message) {
        super(message);
        this.bytesNeeded = bytesNeeded;
        this.why = "";
    }

    public long bytesNeeded() { return bytesNeeded; }

    /** Why the memory is not there (the part of the message after the size), or empty. */
    public String why() { return why; }

    /** Bytes as a short human figure (KiB, MiB, GiB, TiB…). */
    public static String formatBytes(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : (v == Math.rint(v) ? String.format("%.0f %s", v, units[u]) : String.format("%.1f %s", v, units[u]));
    }
}
