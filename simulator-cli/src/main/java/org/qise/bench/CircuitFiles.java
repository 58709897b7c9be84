package org.qise.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Operation;
import org.qise.qasm.QasmExporter;

/**
 * The bench's circuit workloads as files, so that other simulators time exactly the gates and
 * angles {@link Bench} times: {@code <workload>-<n>.qasm} (OpenQASM 2.0, for Qiskit Aer, qulacs,
 * Cirq and most others) and {@code <workload>-<n>.qsim} ({@link QsimFormat}, for qsim's
 * {@code qsim_base}). The single-gate workloads are passes of one gate, not circuits, and are left
 * out.
 */
public final class CircuitFiles {
    private CircuitFiles() {}

    /** Every workload that is a circuit, strange-layers too (unlike {@link Workloads#CIRCUITS}): the default of {@code --write-circuits}. */
    public static final List<String> EVERY_CIRCUIT = Workloads.ALL.stream().filter(w -> !Workloads.SINGLE_GATE.contains(w)).toList();

    /** What {@link #write} wrote, in order, and the workloads it left out. */
    public record Written(List<Path> files, List<String> leftOut) {}

    /** Writes every circuit workload among {@code workloads} at every size into {@code dir} (created if missing). */
    public static Written write(Path dir, List<String> workloads, List<Integer> qubits) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (String w : workloads) {
            if (Workloads.SINGLE_GATE.contains(w)) {
                leftOut.add(w);
                continue;
            }
            for (int n : qubits) {
                List<Operation.GateOp> ops = Workloads.circuit(w, n);
                CircuitBuilder b = Circuit.builder(n);
                for (Operation.GateOp op : ops) b.add(op);
                files.add(Files.writeString(dir.resolve(w + "-" + n + ".qasm"), QasmExporter.export(b.build())));
                files.add(Files.writeString(dir.resolve(w + "-" + n + ".qsim"), QsimFormat.write(ops, n)));
            }
        }
        return new Written(files, leftOut);
    }
}
