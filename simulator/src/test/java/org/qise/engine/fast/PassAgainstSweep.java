package org.qise.engine.fast;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.DoubleVector;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.engine.Precision;
import org.qise.engine.QuantumState;

/**
 * A measuring tool, not a test (no test runner picks it up): times a lone gate's pass on a
 * large state against the bandwidth probe's sweep (x ← c·x, each thread one contiguous half,
 * as {@code org.qise.bench.BandwidthProbe} does) over the same state's memory, pass after pass
 * in alternation, and prints for each gate the median of sweep time / gate time over pairs
 * taken seconds apart. On a machine shared with other programs the bandwidth drifts by a third
 * within minutes, so only such paired ratios say whether the gate's pass is slower than the
 * probe's access pattern; docs/engine.md ("Single-gate passes against the probe") has figures.
 *
 * <pre>java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx2g \
 *   -cp simulator/target/classes:simulator/target/test-classes org.qise.engine.fast.PassAgainstSweep 26 21 single</pre>
 * Arguments: qubits, rounds, single or double, and optionally the thread count (default 2).
 */
public final class PassAgainstSweep {
    private PassAgainstSweep() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Precision precision = args[2].equals("single") ? Precision.SINGLE : Precision.DOUBLE;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        // The bench's single-gate workloads: h and u3 on qubits 0, n/2, n−1; cx(0, n−1).
        List<Operation.GateOp> gates = new ArrayList<>();
        for (int q : new int[]{0, n / 2, n - 1}) gates.add(new Operation.GateOp(Gates.h(), new int[]{q}, null));
        for (int q : new int[]{0, n / 2, n - 1}) gates.add(new Operation.GateOp(Gates.u3(0.7, 1.9, 2.6), new int[]{q}, null));
        gates.add(new Operation.GateOp(Gates.cx(), new int[]{0, n - 1}, null));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (FastEngine engine = new FastEngine(threads, precision); QuantumState state = engine.allocate(n)) {
            MemorySegment memory = state instanceof FastState f ? f.memory() : floatMemory(state);
            long vectors = memory.byteSize() / Lanes.VECTOR_BYTES;
            double bytes = 2.0 * (precision == Precision.SINGLE ? 8 : 16) * (1L << n);
            // Compile every path on a small state first (the bench warms up the same way).
            try (QuantumState small = engine.allocate(14)) {
                for (int r = 0; r < 3000; r++) {
                    for (Operation.GateOp g : gates) {
                        int[] q = g.qubits().clone();
                        for (int i = 0; i < q.length; i++) q[i] = Math.min(q[i], 13);
                        small.apply(new Operation.GateOp(g.gate(), q, null));
                    }
                }
            }
            MemorySegment warm = AmplitudeMemory.allocate(14).segment;
            for (int i = 0; i < 20_000; i++) sweep(warm, 0, warm.byteSize() / Lanes.VECTOR_BYTES);
            List<String> names = new ArrayList<>();
            List<Runnable> passes = new ArrayList<>();
            names.add("probe sweep (2 halves)");
            passes.add(() -> halves(pool, threads, vectors, memory));
            for (Operation.GateOp g : gates) {
                names.add(g.gate().name() + java.util.Arrays.toString(g.qubits()));
                passes.add(() -> state.apply(g));
            }
            for (Runnable p : passes) p.run();
            Map<String, List<Double>> ms = new LinkedHashMap<>(), ratio = new LinkedHashMap<>();
            for (int r = 0; r < rounds; r++) {
                double sweepMs = 0;
                for (int i = 0; i < passes.size(); i++) {
                    long t0 = System.nanoTime();
                    passes.get(i).run();
                    double t = (System.nanoTime() - t0) / 1e6;
                    if (i == 0) sweepMs = t;
                    ms.computeIfAbsent(names.get(i), k -> new ArrayList<>()).add(t);
                    ratio.computeIfAbsent(names.get(i), k -> new ArrayList<>()).add(sweepMs / t);
                }
            }
            System.out.printf("n=%d %s, %d threads, %d rounds; GB/s counts read + written bytes%n", n, precision, threads, rounds);
            for (String name : names) {
                List<Double> t = ms.get(name), q = ratio.get(name);
                Collections.sort(t);
                Collections.sort(q);
                System.out.printf("%-24s best %8.2f ms (%5.1f GB/s)  median %8.2f ms  sweep/pass median %.2f (quartiles %.2f-%.2f)%n",
                        name, t.get(0), bytes / t.get(0) / 1e6, t.get(t.size() / 2), q.get(q.size() / 2), q.get(q.size() / 4), q.get(3 * q.size() / 4));
            }
        } finally {
            pool.shutdown();
        }
    }

    /** A float state keeps its memory to itself; a measuring tool may look. */
    private static MemorySegment floatMemory(QuantumState s) throws ReflectiveOperationException {
        java.lang.reflect.Field f = FloatState.class.getDeclaredField("amps");
        f.setAccessible(true);
        return (MemorySegment) f.get(s);
    }

    private static void halves(ExecutorService pool, int threads, long vectors, MemorySegment memory) {
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int p = 0; p < threads; p++) {
                long from = vectors * p / threads, to = vectors * (p + 1) / threads;
                tasks.add(() -> {
                    sweep(memory, from, to);
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) f.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The probe's sweep, multiplying by 1 (the state's values stay as they are). */
    private static void sweep(MemorySegment s, long from, long to) {
        DoubleVector one = DoubleVector.broadcast(Lanes.SPECIES, 1.0);
        for (long v = from; v < to; v++) {
            long at = v * Lanes.VECTOR_BYTES;
            DoubleVector.fromMemorySegment(Lanes.SPECIES, s, at, Lanes.ORDER).mul(one).intoMemorySegment(s, at, Lanes.ORDER);
        }
    }
}
