package org.qise.qasm3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/**
 * Dynamic circuits (control flow on measurement outcomes) against distributions worked out by
 * hand, with a chi-square goodness-of-fit test, and the same counts at one and two threads.
 */
class DynamicCircuitsTest {
    private static final int SHOTS = 4000;
    private static final double THETA = 1.1;

    static Stream<Arguments> programs() {
        double s2 = Math.pow(Math.sin(THETA / 2), 2), c2 = 1 - s2;
        // teleportation: the two Bell-measurement bits are uniform, the teleported qubit reads 1 with sin²(θ/2)
        Map<String, Double> teleport = new TreeMap<>();
        for (String m : new String[]{"00", "01", "10", "11"}) {
            teleport.put("0 " + m, c2 / 4);
            teleport.put("1 " + m, s2 / 4);
        }
        // repeat until a fair coin gives 1: k tries with probability 2^-k; the 7th try ends the loop either way
        // (bits print as "ok tries": ok was declared last)
        Map<String, Double> rus = new TreeMap<>();
        for (int k = 1; k <= 6; k++) rus.put("1 " + bits(k, 3), Math.pow(0.5, k));
        rus.put("1 111", Math.pow(0.5, 7));
        rus.put("0 111", Math.pow(0.5, 7));
        // active reset: the first measurement is a fair coin, the second always 0
        Map<String, Double> reset = Map.of("0 0", 0.5, "0 1", 0.5);
        // switch over a uniformly random 2-bit register: r = 1 for cases 0 and 3 (default), 0 for 1 and 2
        Map<String, Double> sw = Map.of("1 00", 0.25, "0 01", 0.25, "0 10", 0.25, "1 11", 0.25);
        return Stream.of(
                Arguments.of("teleportation with if/else", """
                        OPENQASM 3.0;
                        include "stdgates.inc";
                        qubit[3] q;
                        bit[2] m;
                        bit out;
                        ry(%s) q[0];
                        h q[1];
                        cx q[1], q[2];
                        cx q[0], q[1];
                        h q[0];
                        m[0] = measure q[0];
                        m[1] = measure q[1];
                        if (m[1]) { x q[2]; } else { id q[2]; }
                        if (m[0] == 1) { z q[2]; } else { }
                        out = measure q[2];
                        """.formatted(THETA), teleport),
                Arguments.of("repeat until success with while", """
                        OPENQASM 3.0;
                        include "stdgates.inc";
                        qubit q;
                        bit[3] tries;
                        bit ok = 0;
                        int[8] n = 0;
                        while (!ok) {
                            reset q;
                            h q;
                            ok = measure q;
                            n += 1;
                            if (n >= 7) break;
                        }
                        tries = n;
                        """, rus),
                Arguments.of("active reset", """
                        OPENQASM 3.0;
                        include "stdgates.inc";
                        qubit q;
                        bit first;
                        bit second;
                        h q;
                        first = measure q;
                        if (first) x q;
                        second = measure q;
                        """, reset),
                Arguments.of("switch over a measured register", """
                        OPENQASM 3.0;
                        include "stdgates.inc";
                        qubit[2] q;
                        qubit r;
                        bit[2] c;
                        bit out;
                        h q;
                        c = measure q;
                        switch (int(c)) {
                            case 1, 2 { }
                            case 0 { x r; }
                            default { x r; }
                        }
                        out = measure r;
                        """, sw));
    }

    private static String bits(int v, int n) {
        StringBuilder sb = new StringBuilder();
        for (int b = n - 1; b >= 0; b--) sb.append(v >> b & 1);
        return sb.toString();
    }

    @ParameterizedTest(name = "{0} reproduces its hand-computed distribution")
    @MethodSource("programs")
    void dynamicCircuitsReproduceTheirDistributions(String name, String program, Map<String, Double> expected) {
        Circuit c = Qasm3Reader.parse(program, "dyn.qasm");
        assertTrue(c.operations().stream().anyMatch(o -> o instanceof Operation.Dynamic), "runs as a dynamic circuit");
        Map<String, Long> counts;
        try (Result r = Simulator.builder().shots(SHOTS).seed(20261202L).threads(1).build().run(c)) {
            counts = r.counts();
        }
        for (String k : counts.keySet()) assertTrue(expected.containsKey(k), "unexpected outcome " + k + " in " + counts);
        double[] exp = new double[expected.size()];
        long[] obs = new long[expected.size()];
        int i = 0;
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            exp[i] = e.getValue() * SHOTS;
            obs[i++] = counts.getOrDefault(e.getKey(), 0L);
        }
        double p = new ChiSquareTest().chiSquareTest(exp, obs);
        assertTrue(p > 1e-3, name + ": chi-square p = " + p + " for " + counts);
    }

    @ParameterizedTest(name = "{0} gives the same counts at one and two threads")
    @MethodSource("programs")
    void theSameSeedGivesTheSameCountsWhateverTheThreads(String name, String program, Map<String, Double> expected) {
        Circuit c = Qasm3Reader.parse(program, "dyn.qasm");
        Map<String, Long> one, two;
        try (Result r = Simulator.builder().shots(500).seed(7).threads(1).build().run(c)) {
            one = r.counts();
        }
        try (Result r = Simulator.builder().shots(500).seed(7).threads(2).build().run(c)) {
            two = r.counts();
        }
        assertEquals(one.toString(), two.toString());
    }
}
