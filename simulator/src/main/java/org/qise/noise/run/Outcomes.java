package org.qise.noise.run;

import java.util.List;
import org.qise.circuit.Register;

/**
 * Turns classical bits into count keys, the way {@code org.qise.sim} writes them: each register
 * c[n-1]…c[0], registers separated by a space, the last declared leftmost. A circuit without
 * measurements is keyed by all its qubits, q[n-1]…q[0], as one register.
 */
record Outcomes(List<Register> registers, int bits) {

    String key(boolean[] values) {
        StringBuilder sb = new StringBuilder(values.length + registers.size());
        for (int r = registers.size() - 1; r >= 0; r--) {
            Register reg = registers.get(r);
            if (sb.length() > 0) sb.append(' ');
            for (int i = reg.size() - 1; i >= 0; i--) sb.append(values[reg.offset() + i] ? '1' : '0');
        }
        return sb.toString();
    }
}
