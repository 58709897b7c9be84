package org.qise.engine.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.engine.Plan;
import org.qise.engine.QuantumState;
import org.qise.engine.exact.ExactEngine;
import org.qise.engine.fast.FastEngine;
import org.qise.engine.fast.FastStateMemory;

/**
 * Moves inside a slice by relabelling, without MPI. First the fast engine's part: a plan of m
 * qubits run with its qubits placed anywhere in a larger state must give every block exactly the
 * bits that the plan gives the block copied out into a state of its own. Then the distributed
 * engine's moves, replayed on one state for each rank count (exchanges as swaps of the data, moves
 * inside the slice as relabelling): the same bits for every rank count up to 2^split, and the
 * circuit's state (the exact engine's) to 1e-12.
 */
class MpiRelabelTest {
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE;

    @ParameterizedTest(name = "a {0}-qubit plan of {2} gates placed in a {1}-qubit state (lanes moved: {3}) gives each block the bits of the plan on the block alone")
    @CsvSource({
            "10, 12, 120, true",   // one whole-state step of small blocks, gathered, lane qubits moved too
            "10, 12, 120, false",
            "14, 16, 150, true",   // stages of 12-qubit chunks, gathered in placed order
            "14, 15, 150, false",
            "19, 20, 60,  false",  // stages, and whole-state steps whose kernels are rebuilt at the placed qubits
    })
    void aPlacedPlanGivesEveryBlockTheBitsOfThePlanOnTheBlockAlone(int m, int n, int count, boolean movesLanes) {
        Random r = new Random(m * 100L + n);
        List<Operation.GateOp> gates = MpiCheckMain.random(m, count, r);
        try (FastEngine fast = new FastEngine(2)) {
            checkPlaced(fast, fast.compile(m, gates), m, n, placement(m, n, movesLanes, r), r);
        }
    }

    @Test
    void singleGatesOfAWidePlanRunAtThePlacedQubitsWithTheSameBits() {
        // One gate per plan: each is a whole-state step, whose kernel is rebuilt at the placed qubits (diagonal,
        // permutation, dense on a vector qubit, on a lane qubit, two and three qubits, lane controls).
        int m = 19, n = 20;
        Random r = new Random(5);
        int[] place = placement(m, n, false, r);
        List<Operation.GateOp> gates = List.of(
                new Operation.GateOp(Gates.u3(0.3, 1.1, -0.4), new int[]{17}, null),
                new Operation.GateOp(Gates.u3(0.7, -0.2, 0.9), new int[]{1}, null),
                new Operation.GateOp(Gates.cp(0.61), new int[]{3, 18}, null),
                new Operation.GateOp(Gates.cx(), new int[]{0, 12}, null),
                new Operation.GateOp(Gates.swap(), new int[]{9, 16}, null),
                new Operation.GateOp(Gates.ccx(), new int[]{1, 14, 6}, null),
                new Operation.GateOp(Gates.rzz(0.37), new int[]{11, 2}, null));
        try (FastEngine fast = new FastEngine(2)) {
            for (Operation.GateOp g : gates) {
                Plan plan = fast.compile(m, List.of(g));
                assertTrue(plan.steps().getFirst().kind().startsWith("whole-state"), g.gate().name() + ": " + plan.steps().getFirst().kind());
                checkPlaced(fast, plan, m, n, place, r);
            }
        }
    }

    @ParameterizedTest(name = "{0} plans of {1} qubits placed in a {2}-qubit state run in one pass with the bits of running them one by one")
    @CsvSource({
            "4, 10, 16",  // whole-state steps gathered from the chunk
            "3, 14, 17",  // stages inside the chunk
    })
    void aGroupOfPlacedPlansGivesTheBitsOfRunningThemOneByOne(int count, int m, int n) {
        Random r = new Random(count * 1000L + m);
        try (FastEngine fast = new FastEngine(2)) {
            List<Plan> plans = new ArrayList<>();
            List<int[]> places = new ArrayList<>();
            // Each plan's placement differs from the last by one relabelled pair, as between the runs of a split's plan.
            int[] place = placement(m, n, false, r);
            int lanes = FastStateMemory.laneQubits();
            for (int i = 0; i < count; i++) {
                plans.add(fast.compile(m, MpiCheckMain.random(m, 60, r)));
                places.add(place.clone());
                long used = 0;
                for (int x : place) used |= 1L << x;
                int x;
                do {
                    x = lanes + r.nextInt(n - lanes);
                } while ((used >> x & 1) == 1);
                place[lanes + r.nextInt(m - lanes)] = x;
            }
            QuantumState one = fast.allocate(n), group = fast.allocate(n);
            MemorySegment a = FastStateMemory.of(one), b = FastStateMemory.of(group);
            for (long i = 0; i < 1L << n; i++) {
                double x = r.nextGaussian(), y = r.nextGaussian();
                a.set(DOUBLE, FastStateMemory.amplitudeOffset(i), x);
                a.set(DOUBLE, FastStateMemory.amplitudeOffset(i) + 8, y);
                b.set(DOUBLE, FastStateMemory.amplitudeOffset(i), x);
                b.set(DOUBLE, FastStateMemory.amplitudeOffset(i) + 8, y);
            }
            for (int i = 0; i < count; i++) FastStateMemory.runPlaced(one, plans.get(i), places.get(i));
            FastStateMemory.runPlacedGroup(group, plans, places);
            for (long i = 0; i < 1L << n; i++) {
                long at = FastStateMemory.amplitudeOffset(i);
                assertEquals(Double.doubleToLongBits(a.get(DOUBLE, at)), Double.doubleToLongBits(b.get(DOUBLE, at)), "re of amplitude " + i);
                assertEquals(Double.doubleToLongBits(a.get(DOUBLE, at + 8)), Double.doubleToLongBits(b.get(DOUBLE, at + 8)), "im of amplitude " + i);
            }
            one.close();
            group.close();
        }
    }

