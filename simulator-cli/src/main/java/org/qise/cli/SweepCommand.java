package org.qise.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.qise.circuit.Circuit;
import org.qise.engine.Engines;
import org.qise.sim.PauliSum;
import org.qise.sweep.PointsFile;
import org.qise.sweep.Sweep;
import org.qise.sweep.SweepAxis;
import org.qise.sweep.SweepFormat;
import org.qise.sweep.SweepMerge;
import org.qise.sweep.SweepPlot;
import org.qise.sweep.SweepPoints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qise sweep FILE --param theta=0:2*pi:64 …}: runs a parametric circuit at every point of
 * a grid (or of a table of points) and writes one row per point. See docs/parameters.md.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = QiseMain.VersionInfo.class,
        description = {"Run an OpenQASM 2.0 circuit whose gate angles name parameters over a grid of values.",
        "The --param names may appear in gate arguments of FILE, e.g. rx(2*theta) q[0];"})
final class SweepCommand implements Callable<Integer> {

    @ParentCommand
    QiseMain main;

    @Mixin
    CircuitSource source;

    @Option(names = "--param", paramLabel = "NAME=VALUES",
            description = "A swept parameter: NAME=START:STOP:COUNT (COUNT points, both ends included), NAME=V1,V2,… or NAME=V. Repeatable; the last varies fastest.")
    List<String> params = new ArrayList<>();

    @Option(names = "--points", paramLabel = "POINTS.csv", description = "Explicit points instead of --param: a line of names, then one line of values per point.")
    String pointsFile;

    @Option(names = "--expect", paramLabel = "PAULIS", description = "Expectation value of a Pauli sum at each point, e.g. \"Z0 Z1\"; repeatable.")
    List<String> expect = new ArrayList<>();

    @Option(names = "--shots", paramLabel = "N", defaultValue = "0", description = "Shots per point; counts are reported when N > 0 (default ${DEFAULT-VALUE}).")
    long shots;

    @Option(names = "--probabilities", description = "Also report every basis state's probability at each point.")
    boolean probabilities;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the sweep; point p samples with a stream derived from (S, p). Default: random, and written in the header.")
    Long seed;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", description = "csv or jsonl (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only shard I of N (I from 1): points I-1, I-1+N, … Merge the shard files with --merge.")
    String shard;

    @Option(names = "--merge", arity = "1..*", paramLabel = "FILE", description = "Join shard files into the output one run would give.")
    List<Path> merge;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write the rows to OUT instead of standard output.")
    String output;

    @Option(names = "--plot", paramLabel = "OUT.svg", description = "Also draw the expectation values: lines for one parameter, a heat map for two.")
    String plot;

    @Option(names = "--noise", paramLabel = "MODEL",
            description = "Run every point under this noise model (JSON file or example:NAME, see docs/noise.md); its trajectories draw from the point's stream.")
    String noise;

    @Option(names = "--method", paramLabel = "METHOD", description = "With --noise: trajectories or density-matrix (default: chosen as qise run --noise does).")
    String method;

    @Option(names = "--engine", paramLabel = "NAME", description = "Simulation engine (default: ${DEFAULT-VALUE}).")
    String engine = Engines.DEFAULT;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "0",
            description = "Threads: points run side by side on T threads; 0 = all cores (default). Output does not depend on T.")
    int threads;

