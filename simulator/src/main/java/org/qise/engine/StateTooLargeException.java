package org.qise.engine;

/** A state vector that cannot be allocated; the message says how many bytes it would need. */
public final class StateTooLargeException extends RuntimeException {
    private final long bytesNeeded;

    public StateTooLargeException(int qubits, long bytesNeeded, String why) {
        super(String.format("a %d-qubit state vector needs %s (16 bytes × 2^%d amplitudes)%s",
                qubits, formatBytes(bytesNeeded), qubits, why == null || why.isEmpty() ? "" : ": " + why));
        this.bytesNeeded = bytesNeeded;
    }

    /** A run that needs {@code bytesNeeded} in all, for a reason the message gives whole. */
    public StateTooLargeException(long bytesNeeded, String message) {
        super(message);
        this.bytesNeeded = bytesNeeded;
    }

    public long bytesNeeded() { return bytesNeeded; }

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
