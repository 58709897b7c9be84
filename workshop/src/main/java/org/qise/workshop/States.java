package org.qise.workshop;

import java.util.Locale;
import org.qise.circuit.Circuit;
import org.qise.sim.Bitstrings;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/** Helpers the checkers share: exact final states of small circuits, and how to print amplitudes. */
final class States {
    private States() {}

    /** The final state vector (interleaved re, im) of a circuit without measurement. */
    static double[] finalState(Circuit circuit) {
        try (Result r = Simulator.builder().seed(1).build().run(circuit)) {
            return r.statevector();
        }
    }

    /** |⟨expected|actual⟩|²: 1 when the states are equal up to a global phase. */
    static double overlap(double[] expected, double[] actual) {
        double re = 0, im = 0;
        for (int i = 0; i < expected.length / 2; i++) {
            double er = expected[2 * i], ei = expected[2 * i + 1], ar = actual[2 * i], ai = actual[2 * i + 1];
            re += er * ar + ei * ai;
            im += er * ai - ei * ar;
        }
        return re * re + im * im;
    }

    static String amplitude(double re, double im) {
        if (Math.abs(im) < 5e-4) return String.format(Locale.ROOT, "%.3f", re);
        if (Math.abs(re) < 5e-4) return String.format(Locale.ROOT, "%.3fi", im);
        return String.format(Locale.ROOT, "%.3f%+.3fi", re, im);
    }

    /** "a|00⟩ + b|01⟩ …" with the basis states printed q[n-1]…q[0], leaving out zero amplitudes. */
    static String ket(double[] state, int qubits) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < state.length / 2; i++) {
            if (Math.hypot(state[2 * i], state[2 * i + 1]) < 5e-4) continue;
            if (!text.isEmpty()) text.append(" + ");
            String bits = Bitstrings.ofIndex(i, qubits);
            text.append('(').append(amplitude(state[2 * i], state[2 * i + 1])).append(")|").append(bits).append('⟩');
        }
        return text.isEmpty() ? "0" : text.toString();
    }
}
