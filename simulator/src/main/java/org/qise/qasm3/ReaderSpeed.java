package org.qise.qasm3;

import org.qise.circuit.Circuit;
import org.qise.qasm.QasmException;
import org.qise.qasm.QasmParser;

/**
 * Measures the OpenQASM 3 reader against the OpenQASM 2 reader on the same 100,000-gate
 * circuit (only the header differs), and how fast an exponential expansion is refused. A
 * measurement to report, not a test: run it with
 * {@code java --add-modules jdk.incubator.vector -cp simulator/target/classes:COMMONS_MATH org.qise.qasm3.ReaderSpeed}.
 */
public final class ReaderSpeed {
    private ReaderSpeed() {}

    public static void main(String[] args) {
        int gates = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        StringBuilder body = new StringBuilder("qreg q[16];\ncreg c[16];\n");
        for (int i = 0; i < gates; i++) {
            int a = i % 16, b = (i * 7 + 3) % 16;
            switch (i % 5) {
                case 0 -> body.append("h q[").append(a).append("];\n");
                case 1 -> body.append("cx q[").append(a).append("],q[").append(b == a ? (a + 1) % 16 : b).append("];\n");
                case 2 -> body.append("rz(").append(0.001 * (i % 1000)).append(") q[").append(a).append("];\n");
                case 3 -> body.append("sx q[").append(a).append("];\n");
                default -> body.append("t q[").append(a).append("];\n");
            }
        }
        body.append("measure q -> c;\n");
        String two = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n" + body;
        String three = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n" + body;
        Circuit c2 = QasmParser.parse(two, "two.qasm"), c3 = QasmParser.parse(three, "three.qasm");
        if (!c2.equals(c3)) throw new IllegalStateException("the two readers disagree on the circuit");
        // interleaved, best of 30 each after warm-up: other load on the machine hits both alike
        for (int i = 0; i < 5; i++) {
            QasmParser.parse(two, "warm.qasm");
            QasmParser.parse(three, "warm.qasm");
        }
        double[] t2 = new double[30], t3 = new double[30];
        for (int i = 0; i < 30; i++) {
            t2[i] = time(two);
            t3[i] = time(three);
        }
        java.util.Arrays.sort(t2);
        java.util.Arrays.sort(t3);
        // the best shows the readers' own cost; the median also counts the collector's work they cause
        System.out.printf("%d gates: OpenQASM 2 reader %.1f ms, OpenQASM 3 reader %.1f ms, ratio %.2f (best of 30);"
                + " medians %.1f and %.1f ms, ratio %.2f%n", gates, t2[0], t3[0], t3[0] / t2[0], t2[15], t3[15], t3[15] / t2[15]);

        StringBuilder bomb = new StringBuilder("OPENQASM 3.0;\ninclude \"stdgates.inc\";\ngate g0 a { x a; }\n");
        for (int k = 1; k <= 60; k++) bomb.append("gate g").append(k).append(" a { g").append(k - 1).append(" a; g").append(k - 1).append(" a; }\n");
        bomb.append("qubit q;\ng60 q;\n");
        String loops = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit q;\nfor int i in [0:999999] { for int j in [0:999999] { x q; } }\n";
        for (String[] p : new String[][]{{"2^60 nested gate calls", bomb.toString()}, {"10^12 loop iterations", loops}}) {
            double best = Double.MAX_VALUE;
            for (int r = 0; r < 20; r++) {
                long t0 = System.nanoTime();
                try {
                    QasmParser.parse(p[1], "bomb.qasm");
                    throw new IllegalStateException(p[0] + " was not refused");
                } catch (QasmException expected) {
                    best = Math.min(best, (System.nanoTime() - t0) / 1e6);
                }
            }
            System.out.printf("%s refused in %.2f ms%n", p[0], best);
        }
    }

    /** Wall time of one parse, in milliseconds. */
    private static double time(String src) {
        long t0 = System.nanoTime();
        QasmParser.parse(src, "x.qasm");
        return (System.nanoTime() - t0) / 1e6;
    }
}
