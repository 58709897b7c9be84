package org.qise.strange;

import java.util.List;
import java.util.function.Supplier;
import org.qise.circuit.Operation;
import org.qise.engine.Engine;
import org.qise.engine.Engines;
import org.qise.engine.QuantumState;
import org.redfx.strange.Program;
import org.redfx.strange.QuantumExecutionEnvironment;
import org.redfx.strange.Step;
import org.redfx.strange.algorithm.Classic;
import org.redfx.strange.gate.Cnot;
import org.redfx.strange.gate.Fourier;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.InvFourier;
import org.redfx.strange.local.SimpleQuantumExecutionEnvironment;

/**
 * Times Strange's own environment against the bridge (a benchmark, not a test; timings on a
 * shared machine are noisy). Run after {@code mvn -q -o -DskipTests package -pl simulator-cli -am}
 * (whose target/lib holds the core, the bridge and Strange):
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *   -cp 'simulator-strange/target/test-classes:simulator-cli/target/lib/*' \
 *   org.qise.strange.StrangeBridgeBenchmark [--overhead [THREADS]]
 * </pre>
 * {@code --overhead} times only the bridge against the engine alone on issue 20's 14-qubit program.
 */
public final class StrangeBridgeBenchmark {
    private StrangeBridgeBenchmark() {}

    static Program fourierRoundTrip(int n) {
        Program p = new Program(n);
        Step s = new Step();
        for (int q = 0; q < n; q++) s.addGate(new Hadamard(q));
        p.addStep(s);
        p.addStep(new Step(new Fourier(n, 0)));
        p.addStep(new Step(new InvFourier(n, 0)));
        return p;
    }

    /** Issue 20's program: {@code layers} × (H on every qubit, then a CNOT chain 0→1→…→n−1), one gate per Strange step for the CNOTs. */
    static Program layered(int n, int layers) {
        Program p = new Program(n);
        for (int l = 0; l < layers; l++) {
            Step h = new Step();
            for (int q = 0; q < n; q++) h.addGate(new Hadamard(q));
            p.addStep(h);
            for (int q = 0; q + 1 < n; q++) p.addStep(new Step(new Cnot(q, q + 1)));
        }
        return p;
    }

    /** Best of {@code runs} timings, in milliseconds, after as many warm-up calls. */
    static double bestMillis(Runnable work, int runs) {
        for (int i = 0; i < runs; i++) work.run();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e6);
        }
        return best;
    }

    /**
     * The bridge (convert, simulate, fill Strange's Result, measure) against the engine alone on
     * the same gates (allocate the state and apply the converted gates), both best of N, both on
     * a program built beforehand.
     */
    static void bridgeOverhead(int n, int layers, int runs, int threads) {
        Program program = layered(n, layers);
        List<Operation.GateOp> gates = StrangeConverter.toCircuit(program).operations().stream()
                .map(Operation.GateOp.class::cast).toList();
        Engine engine = Engines.create(Engines.DEFAULT, threads);
        double engineMs = bestMillis(() -> {
            try (QuantumState s = engine.allocate(n)) {
                s.applyAll(gates);
            }
        }, runs);
        QiseExecutionEnvironment env = new QiseExecutionEnvironment(Engines.DEFAULT, threads, 1);
        double bridgeMs = bestMillis(() -> env.runProgram(program), runs);
        System.out.printf("%d qubits, %d layers of H + CNOT chain (%d gates), %d thread(s): engine alone %.2f ms, bridge %.2f ms (%.1f×), best of %d%n",
                n, layers, gates.size(), engine.threads(), engineMs, bridgeMs, bridgeMs / engineMs, runs);
    }

    static double millisPerRun(QuantumExecutionEnvironment env, Supplier<Program> program, int runs) {
        for (int i = 0; i < 3; i++) env.runProgram(program.get()); // warm-up: the JIT compiles the hot paths
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) env.runProgram(program.get());
        return (System.nanoTime() - start) / 1e6 / runs;
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--overhead")) {
            int threads = args.length > 1 ? Integer.parseInt(args[1]) : 0; // 0: all cores
            for (int i = 0; i < 3; i++) bridgeOverhead(14, 10, 50, threads);
            return;
        }
        for (int n : new int[]{6, 8, 10, 12}) {
            System.out.printf("Fourier + inverse on %2d qubits: Strange %7.1f ms, bridge %6.1f ms%n", n,
                    millisPerRun(new SimpleQuantumExecutionEnvironment(), () -> fourierRoundTrip(n), 3),
                    millisPerRun(new QiseExecutionEnvironment(1), () -> fourierRoundTrip(n), 3));
        }
        for (QuantumExecutionEnvironment env : new QuantumExecutionEnvironment[]{new SimpleQuantumExecutionEnvironment(), new QiseExecutionEnvironment(1)}) {
            Classic.setQuantumExecutionEnvironment(env);
            Classic.findPeriod(7, 15); // warm-up
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) Classic.findPeriod(7, 15);
            System.out.printf("Classic.findPeriod(7, 15) on %s: %.0f ms per call%n", env.getClass().getSimpleName(), (System.nanoTime() - start) / 1e6 / 3);
        }
    }
}
