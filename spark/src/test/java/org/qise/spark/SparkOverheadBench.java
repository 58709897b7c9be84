package org.qise.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.qise.cli.QiseMain;

/**
 * Not a test (arguments: partitions, default 8; rounds, default 5): measures a 1,000-point sweep of a 12-qubit circuit in-process (--threads 2) and as
 * a Spark local[2] job in one JVM, alternating (five rounds unless told otherwise), with Spark's start-up timed on its
 * own. Run it as docs/batch.md says; the figures are ratios within one run.
 */
public final class SparkOverheadBench {
    private SparkOverheadBench() {}

    static String run(List<String> a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = new QiseMain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), Map.of(), false).execute(a.toArray(String[]::new));
        if (code != 0) throw new IllegalStateException(err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** CPU time of the whole process (all threads, Spark's included), in nanoseconds. */
    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        Random rnd = new Random(1);
        StringBuilder qasm = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[12];\ncreg c[12];\n");
        for (int layer = 0; layer < 4; layer++) {
            for (int q = 0; q < 12; q++) qasm.append(String.format("ry(theta*%.3f + %.3f) q[%d];%n", 0.5 + rnd.nextDouble(), rnd.nextDouble(), q));
            for (int q = 0; q < 12; q++) qasm.append(String.format("rz(phi*%.3f) q[%d];%n", 0.5 + rnd.nextDouble(), q));
            for (int q = 0; q < 11; q++) qasm.append("cx q[").append(q).append("], q[").append(q + 1).append("];\n");
        }
        qasm.append("measure q -> c;\n");
        Path file = Files.createTempFile("ansatz12", ".qasm");
        Files.writeString(file, qasm);
        List<String> sweep = List.of("sweep", file.toString(), "--param", "theta=0:2*pi:40", "--param", "phi=0:1:25",
                "--expect", "Z0 Z1", "--expect", "X5", "--shots", "1000", "--seed", "3", "--format", "jsonl");
        List<String> inProcess = new ArrayList<>(sweep);
        inProcess.addAll(List.of("--threads", "2"));
        List<String> spark = new ArrayList<>(sweep);
        int partitions = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        spark.addAll(List.of("--spark", "local[2]", "--partitions", String.valueOf(partitions)));
        String reference = run(inProcess); // also warms up the JIT
        long s0 = System.nanoTime();
        new SparkRunner().prepare("local[2]");
        long s1 = System.nanoTime();
        System.out.printf("Spark start-up (context, local[2]): %.2f s%n", (s1 - s0) / 1e9);
        run(spark); // warms up the Spark path
        // Spark's own cost per job (scheduling, task set-up, collect), whatever the work: a 2-point sweep
        List<String> tiny = new ArrayList<>(spark);
        tiny.set(tiny.indexOf("theta=0:2*pi:40"), "theta=0:1:2");
        tiny.set(tiny.indexOf("phi=0:1:25"), "phi=0");
        run(tiny);
        long bestIn = Long.MAX_VALUE, bestSpark = Long.MAX_VALUE;
        List<Double> ratios = new ArrayList<>(), jobCosts = new ArrayList<>(), cpuRatios = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long c0 = cpu(), t0 = System.nanoTime();
            String a = run(inProcess);
            long c1 = cpu(), t1 = System.nanoTime();
            String b = run(spark);
            long c2 = cpu(), t2 = System.nanoTime();
            run(tiny);
            long t3 = System.nanoTime();
            jobCosts.add((t3 - t2) / 1e9);
            System.out.printf("round %d: in-process --threads 2 %.2f s (CPU %.2f s), Spark local[2] %.2f s (CPU %.2f s), identical=%b; a 2-point Spark job %.2f s%n",
                    round, (t1 - t0) / 1e9, (c1 - c0) / 1e9, (t2 - t1) / 1e9, (c2 - c1) / 1e9, a.equals(reference) && b.equals(reference), (t3 - t2) / 1e9);
            ratios.add((t2 - t1) / (double) (t1 - t0));
            cpuRatios.add((c2 - c1) / (double) (c1 - c0));
            bestIn = Math.min(bestIn, t1 - t0);
            bestSpark = Math.min(bestSpark, t2 - t1);
        }
        ratios.sort(null);
        jobCosts.sort(null);
        cpuRatios.sort(null);
        System.out.printf("%d partitions, best of %d: in-process %.2f s, Spark %.2f s, ratio %.2f; median of the per-round ratios %.2f%n",
                partitions, rounds, bestIn / 1e9, bestSpark / 1e9, bestSpark / (double) bestIn, ratios.get(ratios.size() / 2));
        // CPU time moves less than wall time on a shared machine: it says how much more work Spark does, not how well it overlaps
        System.out.printf("median of the per-round CPU-time ratios (Spark over in-process, whole process): %.2f%n", cpuRatios.get(cpuRatios.size() / 2));
        double job = jobCosts.get(jobCosts.size() / 2);
        System.out.printf("Spark's cost per job (median 2-point job): %.2f s; best Spark run less that cost, over best in-process: %.2f%n",
                job, (bestSpark / 1e9 - job) / (bestIn / 1e9));
        SparkRunner.stop();
        Files.delete(file);
    }
}
