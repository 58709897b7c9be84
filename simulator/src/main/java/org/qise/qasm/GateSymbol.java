package org.qise.qasm;

import java.util.List;
import org.qise.circuit.Gates;

/** What a gate name means in the program being parsed. */
sealed interface GateSymbol {

    String name();

    int paramCount();

    int qubitCount();

    /** A gate of the library: U and CX, or a qelib1 gate once qelib1.inc is included. */
    record Library(Gates.Definition definition) implements GateSymbol {
        public String name() { return definition.name(); }
        public int paramCount() { return definition.params(); }
        public int qubitCount() { return definition.qubits(); }
    }

    /**
     * A gate defined in the program: applying it applies its body with the formal parameters
     * and qubits bound. {@code depth} is 1 plus the deepest defined gate its body calls;
     * {@code expansionSteps} counts this call and every call and barrier its expansion visits
     * (saturating at {@code Long.MAX_VALUE}), so a blow-up is refused before any work is done.
     */
    record Defined(String name, List<String> params, List<String> qubits, List<BodyStep> body, int line, int depth,
                   long expansionSteps) implements GateSymbol {
        public int paramCount() { return params.size(); }
        public int qubitCount() { return qubits.size(); }
    }

    /** A gate declared {@code opaque}: it has a signature but no definition, so it cannot run. */
    record Opaque(String name, int paramCount, int qubitCount, int line) implements GateSymbol {}

    /** One statement of a gate body; qubits are indices into the gate's formal qubit list. */
    sealed interface BodyStep {}

    /** A gate application in a body; {@code paramSites[i]} is where parameter i's expression starts (for messages). */
    record Call(GateSymbol gate, List<Expr> params, List<Token> paramSites, int[] qubits) implements BodyStep {}

    record Barrier(int[] qubits) implements BodyStep {}
}
