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
    DISTRIBUTION(10);

    /** The most qubits a target of this kind may have (so grading stays quick in a request). */
    public final int maxQubits;

    TargetKind(int maxQubits) {
        this.maxQubits = maxQubits;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TargetKind parse(String text) {
        if (text != null) {
            for (TargetKind k : values()) if (k.name().equalsIgnoreCase(text.strip())) return k;
        }
        throw PortalException.badRequest("the target kind must be state, unitary or distribution, got '" + text + "'");
    }
}
