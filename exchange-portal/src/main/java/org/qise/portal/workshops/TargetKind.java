package org.qise.portal.workshops;

import java.util.Locale;
import org.qise.portal.PortalException;

/** What an exercise asks the participant's circuit to produce, and how closeness is measured. */
public enum TargetKind {
    /** A state vector; score |⟨target|ψ⟩|² (state fidelity). Circuits without measurement. */
    STATE(12),
    /** A unitary up to global phase; score |Tr(U†V)|²/d² (process fidelity). Circuits without measurement. */
    UNITARY(6),
    /** A distribution over measured bitstrings; score 1 − total variation distance to the sampled counts. */
    DISTRIBUTION(10),
    /**
     * A named checker shared with the notebook course ({@code org.qise.workshop.CircuitCheckers}):
     * score 1 when it accepts the circuit, 0 otherwise, with its message as the detail. Written
     * {@code checker:NAME} (or kind {@code checker} with the name as the target).
     */
    CHECKER(12);

    /** The most qubits a target of this kind may have (so grading stays quick in a request). */
    public final int maxQubits;

    TargetKind(int maxQubits) {
        this.maxQubits = maxQubits;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TargetKind parse(String text) {
        if (checkerName(text) != null) return CHECKER;
        if (text != null) {
            for (TargetKind k : values()) if (k.name().equalsIgnoreCase(text.strip())) return k;
        }
        throw PortalException.badRequest("the target kind must be state, unitary, distribution or checker:NAME, got '" + text + "'");
    }

    /** NAME of a kind written {@code checker:NAME}, or null. */
    public static String checkerName(String text) {
        if (text == null) return null;
        String t = text.strip();
        return t.regionMatches(true, 0, "checker:", 0, 8) ? t.substring(8).strip() : null;
    }
}
