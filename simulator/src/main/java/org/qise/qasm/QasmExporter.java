package org.qise.qasm;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.qise.circuit.Circuit;
import org.qise.circuit.Condition;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;
import org.qise.circuit.Register;

/**
 * Writes a {@link Circuit} as canonical OpenQASM 2.0: the header and qelib1 include, the
 * quantum then classical registers in declaration order, and one operation per line with
 * register-indexed operands. The text is deterministic (its hash identifies the circuit) and
 * {@link QasmParser} reads it back to an equal circuit.
 */
public final class QasmExporter {
    private QasmExporter() {}

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][A-Za-z0-9_]*");
    private static final Set<String> RESERVED = Set.of(
            "include", "qreg", "creg", "gate", "opaque", "measure", "reset", "barrier", "if",
            "pi", "sin", "cos", "tan", "exp", "ln", "sqrt", "asin", "acos", "atan");

    /**
     * The canonical OpenQASM 2.0 text of a circuit.
     *
     * @throws IllegalArgumentException if the circuit holds something OpenQASM 2.0 cannot say: a
     *         gate that is neither a qelib1 gate nor an uncontrolled one-qubit unitary, a register
     *         name that is not an OpenQASM identifier, or a non-finite parameter
     */
    public static String export(Circuit circuit) {
        StringBuilder out = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\n");
        String[] qubitNames = declare(out, "qreg", circuit.qregs(), circuit.numQubits());
        String[] clbitNames = declare(out, "creg", circuit.cregs(), circuit.numClbits());
        for (Operation op : circuit.operations()) {
            Condition cond = op.condition();
            if (cond != null) out.append("if(").append(cond.register().name()).append("==").append(cond.value()).append(") ");
            switch (op) {
                case Operation.GateOp g -> gate(out, g.gate(), g.qubits(), qubitNames);
                case Operation.Measure m ->
                        out.append("measure ").append(qubitNames[m.qubit()]).append(" -> ").append(clbitNames[m.clbit()]);
                case Operation.Reset r -> out.append("reset ").append(qubitNames[r.qubit()]);
                case Operation.ChannelOp c -> throw new IllegalArgumentException(
                        "noise channel " + c.channel() + " cannot be written in OpenQASM 2.0 (give noise as a noise model instead)");
                case Operation.Barrier b -> {
                    out.append("barrier ");
                    operands(out, b.qubits(), qubitNames);
                }
                case Operation.Dynamic d -> throw new IllegalArgumentException(
                        "the circuit has classical control flow (" + d.block().summary() + "), which OpenQASM 2.0 cannot express: export it as OpenQASM 3");
            }
            out.append(";\n");
        }
        return out.toString();
    }

    /** Writes the declarations and returns the operand name of every flat bit. */
    private static String[] declare(StringBuilder out, String keyword, List<Register> regs, int bits) {
        String[] names = new String[bits];
        for (Register r : regs) {
            if (!IDENTIFIER.matcher(r.name()).matches() || RESERVED.contains(r.name())) {
                throw new IllegalArgumentException("register name '" + r.name() + "' cannot be written in OpenQASM 2.0"
                        + " (names start with a lowercase letter, then letters, digits or '_', and are not keywords)");
            }
            out.append(keyword).append(' ').append(r.name()).append('[').append(r.size()).append("];\n");
            for (int i = 0; i < r.size(); i++) names[r.offset() + i] = r.name() + "[" + i + "]";
        }
        return names;
    }

    private static void gate(StringBuilder out, Gate gate, int[] qubits, String[] qubitNames) {
        if (gate.isParametric() && gate.derivation() != null) {
            throw new IllegalArgumentException("parametric gate " + gate + " cannot be written in OpenQASM 2.0, which has no gate modifiers:"
                    + " export it as OpenQASM 3 (--qasm3), or bind its parameters first");
        }
        if (gate.isParametric()) { // angles naming parameters are written as expressions; the reader takes them back with the names allowed
            out.append(gate.name()).append('(');
            var angles = gate.expressions();
            for (int i = 0; i < angles.size(); i++) out.append(i == 0 ? "" : ",").append(angles.get(i).text(AngleFormat::format));
            out.append(") ");
            operands(out, qubits, qubitNames);
            return;
        }
        String name;
        double[] params;
        if (Gates.isLibraryGate(gate)) {
            name = gate.name();
            params = gate.params();
        } else if (gate.controls() == 0 && gate.targets() == 1) {
            name = "u3";
            params = u3Angles(gate);
        } else {
            throw new IllegalArgumentException("gate " + gate + " on " + gate.qubits() + " qubit(s) cannot be written in OpenQASM 2.0:"
                    + " it is not a qelib1 gate (only qelib1 gates and uncontrolled one-qubit unitaries can be exported)");
        }
        out.append(name);
        if (params.length > 0) {
            out.append('(');
            for (int i = 0; i < params.length; i++) out.append(i == 0 ? "" : ",").append(AngleFormat.format(params[i]));
            out.append(')');
        }
        out.append(' ');
        operands(out, qubits, qubitNames);
    }

    private static void operands(StringBuilder out, int[] qubits, String[] names) {
        for (int i = 0; i < qubits.length; i++) out.append(i == 0 ? "" : ",").append(names[qubits[i]]);
    }

    /**
     * θ, φ, λ with U(θ,φ,λ) equal to the gate's 2×2 unitary up to a global phase (which a gate
     * without controls cannot show). Refuses unless the written angles reproduce the matrix to 1e-12.
     */
    static double[] u3Angles(Gate gate) {
        Matrix m = gate.targetMatrix();
        double absA = Math.hypot(m.re(0, 0), m.im(0, 0)), absD = Math.hypot(m.re(1, 0), m.im(1, 0));
        double argA = Math.atan2(m.im(0, 0), m.re(0, 0));
        double argD = Math.atan2(m.im(1, 0), m.re(1, 0));
        double argE = Math.atan2(m.im(1, 1), m.re(1, 1));
        double argMinusB = Math.atan2(-m.im(0, 1), -m.re(0, 1));
        double theta = 2 * Math.atan2(absD, absA);
        double gamma, phi, lambda;
        if (absA >= absD) { // cos(θ/2) carries the phase reliably
            gamma = argA;
            phi = absD > 1e-15 ? argD - gamma : 0;
            lambda = argE - gamma - phi;
        } else {
            gamma = absA > 1e-15 ? argA : 0;
            phi = argD - gamma;
            lambda = argMinusB - gamma;
        }
        double[] angles = {theta, phi, lambda};
        Matrix written = Gates.u3(theta, phi, lambda).targetMatrix();
        if (written.distanceUpToGlobalPhase(m) > 1e-12) {
            throw new IllegalArgumentException("gate " + gate + " cannot be written in OpenQASM 2.0 as u3 without changing it");
        }
        return angles;
    }
}
