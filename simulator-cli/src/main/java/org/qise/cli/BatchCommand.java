package org.qise.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.qise.batch.Batch;
import org.qise.batch.BatchHeader;
import org.qise.batch.BatchMerge;
import org.qise.circuit.Circuit;
import org.qise.engine.Engines;
import org.qise.noise.NoiseModelJson;
import org.qise.qasm.QasmException;
import org.qise.qasm.QasmParser;
import org.qise.qasm3.Qasm3Reader;
import org.qise.sim.Manifest;
import org.qise.sim.PauliSum;
import org.qise.sweep.Sweep;
import org.qise.task.OrderedRun;
import org.qise.task.Task;
import org.qise.task.TaskOptions;
import org.qise.task.TaskResult;
import org.qise.task.TaskRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qise batch FILES… --shots N --seed S}: runs many circuits with the same options and
 * writes one JSON line per circuit; {@code --shard I/N} runs one piece of a job array and
 * {@code --merge} joins the pieces. See docs/batch.md.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, versionProvider = QiseMain.VersionInfo.class,
        description = {"Run many OpenQASM circuits (2.0 or 3) with the same options; one JSON line per circuit.",
        "Circuit k samples with a stream derived from (seed, k): shards and Spark partitions give the same bytes."})
final class BatchCommand implements Callable<Integer> {

