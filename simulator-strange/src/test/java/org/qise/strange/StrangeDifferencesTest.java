package org.qise.strange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redfx.strange.Complex;
import org.redfx.strange.Program;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.Identity;
import org.redfx.strange.gate.RotationZ;
import org.redfx.strange.gate.Swap;
import org.redfx.strange.gate.Toffoli;
import org.redfx.strange.gate.X;
import org.redfx.strange.local.SimpleQuantumExecutionEnvironment;

/**
 * Where Strange 0.1.3's own simulator computes something physically wrong, each test shows its
 * answer next to the bridge's, and checks the bridge against a closed form.
 */
class StrangeDifferencesTest {

    /** A program that prepares basis state {@code input} with X gates (one step, all qubits). */
    private static Program basis(int n, int input, Step... then) {
        Program p = new Program(n);
        Step init = new Step();
        for (int q = 0; q < n; q++) init.addGate((input >> q & 1) == 1 ? new X(q) : new Identity(q));
        p.addStep(init);
        p.addSteps(then);
        return p;
    }

    /** The basis state a program ends in (asserting it ends in one) under Strange's simulator. */
    private static int strangeOutcome(Program p) {
        return definite(StrangeTestSupport.probabilities(StrangeTestSupport.strangeState(p)), 1e-5);
    }

    private static int bridgeOutcome(Program p) {
        return definite(new QiseExecutionEnvironment(3).runProgram(p).probabilities(), 1e-12);
    }

    private static int definite(double[] p, double tolerance) {
        for (int i = 0; i < p.length; i++) if (Math.abs(p[i] - 1) < tolerance) return i;
        throw new AssertionError("not a basis state: " + java.util.Arrays.toString(p));
    }

    @Test
    void toffoliWithUnorderedArgumentsActsOnTheNamedQubits() {
        List<String> strangeWrong = new ArrayList<>();
        int orders = 0;
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                for (int c = 0; c < 4; c++) {
                    if (a == b || b == c || a == c) continue;
                    orders++;
                    boolean wrong = false;
                    for (int in = 0; in < 16; in++) {
                        // closed form: the target c flips where both controls a and b are 1
                        int expected = in ^ (((in >> a) & (in >> b) & 1) << c);
                        Program p = basis(4, in, new Step(new Toffoli(a, b, c)));
                        assertEquals(expected, bridgeOutcome(p), "Toffoli(" + a + "," + b + "," + c + ") on " + in);
                        if (strangeOutcome(basis(4, in, new Step(new Toffoli(a, b, c)))) != expected) wrong = true;
                    }
                    if (wrong) strangeWrong.add(a + "" + b + c);
                }
            }
        }
        assertEquals(24, orders);
        assertEquals(List.of("021", "032", "102", "132", "201", "203", "213", "302", "312"), strangeWrong,
                "orders in which Strange's simulator hits the wrong qubits");
        for (String order : strangeWrong) assertTrue(!isAscending(order), order + " is ascending");
    }

    private static boolean isAscending(String abc) {
        return abc.charAt(0) < abc.charAt(1) && abc.charAt(1) < abc.charAt(2);
    }

    @Test
    void gatesInOneStepThatSpanEachOtherAllApply() {
        // Swap(0,2) spans qubit 1, where X(1) stands in the same step. From |001>: the swap
        // moves the 1 to qubit 2 and X sets qubit 1, giving |110> = 6.
        Program p = basis(3, 1, new Step(new Swap(0, 2), new X(1)));
        assertEquals(6, bridgeOutcome(p));
        assertEquals(4, strangeOutcome(basis(3, 1, new Step(new Swap(0, 2), new X(1)))), "Strange drops the X");
    }

    @Test
    void rotationZRotatesTheRelativePhase() {
        double theta = 1.1;
        // H · rz(θ) · H |0> has P(1) = sin²(θ/2)
        Program p = new Program(1, new Step(new Hadamard(0)), new Step(new RotationZ(theta, 0)), new Step(new Hadamard(0)));
        double ours = new QiseExecutionEnvironment(1).runProgram(p).probabilities()[1];
        assertEquals(Math.pow(Math.sin(theta / 2), 2), ours, 1e-12);
        Program again = new Program(1, new Step(new Hadamard(0)), new Step(new RotationZ(theta, 0)), new Step(new Hadamard(0)));
        double strange = StrangeTestSupport.probabilities(StrangeTestSupport.strangeState(again))[1];
        assertEquals(0, strange, 1e-6, "Strange's RotationZ is a global phase, so H·Rz·H = I");
    }

    @Test
    void initializeQubitActsOnTheQubitItNames() {
        double alpha = 0.6; // qubit 0 starts as 0.6|0> + 0.8|1>
        Program p = new Program(3, new Step(new Identity(1)));
        p.initializeQubit(0, alpha);
        QiseResult ours = new QiseExecutionEnvironment(1).runProgram(p);
        assertEquals(1 - alpha * alpha, ours.getQubits()[0].getProbability(), 1e-12);
        assertEquals(0.64, ours.probabilities()[1], 1e-12);
        assertEquals(0.36, ours.probabilities()[0], 1e-12);

        Program again = new Program(3, new Step(new Identity(1)));
        again.initializeQubit(0, alpha);
        double[] strange = StrangeTestSupport.probabilities(StrangeTestSupport.strangeState(again));
        assertEquals(0.64, strange[4], 1e-6, "Strange prepares qubit 2 (index 4) instead of qubit 0");
        assertEquals(0, strange[1], 1e-6);
    }

    @Test
    void emptyProgramGivesItsInitialState() {
        Program p = new Program(2);
        p.initializeQubit(1, 0); // qubit 1 starts as |1>
        QiseResult ours = new QiseExecutionEnvironment(1).runProgram(p);
        assertEquals(1, ours.probabilities()[2], 1e-12);
        assertEquals(1, ours.getQubits()[1].measure());
        assertEquals(0, ours.getQubits()[0].measure());
        Complex[] v = ours.getProbability();
        assertEquals(1, v[2].abssqr(), 1e-6);
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> new SimpleQuantumExecutionEnvironment().runProgram(new Program(2)),
                "Strange's simulator fails on a program without steps");
    }
}
