package org.qise.strange;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;
import org.qise.engine.Engine;
import org.qise.engine.Engines;
import org.qise.engine.QuantumState;
import org.qise.sim.Rng;
import org.redfx.strange.Complex;
import org.redfx.strange.Program;
import org.redfx.strange.QuantumExecutionEnvironment;
import org.redfx.strange.Result;

/**
 * Runs Strange programs on a QISE engine in double precision.
 *
 * <pre>{@code
 * QuantumExecutionEnvironment qee = new QiseExecutionEnvironment();
 * Result r = qee.runProgram(program);                  // as with Strange's own environment
 * Classic.setQuantumExecutionEnvironment(qee);         // Strange's algorithms run on QISE too
 * int factor = Classic.qfactor(15);
 * }</pre>
 *
 * <p>A run converts the program with {@link StrangeConverter}, applies it step by step and fills
 * a {@link QiseResult}: the final state (what {@code getProbability()} and {@code getQubits()}
 * report), a snapshot after every step that holds a ProbabilitiesGate (also handed to the gate
 * itself, as Strange does), and one measurement of all qubits.
 *
 * <p>A Measurement gate measures its qubit. When every later gate on that qubit leaves its Z
 * basis alone (controls, X, phases), measuring at the end gives the same statistics, so the
 * state is left whole and {@code getProbability()} shows the full distribution, as in Strange.
 * Otherwise the qubit is collapsed at that step with the environment's random stream, as a
 * device would.
 *
 * <p>With a seed, the n-th run of an environment always gives the same result.
 */
public final class QiseExecutionEnvironment implements QuantumExecutionEnvironment {
    /** Strange's Result keeps 2^n Complex objects (about 24 bytes each): 2^26 of them is 1.5 GiB. */
    public static final int MAX_QUBITS = 26;

    private final Engine engine;
    private final long seed;
    private final AtomicLong runs = new AtomicLong();

    /** The default engine on all cores, with a random seed. */
    public QiseExecutionEnvironment() {
        this(Engines.DEFAULT, 0, new SecureRandom().nextLong());
    }

    /** The default engine on all cores, with a fixed seed for the measurements. */
    public QiseExecutionEnvironment(long seed) {
        this(Engines.DEFAULT, 0, seed);
    }

    /**
     * @param engineName an engine from {@link Engines#names()}
     * @param threads    threads for the engine; 0 means all cores
     * @param seed       fixes every random choice (mid-program collapses, the final measurement)
     */
    public QiseExecutionEnvironment(String engineName, int threads, long seed) {
        // One engine for every run: a parallel engine owns a thread pool, worth creating once.
        this.engine = Engines.create(engineName, threads);
        this.seed = seed;
    }

    /** The seed this environment draws its measurements from. */
    public long seed() { return seed; }

    /**
     * Runs the program and returns its result (also stored with {@code program.setResult}).
     *
     * @throws StrangeConversionException when a step holds a gate that cannot be converted
     */
    @Override
    public QiseResult runProgram(Program program) {
        ConvertedProgram converted = convert(program);
        return execute(program, converted, Rng.stream(seed, runs.getAndIncrement()));
    }

    /**
     * Runs the program on a new thread and hands the result to {@code callback}, as Strange's
     * environment does. The program is converted first, on the caller's thread, so a program
     * that cannot run fails here with a {@link StrangeConversionException}.
     */
    @Override
    public void runProgram(Program program, Consumer<Result> callback) {
        ConvertedProgram converted = convert(program);
        Rng rng = Rng.stream(seed, runs.getAndIncrement());
        Thread worker = new Thread(() -> callback.accept(execute(program, converted, rng)), "qise-strange-run");
        worker.start();
    }

    private static ConvertedProgram convert(Program program) {
        if (program.getNumberQubits() > MAX_QUBITS) {
            throw new StrangeConversionException(-1, "the program has " + program.getNumberQubits() + " qubits; a Strange Result holds"
                    + " the state as 2^n Complex objects, so this environment runs at most " + MAX_QUBITS
                    + " (StrangeConverter.toCircuit and a QISE Simulator take more)");
        }
        return StrangeConverter.convert(program);
    }

    private QiseResult execute(Program program, ConvertedProgram converted, Rng rng) {
        int n = converted.numQubits();
        List<Operation> all = new ArrayList<>();
        for (ConvertedProgram.ConvertedStep s : converted.steps()) all.addAll(s.operations());
        try (QuantumState state = engine.allocate(n)) {
            state.applyAll(converted.preparation());
            double[] initial = state.amplitudes();
            Map<Integer, Complex[]> snapshots = new HashMap<>();
            int position = 0;
            // Gates wait in one list until a snapshot or a collapse needs the state, so that the
            // engine can fuse gates across Strange's (often one-gate) steps.
            List<Operation.GateOp> pending = new ArrayList<>();
            for (ConvertedProgram.ConvertedStep step : converted.steps()) {
                for (Operation op : step.operations()) {
                    position++;
                    if (op instanceof Operation.GateOp g) {
                        pending.add(g);
                    } else if (op instanceof Operation.Measure m && observedLater(all, position, m.qubit())) {
                        state.applyAll(pending);
                        pending.clear();
                        collapse(state, m.qubit(), rng);
                    }
                }
                if (step.wantsSnapshot()) {
                    state.applyAll(pending);
                    pending.clear();
                    Complex[] v = QiseResult.toComplex(state.amplitudes());
                    snapshots.put(step.index(), v);
                    step.probabilities().forEach(p -> p.setProbabilites(v));
                }
            }
            state.applyAll(pending);
            QiseResult result = new QiseResult(n, converted.steps().size(), initial, snapshots, state.amplitudes(), rng);
            result.measureSystem();
            program.setResult(result);
            return result;
        }
    }

    private static void collapse(QuantumState state, int qubit, Rng rng) {
        double p1 = state.probabilityOfOne(qubit);
        int outcome = rng.nextDouble() < p1 ? 1 : 0;
        state.collapse(qubit, outcome, outcome == 1 ? p1 : 1 - p1);
    }

    /**
     * Whether a gate after position {@code from} could tell a measurement of {@code qubit} from
     * none: one that does not map each Z eigenstate of the qubit to a Z eigenstate, the same way
     * whatever the other qubits hold. Gates that do (controls on it, X, Z, phases) commute with
     * the measurement, so it can wait until the end.
     */
    static boolean observedLater(List<Operation> ops, int from, int qubit) {
        for (int k = from; k < ops.size(); k++) {
            if (ops.get(k) instanceof Operation.GateOp g && !keepsBasisOf(g, qubit)) return true;
        }
        return false;
    }

    private static boolean keepsBasisOf(Operation.GateOp op, int qubit) {
        int[] qs = op.qubits();
        int position = -1;
        for (int j = 0; j < qs.length; j++) if (qs[j] == qubit) position = j;
        if (position < 0) return true;
        Matrix m = op.gate().matrix();
        int bit = 1 << position;
        int flip = -1; // whether the gate flips the qubit: must be the same for every entry
        for (int r = 0; r < m.dim(); r++) {
            for (int c = 0; c < m.dim(); c++) {
                if (m.re(r, c) == 0 && m.im(r, c) == 0) continue;
                int f = ((r ^ c) & bit) != 0 ? 1 : 0;
                if (flip >= 0 && f != flip) return false;
                flip = f;
            }
        }
        return true;
    }
}