    @Option(names = "--spark", arity = "0..1", fallbackValue = "", paramLabel = "MASTER",
            description = "Run the points as an Apache Spark job (module qise-spark): on MASTER (local[N], spark://HOST:PORT, yarn…), or, without MASTER, on the one spark-submit configured.")
    String spark;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "0",
            description = "With --spark: cut the points into P partitions (default: Spark's default parallelism).")
    int partitions;

    @Override
    public Integer call() {
        if (merge != null) return merge();
        SweepFormat fmt = format();
        if (partitions < 0) throw new UserError("--partitions must be 0 (Spark's default) or more, got " + partitions);
        if (threads < 0) throw new UserError("--threads must be 0 (all cores) or more, got " + threads);
        if (shots < 0 || shots > Integer.MAX_VALUE - 8) throw new UserError("--shots must be between 0 and " + (Integer.MAX_VALUE - 8) + ", got " + shots);
        if (!Engines.names().contains(engine)) throw new UserError("unknown engine '" + engine + "'; choose one of " + String.join(", ", Engines.names()));
        if (expect.isEmpty() && shots == 0 && !probabilities) {
            throw new UserError("nothing to report at each point: give --expect PAULIS, --shots N or --probabilities");
        }
        if (!source.given()) throw new UserError("no circuit given: name an OpenQASM file (or - for standard input)");
        SweepPoints points = points();
        int[] shardSpec = shard == null ? null : Shards.parse(shard);
        if (shardSpec != null && seed == null) throw new UserError("--shard needs --seed, so that every shard belongs to the same sweep");
        if (shardSpec != null && plot != null) throw new UserError("--plot draws a whole sweep; plot after merging, or run without --shard");
        Circuit circuit = source.read(main.in(), new LinkedHashSet<>(points.names()));
        List<PauliSum> sums = new ArrayList<>();
        for (String text : expect) {
            try {
                sums.add(PauliSum.parse(text));
            } catch (IllegalArgumentException e) {
                throw new UserError("bad --expect \"" + text + "\": " + e.getMessage());
            }
        }
        long actualSeed = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
        String noiseText = noiseText(circuit);
        Sweep sweep;
        try {
            sweep = new Sweep(circuit, points, new Sweep.Settings(sums, shots, actualSeed, engine, probabilities, noiseText, method));
        } catch (IllegalArgumentException e) {
            throw new UserError(source.displayName() + ": " + e.getMessage());
        }
        if (probabilities && circuit.numQubits() > 20) throw new UserError("--probabilities lists 2^n values per point; it is limited to 20 qubits");
        int[] indices = shardSpec == null ? allPoints(points.size()) : Sweep.shardIndices(points.size(), shardSpec[0], shardSpec[1]);
        List<String> expectNames = sums.stream().map(PauliSum::toString).toList();
        List<Sweep.PointResult> kept = new ArrayList<>();
        org.qise.task.ClusterRunner cluster = spark == null ? null : Shards.spark(spark);
        ProgressLine progress = main.interactive() ? new ProgressLine(main.err(), System::nanoTime) : null;
        try (PrintStream out = output == null ? null : open(output)) {
            PrintStream to = out != null ? out : main.out();
            to.print(fmt.header(new SweepFormat.Header(sweep.id(), points.size(), actualSeed,
                    shardSpec == null ? 0 : shardSpec[0], shardSpec == null ? 0 : shardSpec[1])) + "\n");
            String columns = fmt.columns(points.names(), expectNames, shots > 0, probabilities);
            if (columns != null) to.print(columns + "\n");
            java.util.function.Consumer<Sweep.PointResult> sink = r -> {
                to.print(fmt.row(r, points.names(), expectNames, shots > 0) + "\n");
                if (plot != null) kept.add(r);
            };
            if (spark != null) {
                List<org.qise.task.Task> tasks = new ArrayList<>();
                for (int p : indices) tasks.add(sweep.task(p, false));
                for (org.qise.task.TaskResult r : cluster.run(tasks, spark, partitions)) {
                    sink.accept(new Sweep.PointResult((int) r.index(), r.paramValues(), r.expectations(), r.counts(), r.probabilities()));
                }
            } else {
                sweep.run(indices, threads, sink, progress != null ? progress : (d, t, w) -> { });
            }
            to.flush();
        } catch (IllegalArgumentException e) {
            throw new UserError(source.displayName() + ": " + e.getMessage());
        } finally {
            if (progress != null) progress.clear();
        }
        if (plot != null) {
            try {
                OutputFiles.write(plot, SweepPlot.svg(points, expectNames, kept, source.displayName()));
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        return QiseMain.OK;
    }

    private int merge() {
        if (source.given() || !params.isEmpty() || pointsFile != null || shard != null) {
            throw new UserError("--merge joins finished shard files; give it only the files (and -o OUT)");
        }
        String merged;
        try {
            merged = SweepMerge.merge(merge);
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

    /** The noise model's canonical text (null without --noise), after checking the options that go with it. */
    private String noiseText(Circuit circuit) {
        if (noise == null) {
            if (method != null) throw new UserError("--method needs --noise");
            return null;
        }
        if (!engine.equals(Engines.DEFAULT)) throw new UserError("noisy sweeps use the " + Engines.DEFAULT + " engine; drop --engine " + engine);
        if (probabilities) throw new UserError("--probabilities is not available with --noise");
        if (method != null) {
            try {
                if (org.qise.noise.run.Method.fromCliName(method) == org.qise.noise.run.Method.AUTO) method = null;
            } catch (IllegalArgumentException e) {
                throw new UserError("--method: " + e.getMessage());
            }
        }
        org.qise.noise.NoiseModel model = NoisyRun.readModel(noise);
        try {
            model.check(circuit);
        } catch (org.qise.noise.NoiseException e) {
            throw new UserError("--noise " + noise + ": " + e.getMessage());
        }
        return org.qise.noise.NoiseModelJson.canonicalText(model);
    }

    private SweepFormat format() {
        return switch (format) {
            case "csv" -> SweepFormat.CSV;
            case "jsonl" -> SweepFormat.JSONL;
            default -> throw new UserError("--format must be csv or jsonl, got '" + format + "'");
        };
    }

    private SweepPoints points() {
        if (pointsFile != null && !params.isEmpty()) throw new UserError("give either --param or --points, not both");
        if (pointsFile != null) {
            try {
                return PointsFile.parse(Files.readString(Path.of(pointsFile), StandardCharsets.UTF_8), pointsFile);
            } catch (NoSuchFileException e) {
                throw new UserError("cannot read '" + pointsFile + "': no such file");
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new UserError("cannot read '" + pointsFile + "': " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        if (params.isEmpty()) throw new UserError("nothing to sweep: give --param NAME=START:STOP:COUNT (or --points POINTS.csv)");
        List<SweepAxis> axes = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String spec : params) {
            SweepAxis a;
            try {
                a = SweepAxis.parse(spec);
            } catch (IllegalArgumentException e) {
                throw new UserError("bad --param '" + spec + "': " + e.getMessage());
            }
            if (!names.add(a.name())) throw new UserError("parameter " + a.name() + " is given twice (--param " + spec + ")");
            axes.add(a);
        }
        try {
            return SweepPoints.grid(axes);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static int[] allPoints(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
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