    /** A random placement of m plan qubits among n, keeping the lane qubits in place unless told otherwise. */
    private static int[] placement(int m, int n, boolean movesLanes, Random r) {
        int fixed = movesLanes ? 0 : FastStateMemory.laneQubits();
        List<Integer> free = new ArrayList<>();
        for (int x = fixed; x < n; x++) free.add(x);
        java.util.Collections.shuffle(free, r);
        int[] place = new int[m];
        for (int p = 0; p < m; p++) place[p] = p < fixed ? p : free.get(p - fixed);
        if (movesLanes && place[0] == 0) { // surely moved
            place[0] = place[1];
            place[1] = 0;
        }
        return place;
    }

    private static void checkPlaced(FastEngine fast, Plan plan, int m, int n, int[] place, Random r) {
        QuantumState big = fast.allocate(n);
        MemorySegment mem = FastStateMemory.of(big);
        double[] re = new double[1 << n], im = new double[1 << n];
        for (int i = 0; i < re.length; i++) {
            re[i] = r.nextGaussian();
            im[i] = r.nextGaussian();
            mem.set(DOUBLE, FastStateMemory.amplitudeOffset(i), re[i]);
            mem.set(DOUBLE, FastStateMemory.amplitudeOffset(i) + 8, im[i]);
        }
        FastStateMemory.runPlaced(big, plan, place);
        long placedMask = 0;
        for (int x : place) placedMask |= 1L << x;
        long outside = ~placedMask & ((1L << n) - 1);
        for (long block = 0; block < 1L << (n - m); block++) {
            long base = Long.expand(block, outside);
            QuantumState alone = fast.allocate(m);
            MemorySegment a = FastStateMemory.of(alone);
            for (long j = 0; j < 1L << m; j++) {
                long at = index(base, j, place);
                a.set(DOUBLE, FastStateMemory.amplitudeOffset(j), re[(int) at]);
                a.set(DOUBLE, FastStateMemory.amplitudeOffset(j) + 8, im[(int) at]);
            }
            alone.run(plan);
            for (long j = 0; j < 1L << m; j++) {
                long at = FastStateMemory.amplitudeOffset(index(base, j, place));
                assertEquals(Double.doubleToLongBits(a.get(DOUBLE, FastStateMemory.amplitudeOffset(j))), Double.doubleToLongBits(mem.get(DOUBLE, at)),
                        "re of plan index " + j + " in block " + block);
                assertEquals(Double.doubleToLongBits(a.get(DOUBLE, FastStateMemory.amplitudeOffset(j) + 8)), Double.doubleToLongBits(mem.get(DOUBLE, at + 8)),
                        "im of plan index " + j + " in block " + block);
            }
            alone.close();
        }
        big.close();
    }

    private static long index(long base, long j, int[] place) {
        long i = base;
        for (int p = 0; p < place.length; p++) if ((j >> p & 1) == 1) i |= 1L << place[p];
        return i;
    }

