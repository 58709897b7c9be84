package org.qise.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.circuit.Condition;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.circuit.Register;
import org.qise.engine.QuantumState;
import org.qise.engine.fast.FastEngine;

/**
 * The qsim text a workload is written as, read back by a small interpreter of qsim's format and
 * gate conventions (below, independent of the writer and of QISE's kernels), reaches the state
 * QISE reaches, up to a global phase.
 */
class QsimFormatTest {

    /** Fixed one-qubit rotations on every qubit first, so that every phase of the workload shows in the state. */
    private static List<Operation.GateOp> prepared(String workload, int n) {
        Random rnd = new Random(7);
        List<Operation.GateOp> ops = new ArrayList<>();
        for (int q = 0; q < n; q++) ops.add(Workloads.op(Gates.u3(rnd.nextDouble() * 3, rnd.nextDouble() * 6, rnd.nextDouble() * 6), q));
        ops.addAll(Workloads.circuit(workload, n));
        return ops;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"qft", "qcbm", "random", "strange-layers"})
    void aWrittenWorkloadReachesQisesStateInQsimsConventions(String workload) {
        int n = 5;
        List<Operation.GateOp> ops = prepared(workload, n);
        double[][] qsim = QsimText.run(QsimFormat.write(ops, n));
        try (QuantumState s = new FastEngine(1).allocate(n)) {
            s.applyAll(ops);
            double overlapRe = 0, overlapIm = 0;
            for (int k = 0; k < 1 << n; k++) {
                overlapRe += qsim[0][k] * s.re(k) + qsim[1][k] * s.im(k);
                overlapIm += qsim[0][k] * s.im(k) - qsim[1][k] * s.re(k);
            }
            assertEquals(1, overlapRe * overlapRe + overlapIm * overlapIm, 1e-12, workload + ": fidelity");
        }
    }

    @Test
    void gatesTakeTheEarliestFreeStepAndAStepNeverReusesAQubit() {
        int n = 6;
        String text = QsimFormat.write(Workloads.circuit("qcbm", n), n);
        List<String> lines = text.lines().toList();
        assertEquals(String.valueOf(n), lines.get(0));
        int lastStep = 0;
        int[] perStep = new int[lines.size()];
        Set<String> used = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(" ");
            int step = Integer.parseInt(f[0]);
            assertTrue(step >= lastStep, "times never decrease: " + line);
            if (step != lastStep) used.clear();
            lastStep = step;
            int qubits = f[1].equals("cnot") ? 2 : 1;
            for (int i = 0; i < qubits; i++) assertTrue(used.add(f[2 + i]), "qubit " + f[2 + i] + " twice in step " + step);
            perStep[step]++;
        }
        // qcbm opens with rx then rz on every qubit: two full layers.
        assertEquals(n, perStep[0]);
        assertEquals(n, perStep[1]);
    }

    @Test
    void controlledPhaseIsWrittenWithQsimsOppositeSign() {
        String text = QsimFormat.write(List.of(Workloads.op(Gates.cp(0.5), 1, 0)), 2);
        assertEquals("2\n0 cp 1 0 -0.5\n", text);
    }

    @Test
    void aGateWithoutAQsimFormIsNamedWithItsPosition() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> QsimFormat.write(List.of(Workloads.op(Gates.h(), 0), Workloads.op(Gates.swap(), 0, 1)), 2));
        assertTrue(e.getMessage().startsWith("gate 1 (swap) has no form in qsim's circuit format"), e.getMessage());
        var conditioned = new Operation.GateOp(Gates.h(), new int[]{0}, new Condition(new Register(Register.Kind.CLASSICAL, "c", 0, 1), 1));
        var c = assertThrows(IllegalArgumentException.class, () -> QsimFormat.write(List.of(conditioned), 1));
        assertTrue(c.getMessage().contains("gate 0 (h) is classically conditioned"), c.getMessage());
    }

    /** A reader of qsim's circuit text with qsim's matrices, on a plain amplitude array (qubit q = bit q). */
    static final class QsimText {
        static double[][] run(String text) {
            List<String> lines = text.lines().toList();
            int n = Integer.parseInt(lines.get(0).trim());
            double[] re = new double[1 << n], im = new double[1 << n];
            re[0] = 1;
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                String g = f[1];
                switch (g) {
                    case "h" -> {
                        double s = Math.sqrt(0.5);
                        one(re, im, Integer.parseInt(f[2]), new double[]{s, 0, s, 0, s, 0, -s, 0});
                    }
                    case "rx", "ry", "rz" -> {
                        double t = Double.parseDouble(f[3]), c = Math.cos(t / 2), s = Math.sin(t / 2);
                        double[] m = switch (g) {
                            case "rx" -> new double[]{c, 0, 0, -s, 0, -s, c, 0};
                            case "ry" -> new double[]{c, 0, -s, 0, s, 0, c, 0};
                            default -> new double[]{c, -s, 0, 0, 0, 0, c, s};
                        };
                        one(re, im, Integer.parseInt(f[2]), m);
                    }
                    case "cnot" -> {
                        int c = Integer.parseInt(f[2]), t = Integer.parseInt(f[3]);
                        for (int k = 0; k < re.length; k++) {
                            if ((k >> c & 1) == 1 && (k >> t & 1) == 0) {
                                int j = k | 1 << t;
                                double r = re[k], i = im[k];
                                re[k] = re[j]; im[k] = im[j];
                                re[j] = r; im[j] = i;
                            }
                        }
                    }
                    case "cz", "cp" -> {
                        int a = Integer.parseInt(f[2]), b = Integer.parseInt(f[3]);
                        double phi = g.equals("cz") ? Math.PI : Double.parseDouble(f[4]);
                        double c = Math.cos(phi), s = g.equals("cz") ? 0 : -Math.sin(phi); // qsim's cp: e^{-i phi} on |11>
                        for (int k = 0; k < re.length; k++) {
                            if ((k >> a & 1) == 1 && (k >> b & 1) == 1) {
                                double r = re[k] * c - im[k] * s, i = re[k] * s + im[k] * c;
                                re[k] = r;
                                im[k] = i;
                            }
                        }
                    }
                    default -> throw new AssertionError("not a gate this reader knows: " + line);
                }
            }
            return new double[][]{re, im};
        }

        /** A 2×2 given as re, im pairs row by row. */
        private static void one(double[] re, double[] im, int q, double[] m) {
            for (int k = 0; k < re.length; k++) {
                if ((k >> q & 1) == 1) continue;
                int j = k | 1 << q;
                double ar = re[k], ai = im[k], br = re[j], bi = im[j];
                re[k] = m[0] * ar - m[1] * ai + m[2] * br - m[3] * bi;
                im[k] = m[0] * ai + m[1] * ar + m[2] * bi + m[3] * br;
                re[j] = m[4] * ar - m[5] * ai + m[6] * br - m[7] * bi;
                im[j] = m[4] * ai + m[5] * ar + m[6] * bi + m[7] * br;
            }
        }
    }
}
