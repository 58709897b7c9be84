package org.qise.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.qise.circuit.Operation;
import org.qise.engine.Plan;
import org.qise.engine.Precision;
import org.qise.engine.QuantumState;
import org.qise.engine.fast.FastEngine;

/**
 * Planning cost of small circuits: the best wall and thread-CPU time of {@code engine.compile} over 2,000 calls
 * after a warm-up of every circuit for 4 s and 1,000 calls of its own, for each bench circuit and size below, in double precision (args:
 * calls, and optionally one workload and its size). With
 * {@code explain} it prints instead every plan (double and single precision, 12 to 24 qubits) so
 * that two builds' plans can be diffed. Not a test: run it by hand with the test classpath (only
 * public API, so it runs against an older build's jars too); the figures are in docs/engine.md.
 */
public final class CompileTimeMain {
    private CompileTimeMain() {}

    private static final List<String> TIMED = List.of("strange-layers 12", "qft 12", "qcbm 12", "random 12", "qft 20", "qcbm 20", "random 20");

    public static void main(String[] a) {
        if (a.length > 0 && a[0].equals("explain")) {
            explainAll();
            return;
        }
        int calls = a.length > 0 ? Integer.parseInt(a[0]) : 2000;
        List<String> timed = a.length > 2 ? List.of(a[1] + " " + a[2]) : TIMED;
        var bean = ManagementFactory.getThreadMXBean();
        try (FastEngine e = new FastEngine(1)) {
            // Warm-up: every circuit in turn for at least 4 s, so that the JIT has compiled the
            // planner for all of them (on loaded cores its compiler threads lag far behind).
            long until = System.nanoTime() + 4_000_000_000L;
            while (System.nanoTime() < until) {
                for (String t : timed) {
                    String[] wn = t.split(" ");
                    int n = Integer.parseInt(wn[1]);
                    e.compile(n, Workloads.circuit(wn[0], n));
                }
            }
            for (String t : timed) {
                String[] wn = t.split(" ");
                int n = Integer.parseInt(wn[1]);
                List<Operation.GateOp> gates = Workloads.circuit(wn[0], n);
                for (int i = 0; i < calls / 2; i++) e.compile(n, gates);
                long best = Long.MAX_VALUE, bestCpu = Long.MAX_VALUE;
                for (int i = 0; i < calls; i++) {
                    long c0 = bean.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                    e.compile(n, gates);
                    long t1 = System.nanoTime(), c1 = bean.getCurrentThreadCpuTime();
                    best = Math.min(best, t1 - t0);
                    bestCpu = Math.min(bestCpu, c1 - c0);
                }
                System.out.printf("%-18s %4d gates: best compile %7.1f us wall, %7.1f us thread CPU%n", t, gates.size(), best / 1e3, bestCpu / 1e3);
            }
        }
    }

    private static void explainAll() {
        for (Precision p : List.of(Precision.DOUBLE, Precision.SINGLE)) {
            try (FastEngine e = new FastEngine(1, p)) {
                for (String w : List.of("strange-layers", "qft", "qcbm", "random")) {
                    for (int n = 12; n <= 24; n++) {
                        System.out.println("== " + p + " " + w + " " + n);
                        Plan plan = e.compile(n, Workloads.circuit(w, n));
                        System.out.println(plan.explain());
                        if (n <= 18) {
                            try (QuantumState s = e.allocate(n)) {
                                s.run(plan);
                                System.out.println("state hash " + Arrays.hashCode(s.amplitudes()));
                            }
                        }
                    }
                }
            }
        }
    }
}