    @ParameterizedTest(name = "{0} on {1} qubits, split {3}: replayed with relabelling, every rank count up to 2^split gives the same bits")
    @CsvSource({
            "random, 14, 300, 3",
            "random, 16, 200, 6",
            "qft,    16, 0,   6",
            "random, 18, 120, 10",  // a slice planned for 8 qubits: lane positions are the last resort for a victim
            "random, 21, 80,  2",   // a 19-qubit planned slice: its whole-state steps run rebuilt kernels
    })
    void relabellingGivesTheSameBitsForEveryRankCount(String kind, int n, int count, int split) {
        List<Operation.GateOp> gates = kind.equals("qft") ? MpiCheckMain.qft(n) : MpiCheckMain.random(n, count, new Random(n * 7L + split));
        QuantumState reference = new ExactEngine().allocate(n);
        reference.applyAll(gates);
        double[] first = null;
        try (FastEngine fast = new FastEngine(2)) {
            int g = MpiPlan.splitQubits(n, 0, split);
            for (int k = 0; k <= g; k++) {
                MpiPlan plan = MpiPlan.compile(n, k, split, gates, fast);
                Replay replay = replay(fast, n, k, plan);
                if (n - g > 2 + 3) assertEquals(0, replay.dataSwaps, "moves inside the slice that swapped data on " + (1 << k) + " ranks");
                assertEquals(plan.localSwaps(), replay.relabels + replay.dataSwaps);
                if (k < g) assertTrue(replay.relabels > 0, "no relabelling on " + (1 << k) + " ranks");
                if (k < g && n - g < 16) assertTrue(replay.grouped > 0, "no local runs grouped into one pass on " + (1 << k) + " ranks");
                if (first == null) {
                    first = replay.amplitudes;
                    for (long i = 0; i < 1L << n; i++) {
                        assertEquals(reference.re(i), first[(int) (2 * i)], 1e-12, "re of amplitude " + i);
                        assertEquals(reference.im(i), first[(int) (2 * i + 1)], 1e-12, "im of amplitude " + i);
                    }
                }
                for (int i = 0; i < first.length; i++) {
                    if (Double.doubleToLongBits(first[i]) != Double.doubleToLongBits(replay.amplitudes[i])) {
                        assertFalse(true, "amplitude part " + i + " differs between 1 and " + (1 << k) + " ranks: " + first[i] + " vs " + replay.amplitudes[i]);
                    }
                }
            }
        }
    }

    record Replay(double[] amplitudes, int relabels, int dataSwaps, int grouped) {}

    /**
     * The moves of {@link MpiState} for 2^k ranks on one n-qubit state: the top k positions are
     * the rank bits (an exchange is a swap of the data there, as between two ranks); a move inside
     * the slice relabels through a {@link SlicePlacement}; a local run runs on every block of
     * every slice at once. Amplitudes come back in logical order, (re, im) pairs.
     */
    private static Replay replay(FastEngine fast, int n, int k, MpiPlan plan) {
        int realLocal = n - k, local = plan.layouts.getFirst().local;
        SlicePlacement where = new SlicePlacement(realLocal, FastStateMemory.laneQubits());
        QubitLayout layout = plan.layouts.getFirst().copy();
        int relabels = 0, dataSwaps = 0, grouped = 0;
        try (QuantumState s = fast.allocate(n)) {
            for (int i = 0; i < plan.actions.size(); ) {
                MpiPlan.Action a = plan.actions.get(i);
                if (!a.isExchange()) {
                    // As MpiState.run: runs separated only by relabellings go together, in one pass.
                    RunGroup group = RunGroup.at(plan, i, plan.actions.size(), where, realLocal, local);
                    for (int j = i + 1; j < group.end(); j++) {
                        MpiPlan.Action b = plan.actions.get(j);
                        if (!b.isExchange()) continue;
                        assertTrue(where.relabel(b.global(), b.localPos()));
                        layout.swapPositions(b.global(), b.localPos());
                        relabels++;
                    }
                    if (group.plans().size() == 1) {
                        FastStateMemory.runPlaced(s, a.localPlan(), where.prefix(local));
                    } else {
                        FastStateMemory.runPlacedGroup(s, group.plans(), group.places());
                        grouped += group.plans().size();
                    }
                    i = group.end();
                    continue;
                }
                i++;
                int g = a.global(), l = a.localPos();
                if (g >= realLocal || !where.relabel(g, l)) {
                    s.apply(new Operation.GateOp(Gates.swap(), new int[]{where.physical(g), where.physical(l)}, null));
                    if (g < realLocal) dataSwaps++;
                } else {
                    relabels++;
                }
                layout.swapPositions(g, l);
            }
            assertEquals(plan.layouts.getLast(), layout);
            double[] out = new double[2 << n];
            MemorySegment mem = FastStateMemory.of(s);
            for (long i = 0; i < 1L << n; i++) {
                long p = 0;
                for (int q = 0; q < n; q++) if ((i >> q & 1) == 1) p |= 1L << where.physical(layout.physical(q));
                out[(int) (2 * i)] = mem.get(DOUBLE, FastStateMemory.amplitudeOffset(p));
                out[(int) (2 * i + 1)] = mem.get(DOUBLE, FastStateMemory.amplitudeOffset(p) + 8);
            }
            return new Replay(out, relabels, dataSwaps, grouped);
        }
    }
}
