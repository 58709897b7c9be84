package org.qise.portal.runs;

import java.nio.charset.StandardCharsets;
import org.qise.circuit.Circuit;
import org.qise.noise.ExampleModels;
import org.qise.noise.NoiseException;
import org.qise.noise.NoiseModel;
import org.qise.noise.NoiseModelJson;
import org.qise.noise.run.Method;
import org.qise.noise.run.NoisySimulator;
import org.qise.portal.PortalException;

/**
 * The noise model a run carries: read from what a person gave (a {@code qise-noise-model/1}
 * JSON text or {@code example:NAME}), checked against the circuit, and kept as its canonical
 * text, which is what is stored, hashed into the manifest and read again to reproduce the run.
 * Bad models are 422 with the JSON path the simulator's reader names.
 */
public final class RunNoise {
    /** Largest model text taken (413 beyond): the examples are under 2 KiB, a 64-qubit calibration under 20 KiB. */
    static final int MAX_MODEL_BYTES = 64 * 1024;
    static final String EXAMPLE_PREFIX = "example:";

    /** A model as read, with its canonical text. */
    public record Model(NoiseModel model, String canonicalText) {}

    private RunNoise() {}

    /**
     * The model given as {@code field} (the API field or form field, named in errors), or null
     * when the text is null or blank (an ideal run).
     */
    public static Model read(String field, String text, Circuit circuit) {
        if (text == null || text.isBlank()) return null;
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_MODEL_BYTES) {
            throw PortalException.tooLarge(field + " is " + bytes + " bytes; at most " + MAX_MODEL_BYTES + " are accepted");
        }
        String json = text.strip();
        if (json.startsWith(EXAMPLE_PREFIX)) {
            try {
                json = ExampleModels.text(json.substring(EXAMPLE_PREFIX.length()));
            } catch (NoiseException e) {
                throw RunService.unprocessable(field + ": " + e.getMessage());
            }
        }
        NoiseModel model;
        try {
            model = NoiseModelJson.read(json);
            model.check(circuit);
        } catch (NoiseException e) {
            // The reader's messages start with the JSON path inside the model ($.gate_noise[0].channel: …).
            throw RunService.unprocessable(field + ": " + e.getMessage());
        }
        return new Model(model, NoiseModelJson.canonicalText(model));
    }

    /**
     * Whether the circuit has no condition and no measurement before its trailing run of
     * measurements and barriers: the shape the noisy simulator needs for expectation values
     * (its own check, on the circuit with noise inserted, is the same, since noise goes after gates).
     */
    static boolean endsInMeasurements(Circuit circuit) {
        var ops = circuit.operations();
        int start = ops.size();
        while (start > 0 && (ops.get(start - 1) instanceof org.qise.circuit.Operation.Measure
                || ops.get(start - 1) instanceof org.qise.circuit.Operation.Barrier)) {
            start--;
        }
        for (int i = 0; i < ops.size(); i++) {
            var op = ops.get(i);
            if (op.condition() != null || (i < start && op instanceof org.qise.circuit.Operation.Measure)) return false;
        }
        return true;
    }

    /** A stored canonical text read back (it was checked when stored). */
    public static NoiseModel stored(String canonicalText) {
        return NoiseModelJson.read(canonicalText);
    }

    /**
     * How the run will be simulated, fixed when it is queued so that reproductions take the same
     * path: what {@code --method auto} picks, except that a density matrix that would not fit the
     * portal's memory for runs falls back to trajectories.
     */
    static Method method(NoiseModel model, Circuit circuit, long shots, long memoryBytes) {
        Method m;
        try {
            m = NoisySimulator.builder().model(model).shots(shots).build().resolve(circuit);
        } catch (NoiseException e) {
            throw RunService.unprocessable("noise_model: " + e.getMessage());
        }
        if (m == Method.DENSITY_MATRIX && memoryNeed(circuit.numQubits(), m.cliName()) > memoryBytes) return Method.TRAJECTORIES;
        return m;
    }

    /** Bytes a run holds: ρ of n qubits is a state of 2n qubits; trajectories and ideal runs one state of n. */
    static long memoryNeed(int qubits, String method) {
        int stateQubits = Method.DENSITY_MATRIX.cliName().equals(method) ? 2 * qubits : qubits;
        return stateQubits >= 59 ? Long.MAX_VALUE : 16L << stateQubits;
    }
}
