package org.qise.sim;

import java.util.List;
import java.util.regex.Pattern;
import org.qise.circuit.Register;

/**
 * Classical bits as text, the OpenQASM / Qiskit way: each register is written from its highest
 * bit to bit 0 (c[n-1]…c[0]), and registers are separated by a space with the last declared
 * register leftmost. Basis states are written the same way, qubit n-1 first.
 *
 * <p>The one formatter of bitstrings: counts, marginals, state listings and the portal's
 * downloads all go through here, so the convention cannot drift between them.
 */
public final class Bitstrings {
    /** A count key as {@link #format} writes it: 1 to 64 registers of 1 to 64 bits, one space between. */
    private static final Pattern COUNT_KEY = Pattern.compile("[01]{1,64}( [01]{1,64}){0,63}");

    private Bitstrings() {}

    /** The bits of the given registers, each c[n-1]…c[0], the last declared register leftmost. */
    public static String format(boolean[] bits, List<Register> registers) {
        StringBuilder sb = new StringBuilder(bits.length + registers.size());
        for (int r = registers.size() - 1; r >= 0; r--) {
            Register reg = registers.get(r);
            if (sb.length() > 0) sb.append(' ');
            for (int i = reg.size() - 1; i >= 0; i--) sb.append(bits[reg.offset() + i] ? '1' : '0');
        }
        return sb.toString();
    }

    /**
     * Basis-state index of n qubits (or the value of an n-bit register) as text, bit n-1 first
     * and bit 0 rightmost. The index is read as 64 unsigned bits: beyond bit 63 the text is 0s.
     */
    public static String ofIndex(long index, int n) {
        if (n < 0) throw new IllegalArgumentException("a bitstring cannot have " + n + " bits");
        // bytes, not a StringBuilder: Spark results rebuild a million count keys through here
        byte[] text = new byte[n];
        for (int i = 0; i < n; i++) {
            int q = n - 1 - i;
            text[i] = (byte) (q < 64 && (index >>> q & 1) == 1 ? '1' : '0');
        }
        return new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Whether the text could be a count key written by {@link #format}. */
    public static boolean isCountKey(String text) {
        return COUNT_KEY.matcher(text).matches();
    }
}
