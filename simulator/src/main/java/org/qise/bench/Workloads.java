package org.qise.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;

/**
 * The benchmark circuits, defined exactly (see {@link Bench}); random angles come from a fixed
 * seed so that every run times the same gates.
 */
public final class Workloads {
    private Workloads() {}

    /** Workloads timed as one gate applied over and over (seconds per gate). */
    public static final List<String> SINGLE_GATE = List.of("h", "u3", "cx");
    /** Workloads timed as whole circuits. */
    public static final List<String> CIRCUITS = List.of("qft", "qcbm", "random");
    /** Every workload name {@link Bench} knows. */
    public static final List<String> ALL = List.of("h", "u3", "cx", "qft", "qcbm", "random", "strange-layers");

    static final long SEED = 20240611L;

    static Operation.GateOp op(Gate g, int... qubits) {
        return new Operation.GateOp(g, qubits, null);
    }

    /** The gate a single-gate workload repeats, and the qubit sets it is timed on. */
    static List<Operation.GateOp> singleGatePositions(String workload, int n) {
        Random rnd = new Random(SEED);
        return switch (workload) {
            case "h" -> List.of(op(Gates.h(), 0), op(Gates.h(), n / 2), op(Gates.h(), n - 1));
            case "u3" -> {
                Gate u = Gates.u3(rnd.nextDouble() * Math.PI, rnd.nextDouble() * Math.PI, rnd.nextDouble() * Math.PI);
                yield List.of(op(u, 0), op(u, n / 2), op(u, n - 1));
            }
            case "cx" -> List.of(op(Gates.cx(), 0, n - 1));
            default -> throw new IllegalArgumentException("not a single-gate workload: " + workload);
        };
    }

    /** The gates of a circuit workload on n qubits. */
    public static List<Operation.GateOp> circuit(String workload, int n) {
        return switch (workload) {
            case "qft" -> qft(n);
            case "qcbm" -> qcbm(n);
            case "random" -> random(n);
            case "strange-layers" -> hadamardCnotLayers(n, 10);
            default -> throw new IllegalArgumentException("unknown circuit workload '" + workload + "' (known: qft, qcbm, random, strange-layers)");
        };
    }

    /** For j = 0..n−1: H(j), then CP(π/2^(k−j)) with control k and target j for every k > j; no swaps. */
    static List<Operation.GateOp> qft(int n) {
        List<Operation.GateOp> ops = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            ops.add(op(Gates.h(), j));
            for (int k = j + 1; k < n; k++) ops.add(op(Gates.cp(Math.PI / Math.pow(2, k - j)), k, j));
        }
        return ops;
    }

    /**
     * RX, RZ on every qubit; entangler CX(i, (i+1) mod n) for i = 0..n−1; then 9 × [RZ, RX, RZ on
     * every qubit; entangler]; then RZ, RX on every qubit: 41·n gates.
     */
    static List<Operation.GateOp> qcbm(int n) {
        Random rnd = new Random(SEED);
        List<Operation.GateOp> ops = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            ops.add(op(Gates.rx(angle(rnd)), q));
            ops.add(op(Gates.rz(angle(rnd)), q));
        }
        entangler(ops, n);
        for (int layer = 0; layer < 9; layer++) {
            for (int q = 0; q < n; q++) {
                ops.add(op(Gates.rz(angle(rnd)), q));
                ops.add(op(Gates.rx(angle(rnd)), q));
                ops.add(op(Gates.rz(angle(rnd)), q));
            }
            entangler(ops, n);
        }
        for (int q = 0; q < n; q++) {
            ops.add(op(Gates.rz(angle(rnd)), q));
            ops.add(op(Gates.rx(angle(rnd)), q));
        }
        return ops;
    }

    private static void entangler(List<Operation.GateOp> ops, int n) {
        if (n < 2) return;
        for (int i = 0; i < n; i++) ops.add(op(Gates.cx(), i, (i + 1) % n));
    }

    /** Depth 20; layer L: U3 with random angles on every qubit, then CZ(i, i+1) for i = L mod 2, L mod 2 + 2, … (i+1 < n). */
    static List<Operation.GateOp> random(int n) {
        Random rnd = new Random(SEED);
        List<Operation.GateOp> ops = new ArrayList<>();
        for (int layer = 0; layer < 20; layer++) {
            for (int q = 0; q < n; q++) ops.add(op(Gates.u3(angle(rnd), angle(rnd), angle(rnd)), q));
            for (int i = layer % 2; i + 1 < n; i += 2) ops.add(op(Gates.cz(), i, i + 1));
        }
        return ops;
    }

    /** {@code layers} × [H on every qubit, then CNOT(i, i+1) for every i]. */
    static List<Operation.GateOp> hadamardCnotLayers(int n, int layers) {
        List<Operation.GateOp> ops = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int q = 0; q < n; q++) ops.add(op(Gates.h(), q));
            for (int i = 0; i + 1 < n; i++) ops.add(op(Gates.cx(), i, i + 1));
        }
        return ops;
    }

    private static double angle(Random rnd) {
        return (rnd.nextDouble() * 2 - 1) * Math.PI;
    }
}
