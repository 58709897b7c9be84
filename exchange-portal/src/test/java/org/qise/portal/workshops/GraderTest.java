package org.qise.portal.workshops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;
import org.qise.portal.PortalException;
import org.qise.portal.circuits.QasmCheck;

/** Scores against closed forms: overlaps of simple states and traces of one-qubit gates. */
class GraderTest {
    private static final double H = Math.sqrt(0.5);

    private static Circuit qasm(String body) {
        return QasmCheck.parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\n" + body);
    }

    private static double score(Target t, String body) {
        return Grader.grade(t, qasm(body)).score();
    }

    @Test
    void stateFidelityIsTheSquaredOverlap() {
        Target bell = Target.state(List.of(new double[]{H, 0}, new double[]{0, 0}, new double[]{0, 0}, new double[]{H, 0}));
        assertEquals(1.0, score(bell, "qreg q[2];\nh q[0];\ncx q[0],q[1];\n"), 1e-12);
        // |+0⟩ = (|00⟩ + |01⟩)/√2 overlaps the Bell state in |00⟩ only: (1/√2 · 1/√2)² = 1/4 … amplitude 1/2, fidelity 1/4
        assertEquals(0.25, score(bell, "qreg q[2];\nh q[0];\n"), 1e-12);
        assertEquals(0.5, score(bell, "qreg q[2];\n"), 1e-12, "|00⟩ has amplitude 1/√2 in the Bell state");
        // A global phase does not matter: -|Φ+⟩ via z·x·z·x on q0 is still fidelity 1.
        assertEquals(1.0, score(bell, "qreg q[2];\nh q[0];\ncx q[0],q[1];\nx q[0];\nz q[0];\nx q[0];\nz q[0];\n"), 1e-12);
        // An unnormalised target is normalised: [1, 1] is |+⟩.
        Target plus = Target.state(List.of(new double[]{1, 0}, new double[]{1, 0}));
        assertEquals(1.0, score(plus, "qreg q[1];\nh q[0];\n"), 1e-12);
        // Relative phase matters: |−⟩ against |+⟩ scores 0; |+i⟩ scores 1/2.
        assertEquals(0.0, score(plus, "qreg q[1];\nx q[0];\nh q[0];\n"), 1e-12);
        assertEquals(0.5, score(plus, "qreg q[1];\nh q[0];\ns q[0];\n"), 1e-12);
    }

    @Test
    void processFidelityIgnoresGlobalPhase() {
        Target rz = Target.fromReference(TargetKind.UNITARY, qasm("qreg q[1];\nrz(0.8) q[0];\n"));
        // u1(θ) = e^{iθ/2} rz(θ): the same gate up to global phase.
        assertEquals(1.0, score(rz, "qreg q[1];\nu1(0.8) q[0];\n"), 1e-12);
        Target identity = Target.unitary(List.of(List.of(new double[]{1, 0}, new double[]{0, 0}),
                List.of(new double[]{0, 0}, new double[]{1, 0})));
        assertEquals(0.0, score(identity, "qreg q[1];\nx q[0];\n"), 1e-12, "Tr X = 0");
        assertEquals(0.0, score(identity, "qreg q[1];\nh q[0];\n"), 1e-12, "Tr H = 0");
        assertEquals(0.5, score(identity, "qreg q[1];\ns q[0];\n"), 1e-12, "|1 + i|²/4");
        // CNOT as a target from JSON with the control on qubit 0 (the low bit of the index).
        Target cx = Target.unitary(List.of(
                List.of(new double[]{1, 0}, new double[]{0, 0}, new double[]{0, 0}, new double[]{0, 0}),
                List.of(new double[]{0, 0}, new double[]{0, 0}, new double[]{0, 0}, new double[]{1, 0}),
                List.of(new double[]{0, 0}, new double[]{0, 0}, new double[]{1, 0}, new double[]{0, 0}),
                List.of(new double[]{0, 0}, new double[]{1, 0}, new double[]{0, 0}, new double[]{0, 0})));
        assertEquals(1.0, score(cx, "qreg q[2];\ncx q[0],q[1];\n"), 1e-12);
        assertEquals(1.0, score(cx, "qreg q[2];\nh q[1];\ncz q[0],q[1];\nh q[1];\n"), 1e-12, "H·CZ·H on the target is CNOT");
        // CNOT with control and target swapped: both permutations, agreeing only on |00⟩ (q0 = 1 sends
        // |01⟩ to |11⟩ under one and leaves it under the other, …), so Tr = 1 and the score is 1/16.
        assertEquals(1.0 / 16, score(cx, "qreg q[2];\ncx q[1],q[0];\n"), 1e-12);
    }

