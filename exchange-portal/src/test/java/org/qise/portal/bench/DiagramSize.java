package org.qise.portal.bench;

import org.qise.portal.circuits.DiagramCache;
import org.qise.portal.circuits.QasmCheck;
import org.qise.draw.CircuitDiagram;

/**
 * Measures what serving the diagram of a 21 kB circuit costs, drawn and from the cache. Run
 * after {@code mvn -o -DskipTests package -pl exchange-portal -am}:
 * {@code java --add-modules jdk.incubator.vector -cp 'exchange-portal/target/qise-exchange-portal.jar:exchange-portal/target/lib/*'
 * exchange-portal/src/test/java/org/qise/portal/bench/DiagramSize.java}
 */
public class DiagramSize {
    public static void main(String[] a) {
        StringBuilder sb = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[64];\n");
        int i = 0;
        while (sb.length() < 21_000) { sb.append("cx q[").append(i % 64).append("],q[").append((i * 7 + 13) % 64 == i % 64 ? (i + 1) % 64 : (i * 7 + 13) % 64).append("];\n"); i++; }
        String qasm = sb.toString();
        var c = QasmCheck.parse(qasm);
        long t0 = System.nanoTime();
        String svg = CircuitDiagram.svg(c);
        long t1 = System.nanoTime();
        DiagramCache cache = new DiagramCache(64L << 20);
        var d = cache.of(qasm);
        long t2 = System.nanoTime();
        cache.of(qasm);
        long t3 = System.nanoTime();
        System.out.printf("circuit: %d bytes, %d qubits, %d gates%n", qasm.length(), c.numQubits(), c.gateCount());
        System.out.printf("uncapped SVG: %d bytes in %.0f ms%n", svg.length(), (t1 - t0) / 1e6);
        System.out.printf("served: %d bytes (drawn=%s), first %.1f ms, cached %.3f ms%n", d.svg().length(), d.drawn(), (t2 - t1) / 1e6, (t3 - t2) / 1e6);
    }
}
