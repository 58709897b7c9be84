package org.qise.bench;

import java.lang.management.ManagementFactory;
import org.qise.engine.Plan;
import org.qise.engine.Precision;
import org.qise.engine.QuantumState;
import org.qise.engine.fast.FastEngine;

/**
 * Thread CPU of one run of a bench circuit on one thread: compiles the workload once and runs the
 * plan {@code reps} times on one state, printing the minimum after three warm-ups (thread CPU, so
 * other programs on the cores count less than in wall time). Args: workload, qubits, reps, then
 * optionally {@code single} for single precision and {@code explain} to print the plan instead.
 * Not a test: run it by hand with the test classpath; the figures are in docs/engine.md.
 */
public final class PlanCpuTimeMain {
    private PlanCpuTimeMain() {}

    public static void main(String[] a) {
        String w = a[0];
        int n = Integer.parseInt(a[1]), reps = Integer.parseInt(a[2]);
        var bean = ManagementFactory.getThreadMXBean();
        var rest = java.util.List.of(a).subList(3, a.length);
        Precision precision = rest.contains("single") ? Precision.SINGLE : Precision.DOUBLE;
        try (FastEngine e = new FastEngine(1, precision)) {
            Plan p = e.compile(n, Workloads.circuit(w, n));
            if (rest.contains("explain")) {
                System.out.println(p.explain());
                return;
            }
            try (QuantumState s = e.allocate(n)) {
                long best = Long.MAX_VALUE;
                for (int r = 0; r < reps; r++) {
                    long c0 = bean.getCurrentThreadCpuTime();
                    s.run(p);
                    if (r >= 3) best = Math.min(best, bean.getCurrentThreadCpuTime() - c0);
                }
                System.out.printf("%s %d %s: min thread CPU %.2f ms over %d runs%n", w, n, precision, best / 1e6, reps - 3);
            }
        }
    }
}
