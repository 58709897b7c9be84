package org.qise.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Operation;
import org.qise.engine.Engine;
import org.qise.engine.QuantumState;
import org.qise.engine.exact.ExactEngine;
import org.qise.engine.fast.FastEngine;

/**
 * Qubits in a known basis state are kept off the state (KnownQubits): the rewritten program must
 * give exactly the counts of the program that runs every operation on the state, shot for shot,
 * because both draw the same numbers in the same order.
 */
class KnownQubitsTest {

    /** Counts of {@code shots} shots of the program, replayed as the simulator does (prefix once, then a copy per shot). */
    private static Map<String, Long> counts(Circuit c, Engine engine, boolean track, int shots, long seed) {
        ShotProgram p = ShotProgram.compile(c, engine, track);
        Map<String, Long> counts = new TreeMap<>();
        try (QuantumState start = engine.allocate(p.stateQubits)) {
            start.run(p.prefix);
            for (long shot = 0; shot < shots; shot++) {
                try (QuantumState s = start.copy()) {
                    counts.merge(Bitstrings.format(p.run(s, c.numClbits(), Rng.stream(seed, shot)), c.cregs()), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    /**
     * The shape of QASMBench's bwt: a coin in superposition, ancillas reset again and again and
     * computed on with x, cx and ccx whose controls are ancillas.
     */
    private static Circuit ancillaLadder(int rounds) {
        CircuitBuilder b = Circuit.builder(5, 5).h(0);
        for (int i = 0; i < rounds; i++) {
            b.reset(3).reset(4).x(4).cx(4, 3) // q3 = q4 = 1, both known
                    .ccx(3, 4, 1) // flips q1: all known
                    .t(3).s(4) // phases on known qubits: global
                    .ccx(0, 3, 2) // q3 known 1: becomes cx(0, 2) on the state
                    .cx(0, 2) // undoes it: q2 stays entangled with the coin in between
                    .reset(3).reset(1); // q3 was 1: the reset is a certain flip; q1 back to 0
        }
        return b.measureAll().build();
    }

    @Test
    void aBwtShapedLadderTouchesTheStateOnlyForTheGatesOnTheCoin() {
        try (FastEngine engine = new FastEngine(1)) {
            ShotProgram p = ShotProgram.compile(ancillaLadder(40), engine, true);
            long onState = p.instructions.stream()
                    .filter(in -> in instanceof ShotProgram.Reset || in instanceof ShotProgram.Measure || in instanceof ShotProgram.Gates).count();
            // q0 and q2 are entangled (measured on the state); q1, q3, q4 are known to the end.
            assertEquals(2, onState, "only the measurements of q0 and q2 read the state: " + p.instructions.size() + " instructions");
            assertEquals(160, p.known.knownResets(), "every reset is of a known qubit");
            assertEquals(3, p.known.knownMeasures());
            assertEquals(81, p.prefix.gates().size(), "h, then 40 × the reduced ccx and the cx on the coin");
            assertEquals(2, p.known.materialisations(), "q0 joins the state for its h, q2 for the first reduced ccx; neither leaves it");
            assertEquals(2, p.stateQubits, "the shots run on q0 and q2 only");
        }
    }

    @Test
    void theLadderGivesTheClosedFormCounts() {
        try (FastEngine engine = new FastEngine(2)) {
            Map<String, Long> c = counts(ancillaLadder(25), engine, true, 2000, 9);
            // The coin is q0; q2 is back to 0; q1 = 0 after its reset; q3 = 0 (reset); q4 = 1.
            assertEquals(2, c.size(), c.toString());
            long heads = c.getOrDefault("10001", 0L), tails = c.getOrDefault("10000", 0L);
            assertEquals(2000, heads + tails, c.toString());
            assertTrue(Math.abs(heads - 1000) < 4 * Math.sqrt(500), "a fair coin: " + c);
        }
    }

    @Test
    void knownControlsThatHoldOneAreDroppedAndOnesThatHoldZeroRemoveTheGate() {
        List<Operation> ops = Circuit.builder(4, 0).x(1).h(0).ccx(0, 1, 2).ccx(0, 3, 2).cswap(1, 0, 3).build().operations();
        List<KnownQubits.Step> steps = KnownQubits.rewrite(4, ops).steps();
        // x on q1 is recorded only; h on q0 runs; ccx(0,1,2) becomes cx(0,2); ccx(0,3,2) never fires;
        // cswap(1,0,3) becomes swap(0,3), which needs q3 on the state (it holds 0 there already).
        assertEquals(3, steps.size(), steps.toString());
        Operation.GateOp cx = (Operation.GateOp) ((KnownQubits.Physical) steps.get(1)).op();
        assertEquals(1, cx.gate().controls());
        assertArrayEquals(new int[]{0, 1}, cx.qubits(), "q0 and q2 in the first two slots of the state");
        Operation.GateOp swap = (Operation.GateOp) ((KnownQubits.Physical) steps.get(2)).op();
        assertEquals(0, swap.gate().controls());
        assertArrayEquals(new int[]{0, 2}, swap.qubits(), "q3 takes the third slot");
    }

    @Test
    void aResetGivesItsSlotBackSoMeasuredQubitsOneAfterAnotherShareOne() {
        CircuitBuilder b = Circuit.builder(6, 6);
        for (int q = 0; q < 6; q++) b.h(q).measure(q, q).reset(q).x(q);
        Circuit c = b.build();
        try (FastEngine fast = new FastEngine(1); ExactEngine exact = new ExactEngine()) {
            assertEquals(1, ShotProgram.compile(c, fast, true).stateQubits);
            Map<String, Long> counts = counts(c, fast, true, 640, 3);
            assertEquals(counts(c, exact, false, 640, 3), counts);
            assertEquals(64, counts.size(), "six fair coins: " + counts);
        }
    }

    @Test
    void theStateIsPaddedToTheEnginesMinimumWithoutChangingTheCounts() {
        Circuit c = ancillaLadder(5);
        try (FastEngine fast = new FastEngine(1);
             CountingEngine wide = new CountingEngine(new FastEngine(1)) { // as an mpi engine of 8 ranks would ask
                 @Override public int minimumQubits() { return 3; }
             }) {
            assertEquals(3, ShotProgram.compile(c, wide, true).stateQubits);
            assertEquals(counts(c, fast, true, 300, 4), counts(c, wide, true, 300, 4));
        }
    }

    @Test
    void aCircuitWithADynamicBlockKeepsEveryQubitAtItsIndex() {
        try (FastEngine fast = new FastEngine(1)) {
            Circuit c = Circuit.builder(3, 1).x(2).add(new Operation.Dynamic(new org.qise.circuit.DynamicBlock() {
                @Override public void run(ShotContext shot) { shot.measure(2); }
                @Override public String summary() { return "measure q2"; }
            }, new int[]{0, 1, 2})).build();
            ShotProgram p = ShotProgram.compile(c, fast, true);
            assertEquals(3, p.stateQubits);
            // the block reads q2 from the state: the recorded x must be there before it runs
            assertEquals(1, p.prefix.gates().size(), p.prefix.gates().toString());
        }
    }

    @Test
    void aQubitHandedBackToTheStateGetsItsRecordedValueFirst() {
        // x q1 is recorded (the state still holds 0 for q1); h q1 must act on |1⟩, so an x goes first.
        List<KnownQubits.Step> steps = KnownQubits.rewrite(2, Circuit.builder(2, 0).x(1).h(1).build().operations()).steps();
        assertEquals(2, steps.size(), steps.toString());
        assertEquals("x", ((Operation.GateOp) ((KnownQubits.Physical) steps.get(0)).op()).gate().name());
    }

    /**
     * Random circuits rich in ancilla work, mid-circuit measurements, resets and conditions:
     * tracked on the fast engine at 1 and 2 threads, they give the counts the exact engine gives
     * running every operation on its state, shot for shot.
     */
    @ParameterizedTest(name = "random circuit {0}, fast engine at {1} thread(s)")
    @CsvSource({"1,1", "2,2", "3,1", "4,2", "5,1", "6,2", "7,1", "8,2", "9,1", "10,2", "11,1", "12,2"})
    void randomDynamicCircuitsGiveTheExactEnginesCountsShotForShot(long seed, int threads) {
        Circuit c = randomCircuit(new Random(seed));
        Map<String, Long> reference;
        try (ExactEngine exact = new ExactEngine()) {
            reference = counts(c, exact, false, 400, seed);
        }
        try (FastEngine fast = new FastEngine(threads)) {
            ShotProgram p = ShotProgram.compile(c, fast, true);
            assertTrue(p.known.classicalGates() + p.known.knownResets() > 0, "the tracker has work in this circuit");
            assertEquals(reference, counts(c, fast, true, 400, seed), c.operations().toString());
        }
    }

    private static Circuit randomCircuit(Random rnd) {
        int n = 5;
        CircuitBuilder b = Circuit.builder().qreg("q", n).creg("c", 2).creg("m", n);
        for (int i = 0; i < 70; i++) {
            int a = rnd.nextInt(n), t = (a + 1 + rnd.nextInt(n - 1)) % n, u = other(rnd, n, a, t);
            switch (rnd.nextInt(16)) {
                case 0, 1 -> b.x(a);
                case 2, 3 -> b.cx(a, t);
                case 4, 5 -> b.ccx(a, t, u);
                case 6 -> b.swap(a, t);
                case 7 -> b.cswap(a, t, u);
                case 8 -> b.h(a);
                case 9 -> b.ry(rnd.nextDouble() * 3, a).t(a).s(t);
                case 10 -> b.rz(rnd.nextDouble(), a).cz(a, t);
                case 11, 12 -> b.reset(a);
                case 13 -> b.measure(a, rnd.nextInt(2));
                case 14 -> {
                    int q = a;
                    b.ifEquals("c", rnd.nextInt(4), body -> body.x(q));
                }
                default -> {
                    int q = a;
                    b.ifEquals("c", rnd.nextInt(4), body -> body.reset(q));
                }
            }
        }
        for (int q = 0; q < n; q++) b.measure(q, 2 + q);
        return b.build();
    }

    private static int other(Random rnd, int n, int a, int t) {
        int u;
        do u = rnd.nextInt(n); while (u == a || u == t);
        return u;
    }
}
