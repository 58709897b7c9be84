package org.qise.sim;

import java.util.List;
import org.qise.circuit.Register;

/**
 * Classical bits as text, the OpenQASM / Qiskit way: each register is written from its highest
 * bit to bit 0 (c[n-1]…c[0]), and registers are separated by a space with the last declared
 * register leftmost.
 */
final class Bitstrings {
    private Bitstrings() {}

    static String format(boolean[] bits, List<Register> registers) {
        StringBuilder sb = new StringBuilder(bits.length + registers.size());
        for (int r = registers.size() - 1; r >= 0; r--) {
            Register reg = registers.get(r);
            if (sb.length() > 0) sb.append(' ');
            for (int i = reg.size() - 1; i >= 0; i--) sb.append(bits[reg.offset() + i] ? '1' : '0');
        }
        return sb.toString();
    }

    /** Basis-state index of n qubits as text, qubit n-1 first. */
    static String ofIndex(long index, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int q = n - 1; q >= 0; q--) sb.append((index >> q & 1) == 1 ? '1' : '0');
        return sb.toString();
    }
}
