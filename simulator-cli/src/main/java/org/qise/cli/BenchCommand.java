package org.qise.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.qise.bench.Bench;
import org.qise.bench.BenchOptions;
import org.qise.bench.BenchReport;
import org.qise.bench.CircuitFiles;
import org.qise.engine.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code qise bench}: the benchmark suite of {@link Bench}, as a table or as JSON. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = QiseMain.VersionInfo.class,
        description = {"Time the fast engine on the standard workloads (h, u3, cx, qft, qcbm, random, strange-layers),",
                "against this machine's memory bandwidth, the exact engine and (up to 16 qubits) Strange.",
                "Progress goes to stderr; the report to stdout."})
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    QiseMain main;

    @Option(names = "--quick", description = "A run under a minute (smaller states, fewer repetitions).")
    boolean quick;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--qubits", split = ",", paramLabel = "N", description = "State sizes (default 20,24,26; quick: 16,20).")
    List<Integer> qubits;

    @Option(names = "--threads", split = ",", paramLabel = "T", description = "Thread counts (default 1 and all cores).")
    List<Integer> threads;

    @Option(names = "--workloads", split = ",", paramLabel = "W", description = "Workloads to run (default all).")
    List<String> workloads;

    @Option(names = "--precision", split = ",", paramLabel = "P",
            description = "Amplitude precisions of the fast engine: single, double or single,double (each workload in both, with their ratio); default double.")
    List<String> precision;

    @Option(names = "--no-exact", description = "Do not time the exact engine.")
    boolean noExact;

    @Option(names = "--no-strange", description = "Do not time Strange.")
    boolean noStrange;

    @Option(names = "--noisy", description = "Run the noisy workloads instead: qcbm trajectories with depolarizing after every gate, and density matrices against state vectors of twice the qubits.")
    boolean noisy;

    @Option(names = "--gradient", description = "Time the adjoint gradient of a hardware-efficient ansatz (5 layers, 10 parameters per qubit; --qubits, default 20, quick: 16) against one forward pass, and print their ratio.")
    boolean gradient;

    @Option(names = "--write-circuits", paramLabel = "DIR",
            description = "Time nothing: write the circuit workloads (--workloads, --qubits) into DIR as OpenQASM 2.0 (<workload>-<n>.qasm) and in qsim's circuit format (<workload>-<n>.qsim), so that other simulators can run the same gates and angles.")
    java.nio.file.Path writeCircuits;

    @Override
    public Integer call() {
        if (writeCircuits != null) return writeCircuits();
        if (gradient) {
            List<Integer> t = threads != null ? threads : List.of(1, Runtime.getRuntime().availableProcessors());
            List<Integer> ns = qubits != null ? qubits : List.of(quick ? 16 : 20);
            List<String> rows = new java.util.ArrayList<>();
            for (int n : ns) {
                if (n < 2 || n > 26) throw new UserError("--qubits: the gradient benchmark needs 2 to 26 qubits, got " + n);
                for (int th : t) {
                    var f = org.qise.bench.ParametersBench.gradient(n, th);
                    main.err().println("bench: " + f.line());
                    rows.add(json ? f.json() : f.line());
                }
            }
            main.out().println(json ? "{\"gradient\":[" + String.join(",", rows) + "]}" : String.join(System.lineSeparator(), rows));
            return QiseMain.OK;
        }
        if (noisy) {
            List<Integer> t = threads != null ? threads : List.of(1, Runtime.getRuntime().availableProcessors());
            var rows = org.qise.bench.NoiseBench.run(quick, t, line -> main.err().println("bench: " + line));
            main.out().println(json ? org.qise.bench.NoiseBench.json(rows) : org.qise.bench.NoiseBench.table(rows));
            return QiseMain.OK;
        }
        BenchOptions o = quick ? BenchOptions.quickRun() : BenchOptions.defaults();
        try {
            if (qubits != null) o = o.withQubits(qubits);
            if (threads != null) o = o.withThreads(threads);
            if (workloads != null) o = o.withWorkloads(workloads);
            if (precision != null) {
                List<Precision> ps = new java.util.ArrayList<>();
                for (String p : precision) ps.add(Precision.parse(p));
                o = o.withPrecisions(ps);
            }
            o = o.withComparisons(o.compareExact() && !noExact, o.compareStrange() && !noStrange);
        } catch (IllegalArgumentException e) {
            throw new UserError((e.getMessage().contains("precision") ? "--precision: " : "") + e.getMessage());
        }
        var err = main.err();
        BenchReport report = Bench.run(o.withProgress(line -> err.println("bench: " + line)));
        main.out().println(json ? report.toJson() : report.toTable());
        return QiseMain.OK;
    }

    private int writeCircuits() {
        BenchOptions o = quick ? BenchOptions.quickRun() : BenchOptions.defaults();
        try {
            if (qubits != null) o = o.withQubits(qubits);
            o = o.withWorkloads(workloads != null ? workloads : CircuitFiles.EVERY_CIRCUIT);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        CircuitFiles.Written written;
        try {
            written = CircuitFiles.write(writeCircuits, o.workloads(), o.qubits());
        } catch (java.io.IOException e) {
            throw new UserError("--write-circuits: cannot write into " + writeCircuits + ": " + e.getMessage());
        }
        if (!written.leftOut().isEmpty()) {
            main.err().println("bench: " + String.join(", ", written.leftOut()) + ": single-gate passes, not circuits; not written");
        }
        for (java.nio.file.Path f : written.files()) main.out().println(f);
        return QiseMain.OK;
    }
}
