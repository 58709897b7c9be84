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
        return org.qise.sim.Bitstrings.format(values, registers);
    }
}
