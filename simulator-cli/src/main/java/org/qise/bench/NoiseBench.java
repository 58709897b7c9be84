package org.qise.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Operation;
import org.qise.engine.QuantumState;
import org.qise.engine.density.DensityMatrix;
import org.qise.engine.fast.FastEngine;
import org.qise.noise.Channels;
import org.qise.noise.NoiseModel;
import org.qise.noise.run.Method;
import org.qise.noise.run.NoisyResult;
import org.qise.noise.run.NoisySimulator;

/**
 * The noisy workloads of {@code qise bench --noisy}:
 * <ul>
 * <li>{@code qcbm-trajectory}: the qcbm circuit with one-qubit depolarizing after every gate (on
 *     each qubit it touches), one trajectory against one ideal run (simulate and draw a sample);
 *     seconds per trajectory and the ratio.</li>
 * <li>{@code density-matrix}: ρ of n qubits against a state vector of 2n qubits (the same number
 *     of amplitudes), seconds per gate of the circuit (qcbm or random), noiseless and with
 *     depolarizing after every gate.</li>
 * </ul>
 */
public final class NoiseBench {
    private NoiseBench() {}

    /** One measurement: what ran, its time and the time it is compared with. */
    public record Row(String workload, int qubits, int threads, String detail, double seconds, double baselineSeconds, String baseline,
                      double cpuSeconds, double baselineCpuSeconds) {
        public double ratio() { return seconds / baselineSeconds; }

        /** The ratio of CPU time (all threads of the process): steadier than wall time on a shared machine. */
        public double cpuRatio() { return cpuSeconds / baselineCpuSeconds; }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        List<Row> rows = run(quick, List.of(1, Runtime.getRuntime().availableProcessors()), System.err::println);
        System.out.println(table(rows));
    }

    public static List<Row> run(boolean quick, List<Integer> threads, Consumer<String> progress) {
        int trajectoryQubits = quick ? 16 : 20, rhoQubits = quick ? 10 : 12;
        warmUp();
        List<Row> rows = new ArrayList<>();
        for (int t : threads) {
            for (double p : new double[]{0.001, 0.01}) {
                progress.accept(String.format(Locale.ROOT, "qcbm %d qubits, depolarizing %.3f after every gate, %d thread(s)", trajectoryQubits, p, t));
                rows.add(trajectory(trajectoryQubits, t, p, quick));
            }
            for (String w : List.of("qcbm", "random")) {
                for (double p : new double[]{0, 0.01}) {
                    progress.accept(String.format(Locale.ROOT, "density matrix %d qubits, %s, %s, %d thread(s)", rhoQubits, w, p == 0 ? "noiseless" : "depolarizing", t));
                    rows.add(densityMatrix(w, rhoQubits, t, p));
                }
            }
        }
        return rows;
    }

    private static void warmUp() {
        for (int i = 0; i < 3; i++) {
            trajectory(12, 1, 0.01, true);
            densityMatrix("qcbm", 6, 1, 0.01);
        }
    }

    static Circuit circuit(List<Operation.GateOp> ops, int n) {
        CircuitBuilder b = Circuit.builder(n);
        for (Operation.GateOp op : ops) b.add(op);
        return b.build();
    }

