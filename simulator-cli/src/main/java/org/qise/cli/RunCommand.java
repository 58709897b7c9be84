package org.qise.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qise.circuit.Circuit;
import org.qise.draw.Histogram;
import org.qise.engine.Engines;
import org.qise.engine.Precision;
import org.qise.engine.mpi.MpiEngine;
import org.qise.sim.MemoryNeed;
import org.qise.sim.PauliSum;
import org.qise.sim.Result;
import org.qise.sim.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qise run FILE}: simulates a circuit and prints counts (and, on request, the state
 * vector, probabilities, expectation values and marginals), for people or as JSON.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = QiseMain.VersionInfo.class,
        description = {"Simulate an OpenQASM circuit (2.0, or 3 by its header) and print the measurement counts.",
        "With no FILE, lists the bundled examples (run one with --example NAME)."})
final class RunCommand implements Callable<Integer> {
    /** The largest state that --statevector and --probabilities print (2^26 amplitudes, ~1 GiB of JSON). */
    static final int MAX_LISTED_QUBITS = 26;

    @ParentCommand
    QiseMain main;

    @Mixin
    CircuitSource source;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "Value of an OpenQASM 3 input (input float[64] theta;), e.g. theta=0.3; repeatable.")
    java.util.Map<String, Double> params = new java.util.LinkedHashMap<>();

    @Option(names = "--shots", paramLabel = "N", defaultValue = "1024", description = "Number of shots (default ${DEFAULT-VALUE}).")
    long shots;

    @Option(names = "--seed", paramLabel = "S", description = "Seed for every random choice; the same seed gives the same counts. Default: random, and reported.")
    Long seed;

    @Option(names = "--json", description = "Print one JSON object instead of the human report.")
    boolean json;

    @Option(names = "--statevector", description = "Also give the final state vector (circuits without measurement only).")
    boolean statevector;

    @Option(names = "--probabilities", description = "Also give the probability of each basis state (before the final measurements).")
    boolean probabilities;

    @Option(names = "--expect", paramLabel = "PAULIS", description = "Expectation value of a Pauli sum such as \"Z0 Z1\" or \"0.5 X0 + Y1\"; repeatable.")
    List<String> expect = new ArrayList<>();

    @Option(names = "--marginal", paramLabel = "QUBITS", description = "Marginal distribution of these qubits, e.g. 0,2; repeatable, one distribution each.")
    List<String> marginal = new ArrayList<>();

    @Option(names = "--engine", paramLabel = "NAME", completionCandidates = EngineNames.class,
            description = "Simulation engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String engine = Engines.DEFAULT;

    /** The engine names for help and shell completion, whatever engines the build has. */
    static final class EngineNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Engines.names().iterator();
        }
    }

    @Option(names = "--threads", paramLabel = "T", defaultValue = "0", description = "Threads for the engine; 0 = all cores (default).")
    int threads;

    @Option(names = "--precision", paramLabel = "P", defaultValue = "double",
            description = "Amplitudes in single (complex64: half the memory, one more qubit) or double (complex128) precision; default ${DEFAULT-VALUE}. Single needs the fast engine and no noise.")
    String precision = "double";

    @Option(names = "--mpi-split", paramLabel = "G",
            description = "With --engine mpi: plan for G global qubits whatever the rank count, so that runs with the same G are bit-identical on every rank count up to 2^G (default: QISE_MPI_SPLIT, else 10).")
    Integer mpiSplit;

    @Option(names = "--explain", description = "Print the compiled plan (stages, fused blocks and widths, kernels, modelled cost) instead of running.")
    boolean explain;

    @Option(names = "--histogram", paramLabel = "OUT.svg", description = "Also write the counts as an SVG bar chart.")
    String histogram;

    @Option(names = "--push", description = "Also push the result to a QISE portal, which reproduces it (needs --portal and a token).")
    boolean push;

    @Option(names = "--portal", paramLabel = "URL", description = "The portal to push to, e.g. https://qise.example.org.")
    String portal;

    @Option(names = "--token", paramLabel = "TOKEN", description = "API token for --push (default: the QISE_TOKEN environment variable).")
    String token;

    @Option(names = "--noise", paramLabel = "MODEL", description = "Simulate with noise: a noise-model JSON file (docs/noise.md) or example:NAME (depolarizing, thermal, device-5q).")
    String noise;

    @Option(names = "--method", paramLabel = "M", description = "With noise: auto (default), density-matrix or trajectories.")
    String method;

    @Option(names = "--density-matrix", description = "Also print the final density matrix (density-matrix method, at most 8 qubits).")
    boolean densityMatrix;

    @Override
    public Integer call() {
        if (!source.given()) {
            listExamples();
            return QiseMain.OK;
        }
        checkOptions();
        // On a lean JVM (no Vector API, see LeanStart) hand back what needs vectors before printing anything;
        // standard input can be read only once, so a circuit from it goes straight to the full JVM.
        boolean lean = LeanStart.active();
        if (lean && "-".equals(source.file)) return LeanStart.NEEDS_VECTOR_API;
        Circuit circuit = source.read(main.in(), params);
        if (lean && !LeanStart.fitsWithoutVectors(engine, precision, circuit.numQubits(),
                noise != null || method != null || densityMatrix || explain || mpiSplit != null)) {
            return LeanStart.NEEDS_VECTOR_API;
        }
        source.notes.forEach(n -> main.err().println("qise: note: " + n));
        source.requireAllInputs(circuit);
        List<PauliSum> sums = parseExpectations(circuit);
        List<int[]> marginals = new ArrayList<>();
        for (String m : marginal) marginals.add(checkMarginal(m, circuit));
        if (noise != null || method != null || densityMatrix) {
            if (method != null && noise == null) throw new UserError("--method chooses how noise is simulated; it goes with --noise");
            if (precision() == Precision.SINGLE) {
                throw new UserError("--precision single does not go with --noise, --method or --density-matrix: noisy runs compute in double precision only");
            }
            return NoisyRun.run(this, circuit, sums);
        }
        checkStateListing(circuit);
        boolean needsState = statevector || probabilities || !sums.isEmpty() || !marginals.isEmpty();
        if (explain) {
            try (Simulator simulator = simulatorBuilder(false).build()) {
                main.out().println("circuit  " + source.displayName() + ": " + circuit.numQubits() + " qubits, " + circuit.numClbits() + " classical bits");
                main.out().print(simulator.explain(circuit));
            }
            return QiseMain.OK;
        }

        long start = System.nanoTime();
        // The engine's threads serve the run and the reports computed from its state, then end.
        try (Simulator simulator = simulatorBuilder(needsState).build(); Result result = simulate(simulator, circuit)) {
            double seconds = (System.nanoTime() - start) / 1e9;
            if (needsState && !result.hasState()) {
                throw new UserError("cannot give " + requestedStateOptions() + ": " + source.displayName()
                        + " measures, resets or branches mid-circuit, so each shot ends in a different state and only "
                        + "counts are available (these options need the single final state).");
            }
            RunReport report = new RunReport(source.displayName(), circuit, result, seconds);
            if (statevector) report.statevector(result.statevector());
            if (probabilities) report.probabilities(result.probabilities());
            for (PauliSum s : sums) report.expectation(s.toString(), result.expectation(s));
            for (int[] qubits : marginals) report.marginal(qubits, result.marginal(qubits));
            main.out().print(json ? report.json() : report.human(main.terminalWidth()));
            if (histogram != null) {
                OutputFiles.write(histogram, Histogram.svg(result.counts(),
                        source.displayName() + " — " + result.shots() + " shots, seed " + result.seed()));
                if (!json) main.out().println("histogram written to " + histogram);
            }
            // With --json the push report goes to stderr, so that stdout stays one JSON object.
            if (push) return PortalPush.send(report.json(), portal, token != null ? token : main.env("QISE_TOKEN"),
                    json ? main.err() : main.out());
        }
        return QiseMain.OK;
    }

    /** Runs the simulation, with a progress line while it runs when a person is watching. */
    private Result simulate(Simulator simulator, Circuit circuit) {
        sayMemoryOfLargeRun(simulator, circuit);
        ProgressLine progress = main.interactive() ? new ProgressLine(main.err(), System::nanoTime) : null;
        try {
            return progress != null ? simulator.run(circuit, progress) : simulator.run(circuit);
        } finally {
            if (progress != null) progress.clear();
        }
    }

    /** Before a run of a gigabyte or more, says on stderr what it needs and what is available. */
    private void sayMemoryOfLargeRun(Simulator simulator, Circuit circuit) {
        if (simulator.engine().bytesFor(circuit.numQubits()) < 1L << 30) return;
        MemoryNeed need = simulator.memoryNeed(circuit);
        if (need.fits()) main.err().println("qise: this run " + need.describe()); // a run that does not fit ends with this as its error

    }

    private Simulator.Builder simulatorBuilder(boolean keepState) {
        Simulator.Builder builder = Simulator.builder().engine(engine).precision(precision()).threads(threads).shots(shots).keepState(keepState);
        // The split is the mpi engine's own setting, so the engine is started here rather than found by name.
        if (mpiSplit != null) builder.engine(MpiEngine.start(threads == 0 ? Runtime.getRuntime().availableProcessors() : threads, mpiSplit));
        if (seed != null) builder.seed(seed);
        return builder;
    }

    /** --statevector and --probabilities need a single final state small enough to list. */
    private void checkStateListing(Circuit circuit) {
        if (statevector && circuit.hasMeasurements()) {
            throw new UserError("--statevector needs a circuit without measurements, but " + source.displayName()
                    + " measures qubits, so each shot ends in a different state. Remove the measure statements to get the "
                    + "state vector, or use --probabilities for the distribution before the final measurements.");
        }
        if ((statevector || probabilities) && circuit.numQubits() > MAX_LISTED_QUBITS) {
            throw new UserError("--statevector and --probabilities list every basis state, which is limited to "
                    + MAX_LISTED_QUBITS + " qubits; " + source.displayName() + " has " + circuit.numQubits()
                    + ". Use --expect or --marginal for large circuits.");
        }
    }

    private void checkOptions() {
        if (!push && (portal != null || token != null)) throw new UserError("--portal and --token only go with --push");
        if (push && (portal == null || portal.isBlank())) throw new UserError("--push needs --portal URL");
        if (push && token == null && main.env("QISE_TOKEN") == null) {
            throw new UserError("--push needs an API token: --token TOKEN, or set QISE_TOKEN");
        }
        if (shots < 0 || shots > Integer.MAX_VALUE - 8) {
            throw new UserError("--shots must be between 0 and " + (Integer.MAX_VALUE - 8) + ", got " + shots);
        }
        if (threads < 0) throw new UserError("--threads must be 0 (all cores) or more, got " + threads);
        if (!Engines.registered().contains(engine)) {
            throw new UserError("unknown engine '" + engine + "'; choose one of " + String.join(", ", Engines.registered()));
        }
        if (mpiSplit != null && !engine.equals("mpi")) throw new UserError("--mpi-split goes with --engine mpi");
        if (precision() == Precision.SINGLE && !engine.equals("fast")) {
            throw new UserError("--precision single needs --engine fast; the " + engine + " engine computes in double precision only");
        }
    }

    /** The --precision value; a bad one is a usage error that names it. */
    Precision precision() {
        try {
            return Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new UserError("--precision: " + e.getMessage());
        }
    }

    private List<PauliSum> parseExpectations(Circuit circuit) {
        List<PauliSum> sums = new ArrayList<>();
        for (String text : expect) {
            PauliSum sum;
            try {
                sum = PauliSum.parse(text);
            } catch (IllegalArgumentException e) {
                throw new UserError("bad --expect \"" + text + "\": " + e.getMessage());
            }
            if (sum.maxQubit() >= circuit.numQubits()) {
                throw new UserError("--expect \"" + text + "\" acts on qubit " + sum.maxQubit() + ", but "
                        + source.displayName() + " has " + circuit.numQubits() + " qubit(s), numbered from 0");
            }
            sums.add(sum);
        }
        return sums;
    }

    /** The qubits of one --marginal, e.g. "0,2". */
    int[] checkMarginal(String text, Circuit circuit) {
        List<Integer> qubits = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            try {
                qubits.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new UserError("--marginal \"" + text + "\": '" + part.strip() + "' is not a qubit number; give qubits like 0,2");
            }
        }
        if (qubits.size() > 24) throw new UserError("--marginal takes at most 24 qubits, got " + qubits.size());
        var seen = new HashSet<Integer>();
        for (int q : qubits) {
            if (q < 0 || q >= circuit.numQubits()) {
                throw new UserError("--marginal qubit " + q + " is out of range: " + source.displayName() + " has qubits 0 to " + (circuit.numQubits() - 1));
            }
            if (!seen.add(q)) throw new UserError("--marginal lists qubit " + q + " twice");
        }
        return qubits.stream().mapToInt(Integer::intValue).toArray();
    }

    private String requestedStateOptions() {
        Map<String, Boolean> asked = new LinkedHashMap<>();
        asked.put("--probabilities", probabilities);
        asked.put("--expect", !expect.isEmpty());
        asked.put("--marginal", !marginal.isEmpty());
        return String.join(", ", asked.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList());
    }

    private void listExamples() {
        var out = main.out();
        out.println("usage: qise run FILE.qasm [options]   (qise run --help for the options)");
        out.println();
        out.println("bundled examples, run with: qise run --example NAME");
        Map<String, String> examples = Examples.list();
        int w = examples.keySet().stream().mapToInt(String::length).max().orElse(0);
        examples.forEach((name, description) -> out.println("  " + name + " ".repeat(w - name.length()) + "  " + description));
    }
}
