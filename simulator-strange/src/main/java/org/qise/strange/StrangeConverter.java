package org.qise.strange;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import org.qise.circuit.Circuit;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.qasm.QasmExporter;
import org.redfx.strange.Gate;
import org.redfx.strange.Program;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Measurement;
import org.redfx.strange.gate.ProbabilitiesGate;

/**
 * Converts Strange {@link Program}s into QISE {@link Circuit}s and OpenQASM.
 *
 * <pre>{@code
 * Program p = new Program(2, new Step(new Hadamard(0)), new Step(new Cnot(0, 1)));
 * Circuit bell = StrangeConverter.toCircuit(p);   // h q[0]; cx q[0],q[1];
 * String qasm = StrangeConverter.toQasm(p);       // to share through the exchange portal
 * }</pre>
 *
 * <p>The conversion follows what each gate means, not the quirks of Strange's own simulator:
 * gates act on the qubits they name in any argument order, RotationZ is the true rz, and
 * {@code initializeQubit(q, α)} prepares α|0⟩ + √(1−α²)|1⟩ on qubit q itself (as an ry, or an
 * x when α = 0). See the README section "Running Strange programs on QISE".
 */
public final class StrangeConverter {
    private StrangeConverter() {}

    /** Translates every step of a program. */
    public static ConvertedProgram convert(Program program) {
        int n = program.getNumberQubits();
        if (n <= 0) throw new StrangeConversionException(-1, "the program has " + n + " qubits; it needs at least one");
        List<Operation.GateOp> preparation = initialValues(program);
        List<ConvertedProgram.ConvertedStep> steps = new ArrayList<>();
        List<Step> programSteps = program.getSteps();
        for (int i = 0; i < programSteps.size(); i++) steps.add(convertStep(i, programSteps.get(i), n));
        return new ConvertedProgram(n, preparation, steps);
    }

    /** The program as one circuit (see {@link ConvertedProgram#toCircuit()}). */
    public static Circuit toCircuit(Program program) {
        return convert(program).toCircuit();
    }

    /**
     * The program as OpenQASM 2.0. Every gate must be a qelib1 gate or an uncontrolled
     * one-qubit unitary (written as u3); an Oracle, or a controlled block whose gates need a
     * controlled version qelib1 lacks (a doubly controlled phase, say), is reported by step and
     * gate.
     *
     * @throws StrangeConversionException naming the step and the Strange gate that cannot be written
     */
    public static String toQasm(Program program) {
        ConvertedProgram converted = convert(program);
        for (ConvertedProgram.ConvertedStep step : converted.steps()) {
            for (int k = 0; k < step.operations().size(); k++) {
                if (step.operations().get(k) instanceof Operation.GateOp g && !writableInQasm(g.gate())) {
                    throw new StrangeConversionException(step.index(), step.sources().get(k)
                            + " has no OpenQASM 2.0 equivalent: it needs a " + g.gate().qubits() + "-qubit '" + g.gate().name()
                            + "' gate, which qelib1.inc lacks");
                }
            }
        }
        try {
            return QasmExporter.export(converted.toCircuit());
        } catch (IllegalArgumentException e) {
            throw new StrangeConversionException(-1, "the program cannot be written as OpenQASM 2.0: " + e.getMessage());
        }
    }

    /** What {@link QasmExporter} can write: qelib1 gates, and one-qubit unitaries as u3. */
    private static boolean writableInQasm(org.qise.circuit.Gate g) {
        return Gates.isLibraryGate(g) || (g.controls() == 0 && g.targets() == 1);
    }

    private static ConvertedProgram.ConvertedStep convertStep(int index, Step step, int n) {
        List<Operation> ops = new ArrayList<>();
        List<Gate> origins = new ArrayList<>();
        List<ProbabilitiesGate> probabilities = new ArrayList<>();
        for (Gate gate : step.getGates()) {
            try {
                if (gate instanceof ProbabilitiesGate p) {
                    probabilities.add(p);
                } else if (gate instanceof Measurement m) {
                    int q = m.getMainQubitIndex();
                    checkQubits(new int[]{q}, n);
                    ops.add(new Operation.Measure(q, q, null));
                    origins.add(gate);
                } else {
                    for (Operation.GateOp op : GateTranslator.translate(gate)) {
                        checkQubits(op.qubits(), n);
                        ops.add(op);
                        origins.add(gate);
                    }
                }
            } catch (StrangeConversionException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new StrangeConversionException(index, GateTranslator.describe(gate) + ": " + e.getMessage());
            }
        }
        return new ConvertedProgram.ConvertedStep(index, ops, new Descriptions(origins), probabilities);
    }

    /**
     * The text naming each operation's Strange gate, written only when read: the names serve
     * error messages, and writing one per gate on every run cost as much as translating it.
     */
    static final class Descriptions extends AbstractList<String> implements RandomAccess {
        private final List<Gate> origins;

        Descriptions(List<Gate> origins) {
            this.origins = List.copyOf(origins);
        }

        @Override
        public String get(int i) { return GateTranslator.describe(origins.get(i)); }

        @Override
        public int size() { return origins.size(); }
    }

    private static void checkQubits(int[] qubits, int n) {
        for (int q : qubits) {
            if (q < 0 || q >= n) throw new IllegalArgumentException("qubit " + q + " is outside the program's " + n + " qubits");
        }
    }

    /**
     * Gates that prepare the initial values: {@code initializeQubit(q, α)} asks for
     * α|0⟩ + √(1−α²)|1⟩ on qubit q, which ry(2·acos α) makes from |0⟩.
     */
    private static List<Operation.GateOp> initialValues(Program program) {
        double[] alphas = program.getInitialAlphas();
        List<Operation.GateOp> ops = new ArrayList<>();
        for (int q = 0; q < alphas.length; q++) {
            double alpha = alphas[q];
            if (alpha == 1) continue;
            if (!(alpha >= -1 && alpha <= 1)) {
                throw new StrangeConversionException(-1, "initializeQubit(" + q + ", " + alpha + "): the amplitude of |0> must lie in [-1, 1]");
            }
            org.qise.circuit.Gate g = alpha == 0 ? Gates.x() : Gates.ry(2 * Math.acos(alpha));
            ops.add(new Operation.GateOp(g, new int[]{q}, null));
        }
        return ops;
    }
}
