package org.qise.strange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.redfx.strange.Complex;
import org.redfx.strange.Gate;
import org.redfx.strange.Program;
import org.redfx.strange.Step;
import org.redfx.strange.gate.AddIntegerModulus;
import org.redfx.strange.gate.AddModulus;
import org.redfx.strange.gate.Identity;
import org.redfx.strange.gate.Mul;
import org.redfx.strange.gate.MulModulus;
import org.redfx.strange.gate.PermutationGate;
import org.redfx.strange.local.Computations;
import org.redfx.strange.gate.X;

/**
 * The arithmetic gates that Add and AddInteger (covered by the random programs) are built into:
 * modular multiplication and addition, against closed forms on the inputs they are defined
 * for, and against Strange's own simulator on basis inputs.
 */
class StrangeArithmeticGatesTest {

    private static Program onBasis(int n, int input, Gate gate) {
        Program p = new Program(n);
        Step init = new Step();
        for (int q = 0; q < n; q++) init.addGate((input >> q & 1) == 1 ? new X(q) : new Identity(q));
        p.addStep(init);
        p.addStep(new Step(gate));
        return p;
    }

    private static int bridgeOutcome(Program p) {
        double[] prob = new QiseExecutionEnvironment(1).runProgram(p).probabilities();
        for (int i = 0; i < prob.length; i++) if (Math.abs(prob[i] - 1) < 1e-12) return i;
        throw new AssertionError("not a basis state");
    }

    @Test
    void mulModulusMultipliesModN() {
        // MulModulus(0, 3, 7, 15): x in qubits 0–3 becomes 7·x mod 15; its 6 helper qubits end at 0.
        for (int x = 0; x < 15; x++) {
            assertEquals(7 * x % 15, bridgeOutcome(onBasis(10, x, new MulModulus(0, 3, 7, 15))), "x = " + x);
        }
    }

    @Test
    void addIntegerModulusAddsModN() {
        // AddIntegerModulus(0, 2, 3, 5): x in qubits 0–2 becomes x + 3 mod 5; helper qubit 3 ends at 0.
        for (int x = 0; x < 5; x++) {
            assertEquals((x + 3) % 5, bridgeOutcome(onBasis(4, x, new AddIntegerModulus(0, 2, 3, 5))), "x = " + x);
        }
    }

    @Test
    void permutationGateSwapsTwoQubits() {
        // PermutationGate(a, b, n) is Strange's building block for gates on non-adjacent qubits;
        // Strange's simulator refuses it in a program step, but applies it with
        // Computations.permutateVector(v, a, b), which swaps qubits a and b.
        for (int x = 0; x < 8; x++) {
            int swapped = (x & 0b010) | (x >> 2 & 1) | (x & 1) << 2;
            assertEquals(swapped, bridgeOutcome(onBasis(3, x, new PermutationGate(0, 2, 3))), "x = " + x);
            Complex[] v = new Complex[8];
            for (int i = 0; i < 8; i++) v[i] = i == x ? Complex.ONE : Complex.ZERO;
            Complex[] permuted = Computations.permutateVector(v, 0, 2);
            assertEquals(1, permuted[swapped].abssqr(), 1e-6, "Strange's permutation of " + x);
        }
    }

    @Test
    void arithmeticGatesAgreeWithStrangeOnEveryBasisInput() {
        check(6, 64, () -> new Mul(0, 2, 3));
        check(7, 64, () -> new AddModulus(0, 2, 3, 5, 5));
        check(4, 16, () -> new AddIntegerModulus(0, 2, 3, 5));
        check(10, 16, () -> new MulModulus(0, 3, 7, 15)); // Strange's own simulator is slow at 10 qubits
    }

    /** Compares on basis inputs 0 … inputs−1. */
    private static void check(int n, int inputs, Supplier<Gate> gate) {
        for (int in = 0; in < inputs; in++) {
            double[] ours = StrangeTestSupport.bridgeState(onBasis(n, in, gate.get()));
            double[] strange = StrangeTestSupport.strangeState(onBasis(n, in, gate.get()));
            double d = StrangeTestSupport.distanceUpToPhase(ours, strange);
            assertTrue(d < 1e-5, gate.get().getClass().getSimpleName() + " on input " + in + " differs from Strange by " + d);
        }
    }
}