    @Test
    void distributionScoreIsOneMinusTotalVariation() {
        Target bell = Target.distribution(Map.of("00", 0.5, "11", 0.5));
        double s = score(bell, "qreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n");
        assertTrue(s > 0.97 && s <= 1, "sampling noise of 8192 shots is about 0.005: " + s);
        assertEquals(0.0, score(bell, "qreg q[2];\ncreg c[2];\nx q[0];\nmeasure q -> c;\n"), 1e-12, "01 is never in the target");
        assertEquals(0.5, score(bell, "qreg q[2];\ncreg c[2];\nmeasure q -> c;\n"), 1e-12, "all 00: TV = ½(|0.5−1| + 0.5)");
        assertEquals(0.5, Grader.totalVariation(Map.of("0", 1.0), Map.of("0", 50L, "1", 50L), 100), 1e-12);
    }

    @Test
    void targetsAndSubmissionsThatDoNotFitAreRefused() {
        assertThrows(PortalException.class, () -> Target.unitary(List.of(List.of(new double[]{1, 0}, new double[]{1, 0}),
                List.of(new double[]{0, 0}, new double[]{1, 0}))), "not unitary");
        assertThrows(PortalException.class, () -> Target.distribution(Map.of("0", 0.5, "1", 0.4)), "does not sum to 1");
        assertThrows(PortalException.class, () -> Target.state(List.of(new double[]{1, 0}, new double[]{0, 0}, new double[]{0, 0})), "not 2^n");
        Target plus = Target.state(List.of(new double[]{1, 0}, new double[]{1, 0}));
        var measured = assertThrows(PortalException.class, () -> score(plus, "qreg q[1];\ncreg c[1];\nh q[0];\nmeasure q -> c;\n"));
        assertTrue(measured.getMessage().contains("gates only"), measured.getMessage());
        var wide = assertThrows(PortalException.class, () -> score(plus, "qreg q[2];\nh q[0];\n"));
        assertTrue(wide.getMessage().contains("the exercise is on 1 qubits, but the circuit has 2"), wide.getMessage());
    }

    @Test
    void aCheckerTargetScoresOneOrZeroWithTheCheckersOwnMessage() {
        Target singlet = TargetInput.parse(TargetKind.CHECKER, "singlet");
        assertEquals(2, singlet.numQubits());
        assertEquals("singlet", singlet.toData());
        // (|01⟩ − |10⟩)/√2: a Bell pair, one qubit flipped, and the sign from a Z.
        Grader.Grade right = Grader.grade(singlet, qasm("qreg q[2];\nh q[0];\ncx q[0],q[1];\nx q[1];\nz q[0];\n"));
        assertEquals(1.0, right.score());
        Grader.Grade wrong = Grader.grade(singlet, qasm("qreg q[2];\nh q[0];\ncx q[0],q[1];\nx q[1];\n"));
        assertEquals(0.0, wrong.score());
        assertTrue(wrong.detail().contains("the sign between |01⟩ and |10⟩ must be −"), wrong.detail());
        PortalException unknown = assertThrows(PortalException.class, () -> TargetInput.parse(TargetKind.CHECKER, "triplet"));
        assertTrue(unknown.getMessage().contains("'triplet'") && unknown.getMessage().contains("singlet"), unknown.getMessage());
        assertEquals(TargetKind.CHECKER, TargetKind.parse("checker:singlet"));
        assertEquals("singlet", TargetKind.checkerName("Checker: singlet"));
    }
}
