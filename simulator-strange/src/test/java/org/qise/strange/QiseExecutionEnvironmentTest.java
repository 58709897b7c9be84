package org.qise.strange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.redfx.strange.Complex;
import org.redfx.strange.Program;
import org.redfx.strange.Qubit;
import org.redfx.strange.Result;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Cnot;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.Measurement;
import org.redfx.strange.gate.Oracle;
import org.redfx.strange.gate.ProbabilitiesGate;
import org.redfx.strange.gate.RotationX;
import org.redfx.strange.gate.X;

/** How the environment fills Strange's Result, handles measurements, threads and errors. */
class QiseExecutionEnvironmentTest {

    private static Program bell() {
        return new Program(2, new Step(new Hadamard(0)), new Step(new Cnot(0, 1)));
    }

    @Test
    void bellStateResultLooksLikeStrangesOwn() {
        Program p = bell();
        QiseResult r = new QiseExecutionEnvironment(1).runProgram(p);
        assertSame(r, p.getResult());
        Complex[] v = r.getProbability();
        assertEquals(4, v.length);
        assertEquals(Math.sqrt(0.5), v[0].r, 1e-7);
        assertEquals(Math.sqrt(0.5), v[3].r, 1e-7);
        assertEquals(0.5, r.probabilities()[0], 1e-15);
        assertEquals(0.5, r.probabilities()[3], 1e-15);
        Qubit[] q = r.getQubits();
        assertEquals(2, q.length);
        assertEquals(0.5, q[0].getProbability(), 1e-15);
        assertEquals(q[0].measure(), q[1].measure(), "Bell pair qubits are measured equal");
        int index = r.getMeasuredProbability();
        assertTrue(index == 0 || index == 3);
        assertEquals(index & 1, q[0].measure());
    }

    @Test
    void aSeedFixesTheMeasuredValuesAndBothOutcomesOccur() {
        int[] first = new int[40], second = new int[40];
        QiseExecutionEnvironment a = new QiseExecutionEnvironment(7), b = new QiseExecutionEnvironment(7);
        for (int i = 0; i < 40; i++) {
            first[i] = a.runProgram(bell()).getMeasuredProbability();
            second[i] = b.runProgram(bell()).getMeasuredProbability();
        }
        assertArrayEquals(first, second);
        long ones = java.util.Arrays.stream(first).filter(x -> x == 3).count();
        assertTrue(ones > 5 && ones < 35, "outcome 3 came " + ones + " times in 40");
    }

    @Test
    void probabilitiesGateStepsGetSnapshotsAndTheGateHoldsThem() {
        ProbabilitiesGate probe = new ProbabilitiesGate(0);
        Program p = new Program(2, new Step(new Hadamard(0)), new Step(probe), new Step(new Cnot(0, 1)), new Step(new X(0)));
        QiseResult r = new QiseExecutionEnvironment(1).runProgram(p);
        Complex[] atProbe = r.getIntermediateProbability(1);
        assertEquals(0.5, atProbe[1].abssqr(), 1e-7); // H|0> on qubit 0: |00> and |01>
        assertEquals(0, atProbe[3].abssqr(), 1e-7);
        assertSame(atProbe, probe.getProbabilities());
        // The last step holds the final state: X·CNOT·H|00> = (|01> + |10>)/√2.
        Complex[] last = r.getIntermediateProbability(3);
        assertEquals(0.5, last[1].abssqr(), 1e-7);
        assertEquals(0.5, last[2].abssqr(), 1e-7);
        assertEquals(Math.sqrt(0.5), r.amplitudes()[2], 1e-15);
    }

    @Test
    void everyGetterAnswersAsStrangesOwnResultFilledWithTheClosedFormStates() {
        // Strange's own Result, filled as Strange fills it (initial state, the probe's snapshot,
        // the final state), is the reference for what QiseResult answers without storing them there
        double s = Math.sqrt(0.5);
        Result reference = new Result(2, 4);
        reference.setIntermediateProbability(0, new Complex[]{Complex.ONE, Complex.ZERO, Complex.ZERO, Complex.ZERO});
        reference.setIntermediateProbability(1, new Complex[]{new Complex(s, 0), new Complex(s, 0), Complex.ZERO, Complex.ZERO});
        reference.setIntermediateProbability(3, new Complex[]{Complex.ZERO, new Complex(s, 0), new Complex(s, 0), Complex.ZERO});

        Program p = new Program(2, new Step(new Hadamard(0)), new Step(new ProbabilitiesGate(0)), new Step(new Cnot(0, 1)), new Step(new X(0)));
        QiseResult r = new QiseExecutionEnvironment(1).runProgram(p);
        for (int step = 0; step < 4; step++) {
            assertAmplitudesEqual(reference.getIntermediateProbability(step), r.getIntermediateProbability(step), "step " + step);
        }
        assertAmplitudesEqual(reference.getProbability(), r.getProbability(), "final state");
        assertEquals(reference.getIntermediateQubits().keySet(), r.getIntermediateQubits().keySet());
        reference.getIntermediateQubits().forEach((step, qubits) -> {
            for (int q = 0; q < 2; q++) {
                assertEquals(qubits[q].getProbability(), r.getIntermediateQubits().get(step)[q].getProbability(), 1e-7, "step " + step + " qubit " + q);
            }
        });
        for (int q = 0; q < 2; q++) assertEquals(reference.getQubits()[q].getProbability(), r.getQubits()[q].getProbability(), 1e-7);
        assertSame(r.getProbability(), r.getProbability(), "converted once");
        assertThrows(IndexOutOfBoundsException.class, () -> r.getIntermediateProbability(4));
    }