    /**
     * Ideal and noisy runs alternate and each keeps its best time, so that a machine whose load
     * drifts (a shared one) treats both alike.
     */
    static Row trajectory(int n, int threads, double p, boolean quick) {
        List<Operation.GateOp> ops = Workloads.circuit("qcbm", n);
        try (FastEngine engine = new FastEngine(threads)) {
            Circuit c = circuit(ops, n);
            NoiseModel model = NoiseModel.builder().afterGates(Channels.depolarizing(p)).build();
            int shots = quick ? 3 : 5, reps = quick ? 3 : 5;
            double ideal = Double.MAX_VALUE, noisy = Double.MAX_VALUE, idealCpu = Double.MAX_VALUE, noisyCpu = Double.MAX_VALUE;
            for (int r = 0; r < reps; r++) {
                long c0 = cpuNanos(), t0 = System.nanoTime();
                try (QuantumState s = engine.allocate(n)) {
                    s.applyAll(ops);
                    s.sampleSorted(new double[]{0.5});
                }
                ideal = Math.min(ideal, (System.nanoTime() - t0) / 1e9);
                idealCpu = Math.min(idealCpu, (cpuNanos() - c0) / 1e9);
                c0 = cpuNanos();
                t0 = System.nanoTime();
                try (NoisyResult res = NoisySimulator.builder().model(model).method(Method.TRAJECTORIES).shots(shots).seed(r).threads(threads).build().run(c)) {
                    noisy = Math.min(noisy, (System.nanoTime() - t0) / 1e9 / shots);
                    noisyCpu = Math.min(noisyCpu, (cpuNanos() - c0) / 1e9 / shots);
                }
            }
            return new Row("qcbm-trajectory", n, threads, String.format(Locale.ROOT, "depolarizing p=%s after each of %d gates", p, ops.size()),
                    noisy, ideal, "ideal run + 1 sample", noisyCpu, idealCpu);
        }
    }

    static Row densityMatrix(String workload, int n, int threads, double p) {
        List<Operation.GateOp> small = Workloads.circuit(workload, n), big = Workloads.circuit(workload, 2 * n);
        try (FastEngine engine = new FastEngine(threads)) {
            Circuit c = circuit(small, n);
            if (p > 0) c = NoiseModel.builder().afterGates(Channels.depolarizing(p)).build().apply(c);
            double sv = Double.MAX_VALUE, rho = Double.MAX_VALUE, svCpu = Double.MAX_VALUE, rhoCpu = Double.MAX_VALUE;
            for (int r = 0; r < 3; r++) {
                try (QuantumState s = engine.allocate(2 * n)) {
                    long c0 = cpuNanos(), t0 = System.nanoTime();
                    s.applyAll(big);
                    sv = Math.min(sv, (System.nanoTime() - t0) / 1e9 / big.size());
                    svCpu = Math.min(svCpu, (cpuNanos() - c0) / 1e9 / big.size());
                }
                try (DensityMatrix dm = DensityMatrix.allocate(n, threads)) {
                    long c0 = cpuNanos(), t0 = System.nanoTime();
                    dm.apply(c.operations());
                    rho = Math.min(rho, (System.nanoTime() - t0) / 1e9 / small.size());
                    rhoCpu = Math.min(rhoCpu, (cpuNanos() - c0) / 1e9 / small.size());
                }
            }
            return new Row("density-matrix", n, threads, workload + (p > 0 ? ", depolarizing p=" + p + " after every gate" : ", noiseless")
                    + ", per gate of the " + n + "-qubit circuit", rho, sv, 2 * n + "-qubit state vector, per gate of its " + workload, rhoCpu, svCpu);
        }
    }

    public static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder("| workload | n | threads | what | seconds | baseline | baseline seconds | ratio | CPU-time ratio |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s | %.2f× | %.2f× |%n", r.workload(), r.qubits(), r.threads(), r.detail(),
                    time(r.seconds()), r.baseline(), time(r.baselineSeconds()), r.ratio(), r.cpuRatio()));
        }
        return sb.toString();
    }

    public static String json(List<Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("workload", r.workload());
            m.put("qubits", r.qubits());
            m.put("threads", r.threads());
            m.put("detail", r.detail());
            m.put("seconds", r.seconds());
            m.put("baseline", r.baseline());
            m.put("baseline_seconds", r.baselineSeconds());
            m.put("ratio", r.ratio());
            m.put("cpu_seconds", r.cpuSeconds());
            m.put("baseline_cpu_seconds", r.baselineCpuSeconds());
            m.put("cpu_ratio", r.cpuRatio());
            out.add(m);
        }
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("noisy_results", out));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String time(double s) {
        return s < 1e-3 ? String.format(Locale.ROOT, "%.1f µs", s * 1e6) : s < 1 ? String.format(Locale.ROOT, "%.2f ms", s * 1e3) : String.format(Locale.ROOT, "%.2f s", s);
    }
}
