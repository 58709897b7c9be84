package org.qise.strange;

import java.util.List;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Operation;
import org.redfx.strange.gate.ProbabilitiesGate;

/**
 * A Strange program translated into QISE operations, step by step, so that a run can still
 * report what Strange reports per step.
 *
 * @param numQubits   the program's qubit count
 * @param preparation the gates that set the initial qubit values ({@code Program.initializeQubit})
 * @param steps       one entry per program step, in order
 */
public record ConvertedProgram(int numQubits, List<Operation.GateOp> preparation, List<ConvertedStep> steps) {

    public ConvertedProgram {
        preparation = List.copyOf(preparation);
        steps = List.copyOf(steps);
    }

    /**
     * One program step.
     *
     * @param index          the step's position in {@code Program.getSteps()}
     * @param operations     its gates and measurements (Measurement of qubit q measures into bit q)
     * @param sources        for each operation, the Strange gate it came from (for messages)
     * @param probabilities  the step's ProbabilitiesGates, which ask for a snapshot of the state
     */
    public record ConvertedStep(int index, List<Operation> operations, List<String> sources,
                                List<ProbabilitiesGate> probabilities) {
        public ConvertedStep {
            operations = List.copyOf(operations);
            // the converter's descriptions are immutable and written on demand; keep them unwritten
            if (!(sources instanceof StrangeConverter.Descriptions)) sources = List.copyOf(sources);
            probabilities = List.copyOf(probabilities);
        }

        /** Whether the state should be recorded after this step. */
        public boolean wantsSnapshot() { return !probabilities.isEmpty(); }
    }

    /** Whether any step measures a qubit. */
    public boolean hasMeasurements() {
        return steps.stream().flatMap(s -> s.operations().stream()).anyMatch(o -> o instanceof Operation.Measure);
    }

    /**
     * The whole program as one circuit: {@code qreg q[n]}, plus {@code creg c[n]} when it measures
     * (Measurement of qubit q writes c[q]); the initial-value gates come first.
     */
    public Circuit toCircuit() {
        CircuitBuilder b = Circuit.builder(numQubits, hasMeasurements() ? numQubits : 0);
        for (Operation.GateOp g : preparation) b.add(g);
        for (ConvertedStep s : steps) {
            for (Operation op : s.operations()) b.add(op);
        }
        return b.build();
    }
}
