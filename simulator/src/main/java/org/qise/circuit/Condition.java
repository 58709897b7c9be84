package org.qise.circuit;

import java.math.BigInteger;
import java.util.Objects;

/**
 * OpenQASM 2's classical condition {@code if (creg == value)}: the register, read as an
 * unsigned integer with its element 0 as the least significant bit, must equal {@code value}.
 *
 * <p>Registers may be wider than 64 bits, so the value is a {@link BigInteger} and the
 * comparison goes bit by bit. A value with more bits than the register could never be equal
 * and is refused: it is almost certainly a mistake (Qiskit warns about it).
 */
public record Condition(Register register, BigInteger value) {
    public Condition {
        Objects.requireNonNull(value, "value");
        if (register.kind() != Register.Kind.CLASSICAL) {
            throw new IllegalArgumentException("a condition tests a classical register, not " + register.name());
        }
        if (value.signum() < 0) throw new IllegalArgumentException("condition value must be non-negative");
        if (value.bitLength() > register.size()) {
            throw new IllegalArgumentException(tooWide(register, value));
        }
    }

    public Condition(Register register, long value) {
        this(register, BigInteger.valueOf(value));
    }

    /** Why {@code value} cannot be compared with {@code register}: it needs more bits than the register has. */
    public static String tooWide(Register register, BigInteger value) {
        return "register " + register.name() + " has " + register.size() + " bit" + (register.size() == 1 ? "" : "s")
                + ", so it can never equal " + value + " (which needs " + value.bitLength() + " bits)";
    }

    /** Whether the condition holds for the given classical bits (flat numbering). */
    public boolean holds(boolean[] clbits) {
        // bit by bit, with no allocation: this runs for every conditioned operation of every shot
        for (int i = 0; i < register.size(); i++) {
            if (clbits[register.offset() + i] != value.testBit(i)) return false;
        }
        return true;
    }
}