    private static void assertAmplitudesEqual(Complex[] expected, Complex[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].r, actual[i].r, 1e-7, what + ", amplitude " + i);
            assertEquals(expected[i].i, actual[i].i, 1e-7, what + ", amplitude " + i);
        }
    }

    @Test
    void measurementFollowedOnlyByControlsIsDeferredSoTheFullDistributionRemains() {
        Program p = new Program(2, new Step(new Hadamard(0)), new Step(new Measurement(0)), new Step(new Cnot(0, 1)));
        QiseResult r = new QiseExecutionEnvironment(1).runProgram(p);
        assertEquals(0.5, r.probabilities()[0], 1e-15);
        assertEquals(0.5, r.probabilities()[3], 1e-15);
    }

    @Test
    void measurementFollowedByARotationCollapsesTheQubit() {
        // H, measure, then rx(π/2): a run that collapses ends in rx(π/2)|b> for its outcome b,
        // never in rx(π/2)|+> (what an ignored measurement would leave).
        int zeros = 0;
        QiseExecutionEnvironment env = new QiseExecutionEnvironment(3);
        for (int run = 0; run < 40; run++) {
            Program p = new Program(1, new Step(new Hadamard(0)), new Step(new Measurement(0)), new Step(new RotationX(Math.PI / 2, 0)));
            double[] a = env.runProgram(p).amplitudes();
            double s = Math.sqrt(0.5);
            boolean fromZero = Math.abs(a[0] - s) < 1e-12 && Math.abs(a[3] + s) < 1e-12;  // rx|0> = s|0> − i·s|1>
            boolean fromOne = Math.abs(a[1] + s) < 1e-12 && Math.abs(a[2] - s) < 1e-12;   // rx|1> = −i·s|0> + s|1>
            assertTrue(fromZero || fromOne, "not a collapsed state: " + java.util.Arrays.toString(a));
            if (fromZero) zeros++;
        }
        assertTrue(zeros > 5 && zeros < 35, "outcome 0 came " + zeros + " times in 40");
    }

    @Test
    void callbackRunsOnAnotherThreadWithTheSameResult() throws Exception {
        CompletableFuture<Result> done = new CompletableFuture<>();
        CompletableFuture<String> thread = new CompletableFuture<>();
        new QiseExecutionEnvironment(1).runProgram(bell(), r -> {
            thread.complete(Thread.currentThread().getName());
            done.complete(r);
        });
        Result r = done.get(30, TimeUnit.SECONDS);
        assertEquals(0.5, r.getProbability()[3].abssqr(), 1e-7);
        assertTrue(!thread.get().equals(Thread.currentThread().getName()));
        assertEquals(new QiseExecutionEnvironment(1).runProgram(bell()).getMeasuredProbability(), r.getMeasuredProbability(), "the first run of a seed measures the same either way");
    }

    @Test
    void badProgramsFailWithMessagesNamingTheStepAndGate() {
        Program oracleWithoutMatrix = new Program(2, new Step(new Hadamard(0)), new Step(new Oracle(1)));
        StrangeConversionException e = assertThrows(StrangeConversionException.class,
                () -> new QiseExecutionEnvironment(1).runProgram(oracleWithoutMatrix));
        assertEquals(1, e.step());
        assertTrue(e.getMessage().startsWith("step 1: Oracle"), e.getMessage());

        Program tooFew = new Program(2, new Step(new Cnot(0, 3)));
        e = assertThrows(StrangeConversionException.class, () -> new QiseExecutionEnvironment(1).runProgram(tooFew, r -> { }));
        assertTrue(e.getMessage().contains("qubit 3 is outside the program's 2 qubits"), e.getMessage());

        Program badAlpha = new Program(1, new Step(new X(0)));
        badAlpha.initializeQubit(0, 1.5);
        e = assertThrows(StrangeConversionException.class, () -> new QiseExecutionEnvironment(1).runProgram(badAlpha));
        assertTrue(e.getMessage().contains("initializeQubit(0, 1.5)"), e.getMessage());

        assertThrows(IllegalArgumentException.class, () -> new QiseExecutionEnvironment("warp", 1, 1));

        e = assertThrows(StrangeConversionException.class, () -> new QiseExecutionEnvironment(1).runProgram(new Program(27, new Step(new X(0)))));
        assertTrue(e.getMessage().contains("at most 26"), e.getMessage());
        assertEquals(27, StrangeConverter.toCircuit(new Program(27, new Step(new X(0)))).numQubits(), "conversion alone has no limit");
    }

    @Test
    void defaultEnvironmentWorksWithoutASeed() {
        QiseExecutionEnvironment env = new QiseExecutionEnvironment();
        assertNotNull(env.runProgram(new Program(1, new Step(new X(0)))).getQubits());
        assertEquals(1, env.runProgram(new Program(1, new Step(new X(0)))).getQubits()[0].measure());
    }
}
