package org.qise.strange;

/**
 * A Strange program that cannot be converted, simulated or exported. The message names the
 * step (counted from 0, as {@code Program.getSteps()} lists them) and the gate at fault.
 */
public final class StrangeConversionException extends IllegalArgumentException {
    private final int step;

    public StrangeConversionException(int step, String message) {
        super((step >= 0 ? "step " + step + ": " : "") + message);
        this.step = step;
    }

    /** The index of the offending step, or −1 when the problem is not in one step. */
    public int step() { return step; }
}
