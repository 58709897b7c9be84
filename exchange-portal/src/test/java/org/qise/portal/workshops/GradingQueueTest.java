package org.qise.portal.workshops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.portal.PortalException;

/** Grading as a bounded job: size and caps checked first, a small parse limit, and stopped when its time is up. */
class GradingQueueTest {
    private static final String HEADER = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";
    private static final Target COIN = Target.distribution(Map.of("0", 0.5, "1", 0.5));

    /** A gate defined as two copies of the previous one, {@code depth} times: 2^depth x gates from a few hundred bytes. */
    static String doubling(int depth) {
        StringBuilder sb = new StringBuilder(HEADER + "gate g0 a { x a; }\n");
        for (int i = 1; i <= depth; i++) sb.append("gate g").append(i).append(" a { g").append(i - 1).append(" a; g").append(i - 1).append(" a; }\n");
        return sb.append("qreg q[1];\ncreg c[1];\nh q[0];\ng").append(depth).append(" q[0];\nmeasure q[0] -> c[0];\n").toString();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // 2^40 operations from under a kilobyte: the parser's small limit stops it, with where.
                Arguments.of("a definition that doubles 40 times", doubling(40), 422, "circuit.qasm:"),
                // 2^9 + 1 = 513 gates parse under the limit, but exceed the grading cap of 300 gates.
                Arguments.of("513 gates against a cap of 300", doubling(9), 422, "gates 513 exceeds the cap of 300"),
                Arguments.of("more than 100000 bytes", HEADER + "qreg q[1];\n" + "x q[0];\n".repeat(20_000), 413, "at most 100000 bytes"),
                Arguments.of("nothing", "  ", 400, "empty"),
                Arguments.of("20 qubits against a cap of 12", HEADER + "qreg q[20];\ncreg c[20];\nmeasure q -> c;\n", 422,
                        "qubits 20 exceeds the cap of 12"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("refused")
    void untrustedSubmissionsAreRefusedBeforeTheyCostMuch(String what, String qasm, int status, String message) {
        try (GradingQueue q = new GradingQueue(1, 4, Duration.ofSeconds(30), 300, 12)) {
            PortalException e = assertThrows(PortalException.class, () -> q.grade(COIN, qasm));
            assertEquals(status, e.status(), e.getMessage());
            assertTrue(e.getMessage().contains(message), e.getMessage());
        }
    }

    @Test
    void aGradingPastItsTimeLimitIsStoppedAndFreesItsWorker() throws InterruptedException {
        // A mid-circuit measurement makes every one of the 8192 shots a separate simulation of 10 qubits and 900 gates.
        StringBuilder slow = new StringBuilder(HEADER + "qreg q[10];\ncreg c[10];\nh q[0];\nmeasure q[0] -> c[0];\n");
        for (int i = 0; i < 90; i++) for (int j = 0; j < 10; j++) slow.append("rx(0.1) q[").append(j).append("];\n");
        slow.append("measure q -> c;\n");
        try (GradingQueue q = new GradingQueue(1, 4, Duration.ofMillis(1), 10_000, 12)) {
            PortalException e = assertThrows(PortalException.class,
                    () -> q.grade(Target.distribution(Map.of("0000000000", 1.0)), slow.toString()));
            assertEquals(422, e.status());
            assertEquals("grading stopped after the time limit of 1 ms", e.getMessage());
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (q.active() > 0 && System.nanoTime() < until) Thread.sleep(10);
            assertEquals(0, q.active(), "the stopped job no longer occupies its worker");
        }
    }

    static Stream<Arguments> oversizedReferences() {
        return Stream.of(
                Arguments.of("a definition that doubles 40 times", doubling(40), 422),
                Arguments.of("10 001 gates against a cap of 10 000", HEADER + "qreg q[1];\n" + "x q[0];\n".repeat(10_001), 422),
                Arguments.of("more than 100000 bytes", HEADER + "qreg q[1];\n" + "x q[0];\n".repeat(20_000), 413));
    }

    @ParameterizedTest(name = "a reference solution of {0}: {2}")
    @MethodSource("oversizedReferences")
    void aReferenceSolutionIsHeldToTheSameBounds(String what, String qasm, int status) {
        PortalException e = assertThrows(PortalException.class, () -> TargetInput.parse(TargetKind.DISTRIBUTION, qasm));
        assertEquals(status, e.status(), e.getMessage());
    }

    @Test
    void aCheckerGradingPastItsTimeLimitIsStoppedToo() throws InterruptedException {
        // Each of the checker's 3 × 400 shots may run a loop of 2000 × 8 gates on a qubit in superposition (no
        // bookkeeping shortcut applies): seconds of work, far past the limit even on an idle machine.
        String spinning = String.join("\n", "OPENQASM 3.0;", "include \"stdgates.inc\";", "qubit[3] q;", "bit[2] m;",
                "m[0] = measure q[0];", "m[1] = measure q[1];", "int[16] n = 0;",
                "while (m[0] == 0 && n < 2000) { h q[2]; t q[2]; h q[2]; s q[2]; h q[2]; t q[2]; h q[2]; s q[2]; n += 1; }", "");
        // 300 ms: enough to parse, so that the stop reaches the checker's own checkpoints.
        try (GradingQueue q = new GradingQueue(1, 4, Duration.ofMillis(300), 10_000, 12)) {
            PortalException e = assertThrows(PortalException.class, () -> q.grade(Target.checker("teleportation-program"), spinning));
            assertEquals(422, e.status());
            assertEquals("grading stopped after the time limit of 300 ms", e.getMessage());
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (q.active() > 0 && System.nanoTime() < until) Thread.sleep(10);
            assertEquals(0, q.active(), "the stopped checker no longer occupies its worker");
        }
    }

    @Test
    void anOrdinarySubmissionIsGradedAsBefore() {
        try (GradingQueue q = new GradingQueue(1, 4, Duration.ofSeconds(30), 1000, 12)) {
            Grader.Grade g = q.grade(COIN, HEADER + "qreg q[1];\ncreg c[1];\nh q[0];\nmeasure q[0] -> c[0];\n");
            // The same seeded shots graded directly.
            assertEquals(Grader.grade(COIN, org.qise.portal.circuits.QasmCheck.parse(
                    HEADER + "qreg q[1];\ncreg c[1];\nh q[0];\nmeasure q[0] -> c[0];\n")).score(), g.score(), 0);
            assertTrue(g.score() > 0.98, g.detail());
        }
    }
}
