package org.qise.circuit;

/**
 * OpenQASM 2's classical condition {@code if (creg == value)}: the register, read as an
 * unsigned integer with its element 0 as the least significant bit, must equal {@code value}.
 */
public record Condition(Register register, long value) {
    public Condition {
        if (register.kind() != Register.Kind.CLASSICAL) {
            throw new IllegalArgumentException("a condition tests a classical register, not " + register.name());
        }
        if (value < 0) throw new IllegalArgumentException("condition value must be non-negative");
    }

    /** Whether the condition holds for the given classical bits (flat numbering). */
    public boolean holds(boolean[] clbits) {
        long v = 0;
        for (int i = 0; i < register.size(); i++) {
            if (clbits[register.offset() + i]) v |= 1L << i;
        }
        return v == value;
    }
}
