package org.qise.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Operation;
import org.qise.cli.StartupCache;
import org.qise.engine.Engine;
import org.qise.engine.Engines;
import org.qise.engine.Plan;
import org.qise.engine.QuantumState;
import org.qise.gradient.AdjointGradient;
import org.qise.param.Param;
import org.qise.qasm.QasmExporter;
import org.qise.sim.PauliSum;
import org.qise.sim.Result;
import org.qise.sim.Simulator;
import org.qise.sweep.Sweep;
import org.qise.sweep.SweepAxis;
import org.qise.sweep.SweepFormat;
import org.qise.sweep.SweepPoints;

/**
 * Benchmarks of parametric circuits, as ratios measured in one JVM (see docs/parameters.md):
 * re-binding vs running, the adjoint gradient vs a forward pass, a sweep vs pre-bound runs and
 * vs separate {@code qise run} processes. Run:
 * {@code java -cp … org.qise.bench.ParametersBench [bind|grad|sweep|process]… [--threads T] [--processes N]}.
 */
public final class ParametersBench {
    private ParametersBench() {}

    /** How many {@code qise run} processes {@code process} times (after one that warms the file cache). */
    private static int processes = 20;

    public static void main(String[] args) throws Exception {
        List<String> what = new ArrayList<>();
        int threads = 1;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--threads")) threads = Integer.parseInt(args[++i]);
            else if (args[i].equals("--processes")) processes = Integer.parseInt(args[++i]);
            else what.add(args[i]);
        }
        if (what.isEmpty()) what = List.of("bind", "grad", "sweep", "process");
        cpuClock = threads == 1;
        System.out.printf(Locale.ROOT, "java %s, %d cores, threads %d, times are %s%n", Runtime.version(), Runtime.getRuntime().availableProcessors(), threads,
                cpuClock ? "CPU time of the benchmark thread" : "wall-clock time");
        for (String w : what) {
            switch (w) {
                case "bind" -> bind(threads);
                case "grad" -> grad(threads);
                case "sweep" -> sweep(threads);
                case "process" -> process(threads);
                default -> throw new IllegalArgumentException("unknown benchmark " + w);
            }
        }
    }

    /** Hardware-efficient ansatz: per layer ry and rz on every qubit (all parametric), then a CX chain. */
    static Circuit ansatz(int n, int layers) {
        CircuitBuilder b = Circuit.builder(n);
        for (int l = 0; l < layers; l++) {
            for (int q = 0; q < n; q++) b.ry(Param.of("t" + l + "_" + q), q);
            for (int q = 0; q < n; q++) b.rz(Param.of("s" + l + "_" + q), q);
            for (int q = 0; q + 1 < n; q++) b.cx(q, q + 1);
        }
        return b.build();
    }

    static Map<String, Double> randomPoint(Circuit c, long seed) {
        Random r = new Random(seed);
        Map<String, Double> m = new HashMap<>();
        for (String p : c.parameters()) m.put(p, r.nextDouble() * 2 * Math.PI);
        return m;
    }

    /** On one thread, this thread's CPU time (steadier than the wall clock on a shared machine); else the wall clock. */
    static boolean cpuClock;

    static long now() {
        return cpuClock ? java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() : System.nanoTime();
    }

    static Simulator simulator(int threads) {
        return Simulator.builder().shots(0).seed(1).threads(threads).build();
    }

    static double runSeconds(Circuit bound, int threads, PauliSum h) {
        long t = now();
        try (Result r = simulator(threads).run(bound)) {
            if (h != null) r.expectation(h);
        }
        return (now() - t) / 1e9;
    }

    /** Re-binding all angles of a 20-qubit, 400-gate circuit vs running it. */
    static void bind(int threads) {
        // 7 layers of 20 ry + 20 rz + 19 cx = 413 gates, 280 of them parametric
        Circuit c = ansatz(20, 7);
        Map<String, Double> p = randomPoint(c, 1);
        for (int i = 0; i < 2000; i++) c.bind(randomPoint(c, i)); // warm up
        int reps = 2000;
        List<Map<String, Double>> points = new ArrayList<>();
        for (int i = 0; i < reps; i++) points.add(randomPoint(c, i));
        long t = now();
        for (Map<String, Double> m : points) c.bind(m);
        double bindS = (now() - t) / 1e9 / reps;
        Circuit bound = c.bind(p);
        runSeconds(bound, threads, null);
        double run = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) run = Math.min(run, runSeconds(bound, threads, null));
        System.out.printf(Locale.ROOT, "bind     20 qubits, %d gates (%d parametric): bind %.3f ms, run %.1f ms, bind/run = %.2f%%%n",
                bound.gateCount(), c.parameters().size(), bindS * 1e3, run * 1e3, 100 * bindS / run);
        // the compiled plan re-bound (only blocks with changed gates rebuilt) vs compiled afresh vs run
        try (Engine fast = Engines.create("fast", threads)) {
            Plan plan = fast.compile(20, gates(bound));
            List<List<Operation.GateOp>> rebound = new ArrayList<>();
            for (int i = 0; i < 200; i++) rebound.add(gates(c.bind(points.get(i))));
            for (List<Operation.GateOp> g : rebound) { fast.rebind(plan, g); fast.compile(20, g); } // warm up
            t = now();
            for (List<Operation.GateOp> g : rebound) fast.rebind(plan, g);
            double rebindS = (now() - t) / 1e9 / rebound.size();
            t = now();
            for (List<Operation.GateOp> g : rebound) fast.compile(20, g);
            double compileS = (now() - t) / 1e9 / rebound.size();
            double runPlan = Double.MAX_VALUE;
            for (int i = 0; i < 4; i++) {
                try (QuantumState st = fast.allocate(20)) {
                    t = now();
                    st.run(plan);
                    runPlan = Math.min(runPlan, (now() - t) / 1e9);
                }
            }
            System.out.printf(Locale.ROOT, "rebind   20 qubits, %d gates: Circuit.bind + plan re-bind %.3f ms, + fresh compile %.3f ms, running the plan %.1f ms;"
                            + " (bind + re-bind)/run = %.2f%%, (bind + compile)/run = %.2f%%%n",
                    bound.gateCount(), (bindS + rebindS) * 1e3, (bindS + compileS) * 1e3, runPlan * 1e3,
                    100 * (bindS + rebindS) / runPlan, 100 * (bindS + compileS) / runPlan);
        }
    }

    static List<Operation.GateOp> gates(Circuit bound) {
        List<Operation.GateOp> g = new ArrayList<>();
        for (Operation op : bound.operations()) if (op instanceof Operation.GateOp x) g.add(x);
        return g;
    }

    /** Adjoint gradient of a 20-qubit ansatz with 200 parameters vs one forward pass. */
    static void grad(int threads) {
        System.out.println(gradient(20, threads).line());
    }

    /**
     * The adjoint gradient of the hardware-efficient ansatz on {@code n} qubits (5 layers, 10·n
     * parameters, ⟨Z0 Z1 + 0.5 X(n/2) + Z(n−1)⟩) against one forward pass + ⟨H⟩ on the fast
     * engine, each the best of 3, alternating; on one thread in CPU time of this thread, else
     * in wall-clock time. Also {@code qise bench --gradient}.
     */
    public static GradientFigure gradient(int n, int threads) {
        boolean clock = cpuClock;
        cpuClock = threads == 1;
        try {
            Circuit c = ansatz(n, 5);
            Map<String, Double> p = randomPoint(c, 2);
            PauliSum h = PauliSum.parse("Z0 Z1 + 0.5 X" + n / 2 + " + Z" + (n - 1));
            Circuit bound = c.bind(p);
            AdjointGradient.compute(c, p, h, threads);
            runSeconds(bound, threads, h);
            double grad = Double.MAX_VALUE, fwd = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t = now();
                AdjointGradient.compute(c, p, h, threads);
                grad = Math.min(grad, (now() - t) / 1e9);
                fwd = Math.min(fwd, runSeconds(bound, threads, h));
            }
            return new GradientFigure(n, bound.gateCount(), c.parameters().size(), threads, grad, fwd);
        } finally {
            cpuClock = clock;
        }
    }

    /** One measurement of {@link #gradient}. */
    public record GradientFigure(int qubits, int gates, int parameters, int threads, double gradientSeconds, double forwardSeconds) {
        public double ratio() { return gradientSeconds / forwardSeconds; }

        public String line() {
            return String.format(Locale.ROOT, "grad     %d qubits, %d gates, %d parameters: adjoint gradient %.3f s, forward pass + ⟨H⟩ (fast engine, %d thread(s)) %.3f s, ratio %.2f",
                    qubits, gates, parameters, gradientSeconds, threads, forwardSeconds, ratio());
        }

        public String json() {
            return String.format(Locale.ROOT, "{\"qubits\":%d,\"gates\":%d,\"parameters\":%d,\"threads\":%d,\"gradient_seconds\":%.6f,\"forward_seconds\":%.6f,\"ratio\":%.4f}",
                    qubits, gates, parameters, threads, gradientSeconds, forwardSeconds, ratio());
        }
    }

    static Circuit sweepCircuit() {
        // 16 qubits: the ansatz with every angle tied to theta or phi, so a 2-parameter sweep moves all of them
        CircuitBuilder b = Circuit.builder(16);
        for (int l = 0; l < 4; l++) {
            for (int q = 0; q < 16; q++) b.ry(Param.of("theta").times(q + 1).plus(l), q);
            for (int q = 0; q < 16; q++) b.rz(Param.of("phi").minus(q * 0.1), q);
            for (int q = 0; q + 1 < 16; q++) b.cx(q, q + 1);
        }
        return b.build();
    }

    /** A 1,000-point sweep vs 1,000 pre-bound runs of the same circuit in one JVM. */
    static void sweep(int threads) {
        Circuit c = sweepCircuit();
        SweepPoints points = SweepPoints.grid(List.of(SweepAxis.parse("theta=0:2*pi:40"), SweepAxis.parse("phi=0:1:25")));
        PauliSum h = PauliSum.parse("Z0 Z1");
        Sweep sweep = new Sweep(c, points, new Sweep.Settings(List.of(h), 100, 7, "fast", false));
        List<Circuit> bound = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) bound.add(c.bind(points.point(i)));
        int[] all = new int[points.size()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        List<String> names = points.names(), ex = List.of(h.toString());
        long[] sink = new long[1];
        // warm-up of both paths, then each measured twice in alternation; the faster of each counts
        int[] some = java.util.Arrays.copyOf(all, 200);
        sweep.run(some, threads, r -> sink[0] += SweepFormat.CSV.row(r, names, ex, true).length(), (a, b, w) -> { });
        for (int i = 0; i < 200; i++) prebound(bound.get(i), threads, h);
        double sweepS = Double.MAX_VALUE, pre = Double.MAX_VALUE;
        for (int rep = 0; rep < 2; rep++) {
            long t = now();
            sweep.run(all, threads, r -> sink[0] += SweepFormat.CSV.row(r, names, ex, true).length(), (a, b, w) -> { });
            sweepS = Math.min(sweepS, (now() - t) / 1e9);
            t = now();
            for (Circuit b : bound) sink[0] += prebound(b, threads, h);
            pre = Math.min(pre, (now() - t) / 1e9);
        }
        System.out.printf(Locale.ROOT, "sweep    16 qubits, %d gates, %d points, 100 shots + ⟨Z0 Z1⟩ each, %d thread(s): sweep %.2f s, pre-bound runs %.2f s, ratio %.3f%n",
                c.gateCount(), points.size(), threads, sweepS, pre, sweepS / pre);
    }

    private static int prebound(Circuit b, int threads, PauliSum h) {
        try (Result r = Simulator.builder().shots(100).seed(3).threads(threads).build().run(b)) {
            return (int) r.expectation(h) + r.counts().size();
        }
    }

    /** A few {@code qise run} processes of the bound 16-qubit circuit, to estimate 1,000 of them. */
    static void process(int threads) throws IOException, InterruptedException {
        Circuit bound = sweepCircuit().bind(Map.of("theta", 0.3, "phi", 0.2));
        Path file = Files.createTempFile("qise-bench", ".qasm");
        Files.writeString(file, QasmExporter.export(bound));
        String java = ProcessHandle.current().info().command().orElse("java");
        // The flags the qise launcher passes (JIT, collector, native access for huge pages), so that
        // each process runs the kernels and memory that qise run would.
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(StartupCache.FULL_FLAGS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "org.qise.cli.QiseMain", "run", file.toString(), "--shots", "100", "--seed", "3", "--expect", "Z0 Z1", "--threads", String.valueOf(threads)));
        int n = processes;
        double total = 0;
        for (int i = 0; i < n + 1; i++) {
            long t = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) throw new IllegalStateException("qise run failed");
            if (i > 0) total += (System.nanoTime() - t) / 1e9; // the first one warms the file cache
        }
        Files.delete(file);
        double each = total / n;
        System.out.printf(Locale.ROOT, "process  qise run of the same circuit as a new JVM: %.3f s each (mean of %d), so 1,000 runs ≈ %.0f s%n", each, n, 1000 * each);
    }
}
