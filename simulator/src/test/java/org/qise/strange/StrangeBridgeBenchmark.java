package org.qise.strange;

import java.util.function.Supplier;
import org.redfx.strange.Program;
import org.redfx.strange.QuantumExecutionEnvironment;
import org.redfx.strange.Step;
import org.redfx.strange.algorithm.Classic;
import org.redfx.strange.gate.Fourier;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.InvFourier;
import org.redfx.strange.local.SimpleQuantumExecutionEnvironment;

/**
 * Times Strange's own environment against the bridge (a benchmark, not a test; timings on a
 * shared machine are noisy). Run after {@code mvn -q -o test-compile -pl simulator}:
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *   -cp 'simulator/target/test-classes:simulator/target/classes:simulator/target/lib/*' \
 *   org.qise.strange.StrangeBridgeBenchmark
 * </pre>
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

    static double millisPerRun(QuantumExecutionEnvironment env, Supplier<Program> program, int runs) {
        for (int i = 0; i < 3; i++) env.runProgram(program.get()); // warm-up: the JIT compiles the hot paths
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) env.runProgram(program.get());
        return (System.nanoTime() - start) / 1e6 / runs;
    }

    public static void main(String[] args) {
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