    @ParentCommand
    QiseMain main;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "OpenQASM files, one task each, in the order given.")
    List<String> files = new ArrayList<>();

    @Option(names = "--expect", paramLabel = "PAULIS", description = "Expectation value of a Pauli sum for each circuit, e.g. \"Z0 Z1\"; repeatable.")
    List<String> expect = new ArrayList<>();

    @Option(names = "--shots", paramLabel = "N", defaultValue = "0", description = "Shots per circuit; counts are reported when N > 0 (default ${DEFAULT-VALUE}).")
    long shots;

    @Option(names = "--probabilities", description = "Also report every basis state's probability.")
    boolean probabilities;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the batch; circuit k samples with a stream derived from (S, k). Default: random, written in the header.")
    Long seed;

    @Option(names = "--noise", paramLabel = "MODEL", description = "Run every circuit under this noise model (JSON file or example:NAME, see docs/noise.md).")
    String noise;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only shard I of N (I from 1): circuits I-1, I-1+N, … Join the shard files with --merge.")
    String shard;

    @Option(names = "--merge", arity = "1..*", paramLabel = "FILE", description = "Join shard files into the output one run would give.")
    List<Path> merge;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write the lines to OUT instead of standard output.")
    String output;

    @Option(names = "--engine", paramLabel = "NAME", description = "Simulation engine (default: ${DEFAULT-VALUE}).")
    String engine = Engines.DEFAULT;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "0",
            description = "Threads: circuits run side by side on T threads; 0 = all cores (default). Output does not depend on T.")
    int threads;

    @Option(names = "--spark", arity = "0..1", fallbackValue = "", paramLabel = "MASTER",
            description = "Run the circuits as an Apache Spark job (module qise-spark): on MASTER (local[N], spark://HOST:PORT, yarn…), or, without MASTER, on the one spark-submit configured.")
    String spark;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "0",
            description = "With --spark: cut the circuits into P partitions (default: Spark's default parallelism).")
    int partitions;

    @Override
    public Integer call() {
        if (merge != null) return merge();
        if (threads < 0) throw new UserError("--threads must be 0 (all cores) or more, got " + threads);
        if (partitions < 0) throw new UserError("--partitions must be 0 (Spark's default) or more, got " + partitions);
        if (shots < 0 || shots > Integer.MAX_VALUE - 8) throw new UserError("--shots must be between 0 and " + (Integer.MAX_VALUE - 8) + ", got " + shots);
        if (!Engines.names().contains(engine)) throw new UserError("unknown engine '" + engine + "'; choose one of " + String.join(", ", Engines.names()));
        if (files.isEmpty()) throw new UserError("no circuits given: name one or more OpenQASM files");
        int[] shardSpec = shard == null ? null : Shards.parse(shard);
        if (shardSpec != null && seed == null) throw new UserError("--shard needs --seed, so that every shard belongs to the same batch");
        List<PauliSum> sums = new ArrayList<>();
        for (String text : expect) {
            try {
                sums.add(PauliSum.parse(text));
            } catch (IllegalArgumentException e) {
                throw new UserError("bad --expect \"" + text + "\": " + e.getMessage());
            }
        }
        String noiseText = noise == null ? null : NoiseModelJson.canonicalText(NoisyRun.readModel(noise));
        if (noiseText != null && probabilities) throw new UserError("--probabilities is not available with --noise in a batch");
        int maxQubits = 0;
        List<Batch.Circuit> circuits = new ArrayList<>();
        for (String file : files) {
            Circuit c = read(file);
            for (PauliSum s : sums) {
                if (s.maxQubit() >= c.numQubits()) {
                    throw new UserError(file + ": --expect '" + s + "' acts on qubit " + s.maxQubit() + " but the circuit has " + c.numQubits() + " qubit(s)");
                }
            }
            if (probabilities && c.numQubits() > 20) throw new UserError(file + ": --probabilities lists 2^n values; it is limited to 20 qubits");
            maxQubits = Math.max(maxQubits, c.numQubits());
            circuits.add(new Batch.Circuit(file, Manifest.canonicalText(c)));
        }
        long actualSeed = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
        Batch batch = new Batch(circuits, noiseText,
                new TaskOptions(sums.stream().map(PauliSum::toString).toList(), shots, engine, probabilities, true), actualSeed);
        int[] indices = shardSpec == null ? Sweep.shardIndices(files.size(), 1, 1) : Sweep.shardIndices(files.size(), shardSpec[0], shardSpec[1]);
        List<Task> tasks = new ArrayList<>();
        for (int i : indices) tasks.add(batch.tasks().get(i));
        org.qise.task.ClusterRunner cluster = spark == null ? null : Shards.spark(spark);
        ProgressLine progress = main.interactive() && spark == null ? new ProgressLine(main.err(), System::nanoTime) : null;
        try (PrintStream out = output == null ? null : open(output)) {
            PrintStream to = out != null ? out : main.out();
            to.print(new BatchHeader(batch.id(), files.size(), actualSeed,
                    shardSpec == null ? 0 : shardSpec[0], shardSpec == null ? 0 : shardSpec[1]).line() + "\n");
            if (spark != null) {
                for (TaskResult r : cluster.run(tasks, spark, partitions)) to.print(r.jsonLine() + "\n");
            } else {
                TaskRunner runner = new TaskRunner();
                int workers = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
                // side by side only while many states fit in memory at once (as qise sweep)
                boolean sideBySide = workers > 1 && tasks.size() >= workers && maxQubits <= 20;
                OrderedRun.run(tasks.size(), sideBySide ? workers : 1, i -> run(runner, tasks.get(i), sideBySide ? 1 : threads),
                        r -> to.print(r.jsonLine() + "\n"), progress != null ? progress : (d, t, w) -> { }, "circuits");
            }
            to.flush();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        } finally {
            if (progress != null) progress.clear();
        }
        return QiseMain.OK;
    }

    private static TaskResult run(TaskRunner runner, Task t, int engineThreads) {
        try {
            return runner.run(t, engineThreads);
        } catch (IllegalArgumentException e) {
            throw new UserError(t.name() + ": " + e.getMessage(), e);
        }
    }

    private Circuit read(String file) {
        String source;
        try {
            Path path = Path.of(file);
            if (Files.isDirectory(path)) throw new UserError("cannot read '" + file + "': it is a directory, not an OpenQASM file");
            source = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (NoSuchFileException e) {
            throw new UserError("cannot read '" + file + "': no such file");
        } catch (CharacterCodingException e) {
            throw new UserError("cannot read '" + file + "': it is not UTF-8 text (OpenQASM files are plain text)");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new UserError("cannot read '" + file + "': " + e.getMessage());
        }
        try {
            return Qasm3Reader.isQasm3(source) ? Qasm3Reader.read(source, file, org.qise.qasm.ParseLimits.DEFAULT, java.util.Map.of()).circuit()
                    : QasmParser.parse(source, file);
        } catch (QasmException e) {
            throw new UserError(CircuitSource.withSourceLine(e, source), e);
        }
    }

    private int merge() {
        if (!files.isEmpty() || shard != null || spark != null) {
            throw new UserError("--merge joins finished shard files; give it only the files (and -o OUT)");
        }
        String merged;
        try {
            merged = BatchMerge.merge(merge);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (output == null) {
            main.out().print(merged);
        } else {
            try (PrintStream out = open(output)) {
                out.print(merged);
            }
        }
        return QiseMain.OK;
    }

    private static PrintStream open(String file) {
        try {
            OutputStream o = Files.newOutputStream(Path.of(file));
            return new PrintStream(new java.io.BufferedOutputStream(o, 1 << 16), false, StandardCharsets.UTF_8);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new UserError("cannot write '" + file + "': " + e.getMessage());
        }
    }
}
