package org.qise.circuit;

/**
 * A named quantum or classical register: {@code size} consecutive bits starting at
 * {@code offset} in the circuit's flat numbering (qubit 0 of the first register is qubit 0).
 */
public record Register(Kind kind, String name, int offset, int size) {
    public enum Kind { QUANTUM, CLASSICAL }

    public Register {
        if (size <= 0) throw new IllegalArgumentException("register " + name + " must have at least one bit");
    }

    /** Flat index of element {@code i} of this register. */
    public int bit(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + " out of range for " + name + "[" + size + "]");
        }
        return offset + i;
    }

    public boolean contains(int flatIndex) {
        return flatIndex >= offset && flatIndex < offset + size;
    }
}
