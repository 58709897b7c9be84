package org.qise.engine.fast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.qise.circuit.Gate;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;

/**
 * Gate fusion: merges runs of gates into blocks on at most {@code maxDense} qubits (or
 * {@code maxDiagonal} qubits while every gate of the block is diagonal), so that a circuit
 * makes fewer passes over memory and, in cache, less arithmetic.
 *
 * <p>Greedy with look-ahead: a block starts at the first gate not yet placed and scans forward.
 * A later gate joins if the block's qubits plus its own stay within the limit and it commutes
 * with every gate skipped so far (no shared qubit, or both diagonal), because joining moves it in
 * front of them. Several such blocks are tried from the same start (see {@link #group}) and the
 * one that saves the most work by {@link BlockCost} is kept. Gates of a block keep their order.
 * Blocks with one gate keep that gate's
 * controls (so the kernel skips the untouched amplitudes); larger blocks become one matrix on
 * the sorted union of their qubits, controls multiplied in. The blocks depend only on the gate
 * list and the limits, never on threads.
 */
final class Fuser {
    /** Widest dense block the kernels are built for. */
    static final int MAX_DENSE_QUBITS = 6;
    /** Widest all-diagonal block (2^10 coefficients per group). */
    static final int MAX_DIAGONAL_QUBITS = 10;
    /** How many later gates a block looks at before giving up. */
    private static final int WINDOW = 256;

    private final int maxDense;
    private final int maxDiagonal;
    /** Whether a block on two high qubits may become a {@link Run} ({@link RunKernel}, or {@link FloatRunKernel} in a float stage). */
    private final boolean runs;
    /** Qubits inside a vector of the kernels the runs are for: a run needs both its qubits at or above this. */
    private final int runLowQubits;
    /** Whether the blocks are for the float kernels, which lack the double-only cheaper kernels ({@link BlockCost#estimate}). */
    private final boolean single;

    Fuser(int maxDense, int maxDiagonal) {
        this(maxDense, maxDiagonal, false);
    }

    Fuser(int maxDense, int maxDiagonal, boolean runs) {
        this(maxDense, maxDiagonal, runs, false);
    }

    /**
     * As {@link #Fuser(int, int, boolean)}, for the float kernels when {@code single}: runs only on
     * qubits at or above {@link FloatGateKernel#LOW_QUBITS} (one more than {@link Lanes#LOW_QUBITS}:
     * a float vector holds twice the amplitudes), and blocks priced without the double-only kernels.
     */
    Fuser(int maxDense, int maxDiagonal, boolean runs, boolean single) {
        this.maxDense = maxDense;
        this.maxDiagonal = Math.max(maxDense, maxDiagonal);
        this.runs = runs;
        this.single = single;
        this.runLowQubits = single ? FloatGateKernel.LOW_QUBITS : Lanes.LOW_QUBITS;
    }

    /** One fused block, ready to become a kernel. */
    interface Block {
        Kernel kernel(int numQubits);

        /** Every qubit the block touches (controls included), as a bit mask. */
        long qubitMask();
    }

    /**
     * The block's kernel with its qubit q moved to {@code place[q]} of an n-qubit state. The
     * matrix and the order of its qubits stay as they are, so every kernel does the same
     * arithmetic on each amplitude as {@link Block#kernel} does, as long as {@code place} keeps
     * the lane qubits (below {@link Lanes#LOW_QUBITS}) where they are: kernels differ only
     * between lane and vector qubits, and use vector qubits' positions only as memory offsets.
     */
    static Kernel placedKernel(Block b, int numQubits, int[] place) {
        return switch (b) {
            case Single s -> {
                Gate g = s.op().gate();
                int[] q = placed(s.op().qubits(), place);
                int c = g.controls();
                yield KernelPlanner.plan(numQubits, g.targetMatrix(), Arrays.copyOfRange(q, c, q.length), Arrays.copyOf(q, c));
            }
            case Dense d -> KernelPlanner.plan(numQubits, d.matrix(), placed(d.qubits(), place), new int[0]);
            case Diagonal d -> KernelPlanner.planDiagonal(numQubits, d.re(), d.im(), placed(d.qubits(), place));
            case Run r -> {
                java.util.List<Operation.GateOp> ops = new ArrayList<>(r.ops().size());
                for (Operation.GateOp op : r.ops()) ops.add(new Operation.GateOp(op.gate(), placed(op.qubits(), place), null));
                yield Run.kernel(numQubits, ops, placed(r.qubits(), place));
            }
            default -> throw new IllegalArgumentException("no placed kernel for " + b.getClass().getName());
        };
    }

    private static int[] placed(int[] qubits, int[] place) {
        int[] q = new int[qubits.length];
        for (int i = 0; i < q.length; i++) q[i] = place[qubits[i]];
        return q;
    }

    /** The qubits as a bit mask (bit q for qubit q). */
    static long mask(int[] qubits) {
        long m = 0;
        for (int q : qubits) m |= 1L << q;
        return m;
    }

    /** A block of one gate, applied as is. */
    record Single(Operation.GateOp op) implements Block {
        @Override
        public Kernel kernel(int numQubits) {
            Gate g = op.gate();
            int[] q = op.qubits();
            int c = g.controls();
            return KernelPlanner.plan(numQubits, g.targetMatrix(), Arrays.copyOfRange(q, c, q.length), Arrays.copyOf(q, c));
        }

        @Override
        public long qubitMask() { return mask(op.qubits()); }
    }

    /** A dense block: one matrix on the given (ascending) qubits. */
    record Dense(Matrix matrix, int[] qubits) implements Block {
        @Override
        public Kernel kernel(int numQubits) {
            return KernelPlanner.plan(numQubits, matrix, qubits, new int[0]);
        }

        @Override
        public long qubitMask() { return mask(qubits); }
    }

    /** A diagonal block: its diagonal on the given (ascending) qubits. */
    record Diagonal(double[] re, double[] im, int[] qubits) implements Block {
        @Override
        public Kernel kernel(int numQubits) {
            return KernelPlanner.planDiagonal(numQubits, re, im, qubits);
        }

        @Override
        public long qubitMask() { return mask(qubits); }
    }

    /**
     * A run of gates on two high qubits (ascending) whose product is a 2×2 on each of two pairs
     * of vectors ({@link RunKernel}): one pass at the cost of one rotation, instead of one pass
     * per gate or a dense 4×4 block.
     */
    record Run(List<Operation.GateOp> ops, int[] qubits) implements Block {
        @Override
        public Kernel kernel(int numQubits) {
            return kernel(numQubits, ops, qubits);
        }

        /**
         * The run's kernel; a dense kernel of its product if that has no pairing (which a
         * grouping never builds: {@link Fuser#asRun} checks the pairing first).
         */
        static Kernel kernel(int numQubits, List<Operation.GateOp> ops, int[] qubits) {
            Matrix m = RunKernel.product(ops, qubits[0], qubits[1]);
            RunKernel k = RunKernel.of(numQubits, m, qubits[0], qubits[1]);
            return k != null ? k : KernelPlanner.plan(numQubits, m, qubits, new int[0]);
        }

        @Override
        public long qubitMask() { return mask(qubits); }
    }

    List<Block> fuse(List<Operation.GateOp> ops) {
        return build(ops, group(ops, costsAlone(ops)));
    }

    /** The block of one group (see {@link #group}); a plan re-bound to new angles rebuilds only the blocks whose gates changed. */
    static Block build(List<Operation.GateOp> ops, Group g) {
        if (!Double.isNaN(g.runCost)) {
            List<Operation.GateOp> members = new ArrayList<>(g.members.size());
            for (int m : g.members) members.add(ops.get(m));
            int lo = Long.numberOfTrailingZeros(g.qubits), hi = 63 - Long.numberOfLeadingZeros(g.qubits);
            return new Run(List.copyOf(members), new int[]{lo, hi});
        }
        return build(ops, g.members, g.qubits, g.allDiagonal);
    }

    /** Builds the blocks (multiplying out their matrices) of a grouping from {@link #group}. */
    static List<Block> build(List<Operation.GateOp> ops, List<Group> groups) {
        List<Block> blocks = new ArrayList<>(groups.size());
        for (Group g : groups) blocks.add(build(ops, g));
        return blocks;
    }

    /**
     * Decides the blocks without building them: cheap enough to try several widths and keep
     * the cheapest (see {@link StageRunner#fuse}).
     *
     * @param alone each gate's cost as a block of its own ({@link #costsAlone})
     */
    List<Group> group(List<Operation.GateOp> ops, double[] alone) {
        return group(new GateFacts(ops, alone));
    }

    /** As {@link #group(List, double[])}, from facts shared by every width tried. */
    List<Group> group(GateFacts f) {
        return new Grouping(f).run();
    }

    /**
     * One greedy grouping pass. The gates not yet placed are kept in order in one array, so scans
     * step over placed gates at no cost (their window counts only unplaced gates, as before) and
     * walk it without a chain of dependent loads; candidates are grown in reusable buffers and
     * only the winner becomes a {@link Group}.
     */
    private final class Grouping {
        private final GateFacts f;
        private final int size;
        /** The unplaced gates, in order: {@code unplaced[head..size)}; the first is the next block's start. */
        private final int[] unplaced;
        private int head;
        /** Candidate buffers: at most five candidates per start. */
        private final Candidate[] cands = new Candidate[5];
        private final RunProduct product = new RunProduct();

        Grouping(GateFacts f) {
            this.f = f;
            size = f.size();
            unplaced = new int[size];
            for (int i = 0; i < size; i++) unplaced[i] = i;
            int capacity = Math.min(size, WINDOW + 1);
            for (int c = 0; c < cands.length; c++) cands[c] = new Candidate(capacity);
        }

        /**
         * Takes the block's gates out of the unplaced ones: the others before its last gate move
         * up behind it, in order, and the head moves past the gap (work as long as the scan was).
         */
        private void place(Candidate b) {
            int w = b.positions[b.count - 1], m = b.count - 1;
            for (int p = w; p >= head; p--) {
                if (m >= 0 && b.positions[m] == p) {
                    m--;
                    continue;
                }
                unplaced[w--] = unplaced[p];
            }
            head = w + 1;
        }

        List<Group> run() {
            long[] masks = f.masks;
            boolean[] diagonal = f.diagonal;
            List<Group> groups = new ArrayList<>();
            while (head < size) {
                int start = unplaced[head];
                // Candidates, the one that saves the most work wins (the first on a tie):
                // the plain greedy block; for a diagonal start, a block kept to the dense width (a cz
                // between rotations) against one grown into a wide diagonal pass (runs of cp); and a
                // block whose qubits are reserved up front for the first later gate that entangles
                // the start's qubit with others, so that the rotations on both sides of that gate
                // join it instead of the rotations on unrelated neighbouring qubits.
                int n = 0;
                scan(cands[n++], start, 0, maxDiagonal);
                asRun(cands[0]);
                if (diagonal[start] && maxDiagonal > maxDense) {
                    scan(cands[n], start, 0, maxDense);
                    asRun(cands[n++]);
                }
                long partner = partnerQubits(start);
                if (partner != 0) {
                    scan(cands[n], start, partner, maxDense);
                    asRun(cands[n++]);
                }
                // With runs, also the block kept to the start's own qubit: a wide block that saves
                // less (qcbm's first rotations as dense pairs) must not crowd out the runs that the
                // gates after it would form.
                // And the start alone, so that no block costs more than its gates one by one (a cx
                // joined to a rotation on a lane qubit as a dense block, say).
                if (runs && maxDense > 1) {
                    if (Long.bitCount(masks[start]) == 1) scan(cands[n++], start, 0, 1);
                    cands[n++].alone(start, head, masks[start], diagonal[start]);
                }
                // Drop the candidates that cost more than their gates apart (when there is a
                // choice), then keep the one that saves the most. A candidate equal to an earlier
                // one can neither win (ties go to the first) nor change the choice, so it is skipped.
                boolean choice = runs && n > 1;
                Candidate best = null;
                double bestSaved = -Double.MAX_VALUE;
                for (int c = 0; c < n; c++) {
                    Candidate k = cands[c];
                    if (repeatsEarlier(c)) continue;
                    if (choice && worseThanApart(k)) continue;
                    double saved = -k.cost(f.alone, single);
                    for (int i = 0; i < k.count; i++) saved += f.alone[k.members[i]];
                    if (saved > bestSaved) {
                        bestSaved = saved;
                        best = k;
                    }
                }
                place(best);
                groups.add(best.toGroup());
            }
            return groups;
        }

        private boolean repeatsEarlier(int c) {
            for (int e = 0; e < c; e++) if (cands[e].sameAs(cands[c])) return true;
            return false;
        }

        /**
         * The qubits of the first unplaced gate (within the window) that acts on several qubits, one
         * of them the start gate's, when together they fit the dense width; 0 when there is none.
         */
        private long partnerQubits(int start) {
            long[] masks = f.masks;
            for (int p = head + 1, end = Math.min(size, head + 1 + WINDOW); p < end; p++) {
                int j = unplaced[p];
                if ((masks[j] & masks[start]) != 0 && Long.bitCount(masks[j]) > 1) {
                    long seed = masks[j] | masks[start];
                    return Long.bitCount(seed) <= maxDense && seed != masks[start] ? seed : 0;
                }
            }
            return 0;
        }

        /** Grows a block from {@code start} as the class comment describes, into {@code c}. */
        private void scan(Candidate c, int start, long reserved, int diagonalLimit) {
            long[] masks = f.masks;
            boolean[] diagonal = f.diagonal;
            long used = f.used;
            int[] members = c.members, positions = c.positions;
            int count = 0;
            positions[count] = head;
            members[count++] = start;
            long qubits = masks[start];
            long room = qubits | reserved; // qubits the block may use: its own plus the reserved ones
            boolean allDiagonal = diagonal[start];
            long skippedAll = 0, skippedNonDiagonal = 0;
            int denseLimit = Math.min(maxDense, diagonalLimit);
            for (int p = head + 1, end = Math.min(size, head + 1 + WINDOW); p < end; p++) {
                int j = unplaced[p];
                long mj = masks[j];
                boolean commutes = (mj & skippedAll) == 0 || (diagonal[j] && (mj & skippedNonDiagonal) == 0);
                long union = room | mj;
                int limit = allDiagonal && diagonal[j] ? diagonalLimit : denseLimit;
                if (commutes && Long.bitCount(union) <= limit) {
                    positions[count] = p;
                    members[count++] = j;
                    room = union;
                    qubits |= mj;
                    allDiagonal &= diagonal[j];
                } else {
                    skippedAll |= mj;
                    if (!diagonal[j]) skippedNonDiagonal |= mj;
                    if ((skippedNonDiagonal & used) == used) break; // nothing later can commute past
                    // Nor join once the block is full and a skipped gate blocks each of its qubits:
                    // a later gate would need a qubit outside it (over the limit) or one of them.
                    if ((room & ~skippedNonDiagonal) == 0 && Long.bitCount(room) >= (allDiagonal ? diagonalLimit : denseLimit)) break;
                }
            }
            c.set(count, qubits, allDiagonal);
        }

        /**
         * Marks the candidate as a run when runs are allowed and a run is modelled cheaper than the
         * dense block: two or more gates on exactly two qubits above the vector, not all diagonal,
         * whose product pairs the vectors ({@link RunKernel#pairing}).
         */
        private void asRun(Candidate g) {
            if (!runs || g.count < 2 || g.allDiagonal || Long.bitCount(g.qubits) != 2 || (g.qubits & ((1L << runLowQubits) - 1)) != 0) return;
            if (mixesBothQubits(g)) return;
            if (!productPairs(g)) return;
            double cost = BlockCost.RUN;
            if (cost < BlockCost.estimate(g.qubits, false, single)) g.runCost = cost;
        }

        /**
         * Whether gates that are neither diagonal nor a permutation of their targets act on both of
         * the group's qubits. Such a product pairs no vectors in practice (rotations on both qubits
         * mix all four), so {@link #asRun} skips the 4×4 products for it: they were most of the
         * planning time that every {@code applyAll} pays (2.4× the planning time before runs on a
         * 12-qubit circuit). A product that would pair anyway, such as h·swap·h, stays a dense block.
         */
        private boolean mixesBothQubits(Candidate g) {
            long mixed = 0;
            for (int i = 0; i < g.count; i++) mixed |= f.mixing[g.members[i]];
            return Long.bitCount(mixed) > 1;
        }

        /** Whether the product of the candidate's gates on its two qubits pairs the vectors ({@link RunKernel#pairing}). */
        private boolean productPairs(Candidate g) {
            int lo = Long.numberOfTrailingZeros(g.qubits), hi = 63 - Long.numberOfLeadingZeros(g.qubits);
            product.reset();
            for (int i = 0; i < g.count; i++) {
                int m = g.members[i];
                product.multiply(f.fullMatrix(m), f.ops.get(m).qubits(), lo, hi);
            }
            return RunKernel.pairing(product.columnRows()) != null;
        }

        /**
         * Whether a dense block on several qubits costs more than its gates apart, each qubit's
         * one-qubit gates multiplied into one 2×2 (what width 1 gives them) and each wider gate on
         * its own. The greedy choice compares a block only with the other blocks from the same
         * start, so without this a dense block of a cx and the rotations on both its qubits (qcbm's
         * wrap-around cx onto a lane qubit: 9.5 units) wins over the cx alone (0.65) although the
         * rotations then cost 1.25–1.4 each. Used with runs only, where the width-1 blocks and the
         * runs are what such gates would otherwise become.
         */
        private boolean worseThanApart(Candidate c) {
            if (c.count < 2 || Long.bitCount(c.qubits) < 2 || c.run() || c.allDiagonal) return false;
            long[] masks = f.masks;
            boolean[] diagonal = f.diagonal;
            double[] alone = f.alone;
            // One-qubit gates on a qubit multiply into one 2×2 until a wider gate on that qubit
            // ends the segment; a segment of diagonals only costs a diagonal.
            double apart = 0;
            long open = 0, openDense = 0;
            for (int i = 0; i < c.count; i++) {
                int m = c.members[i];
                long q = masks[m];
                if (Long.bitCount(q) > 1) {
                    apart += alone[m];
                    open &= ~q;
                    openDense &= ~q;
                    continue;
                }
                if ((open & q) == 0) {
                    open |= q;
                    apart += BlockCost.estimate(q, diagonal[m], single);
                    if (!diagonal[m]) openDense |= q;
                } else if (!diagonal[m] && (openDense & q) == 0) {
                    apart += BlockCost.estimate(q, false, single) - BlockCost.estimate(q, true, single);
                    openDense |= q;
                }
            }
            return c.cost(alone, single) > apart;
        }
    }

    /** A block being chosen: its gates (in order) in a reusable buffer, as {@link Group} holds them. */
    private static final class Candidate {
        final int[] members;
        /** Where each member stood among the unplaced gates when the candidate was grown. */
        final int[] positions;
        int count;
        long qubits;
        boolean allDiagonal;
        double runCost;

        Candidate(int capacity) {
            members = new int[Math.max(capacity, 1)];
            positions = new int[members.length];
        }

        void set(int count, long qubits, boolean allDiagonal) {
            this.count = count;
            this.qubits = qubits;
            this.allDiagonal = allDiagonal;
            runCost = Double.NaN;
        }

        void alone(int gate, int position, long qubits, boolean diagonal) {
            members[0] = gate;
            positions[0] = position;
            set(1, qubits, diagonal);
        }

        boolean run() { return !Double.isNaN(runCost); }

        /** As {@link Group#cost}. */
        double cost(double[] alone, boolean single) {
            if (count == 1) return alone[members[0]];
            return Double.isNaN(runCost) ? BlockCost.estimate(qubits, allDiagonal, single) : runCost;
        }

        boolean sameAs(Candidate o) {
            if (count != o.count || qubits != o.qubits || allDiagonal != o.allDiagonal || run() != o.run()) return false;
            for (int i = 0; i < count; i++) if (members[i] != o.members[i]) return false;
            return true;
        }

        Group toGroup() {
            Integer[] boxed = new Integer[count];
            for (int i = 0; i < count; i++) boxed[i] = members[i];
            return new Group(List.of(boxed), qubits, allDiagonal, runCost);
        }
    }

    /** Each gate's cost as a block of its own. */
    static double[] costsAlone(List<Operation.GateOp> ops) {
        return costsAlone(ops, false);
    }

    /**
     * As {@link #costsAlone(List)}; for a single-precision plan ({@code single}) without the
     * double-only kernels' lower costs, so that float plans are grouped as before they existed.
     */
    static double[] costsAlone(List<Operation.GateOp> ops, boolean single) {
        double[] alone = new double[ops.size()];
        for (int i = 0; i < alone.length; i++) alone[i] = single ? BlockCost.ofFloat(new Single(ops.get(i))) : BlockCost.of(new Single(ops.get(i)));
        return alone;
    }

    /**
     * A block before it is built: its gates (in order), their qubits, whether all are diagonal,
     * and, when it is to run as a {@link Run}, that run's modelled cost (NaN otherwise).
     */
    record Group(List<Integer> members, long qubits, boolean allDiagonal, double runCost) {
        Group(List<Integer> members, long qubits, boolean allDiagonal) {
            this(members, qubits, allDiagonal, Double.NaN);
        }

        /** Its cost in {@link BlockCost}'s units, given each gate's cost alone, for the float kernels when {@code single}. */
        double cost(double[] alone, boolean single) {
            if (members.size() == 1) return alone[members.get(0)];
            return Double.isNaN(runCost) ? BlockCost.estimate(qubits, allDiagonal, single) : runCost;
        }

        /** Whether the group runs as a {@link Run}. */
        boolean run() { return !Double.isNaN(runCost); }
    }

    private static Block build(List<Operation.GateOp> ops, List<Integer> members, long qubitMask, boolean allDiagonal) {
        if (members.size() == 1) return new Single(ops.get(members.get(0)));
        int[] qubits = new int[Long.bitCount(qubitMask)];
        for (int i = 0, q = 0; q < 64; q++) if ((qubitMask >> q & 1) == 1) qubits[i++] = q;
        int dim = 1 << qubits.length;
        if (allDiagonal) {
            double[] re = new double[dim], im = new double[dim];
            Arrays.fill(re, 1);
            for (int idx : members) {
                Operation.GateOp op = ops.get(idx);
                Matrix g = op.gate().matrix();
                int[] pos = positions(op.qubits(), qubits);
                for (int b = 0; b < dim; b++) {
                    int local = 0;
                    for (int j = 0; j < pos.length; j++) local |= ((b >> pos[j]) & 1) << j;
                    double gr = g.re(local, local), gi = g.im(local, local);
                    double r = re[b] * gr - im[b] * gi;
                    im[b] = re[b] * gi + im[b] * gr;
                    re[b] = r;
                }
            }
            return new Diagonal(re, im, qubits);
        }
        Matrix m = Matrix.identity(dim);
        for (int idx : members) {
            Operation.GateOp op = ops.get(idx);
            m = op.gate().matrix().embed(qubits.length, positions(op.qubits(), qubits)).times(m);
        }
        return new Dense(m, qubits);
    }

    /** Position of each of a gate's qubits within the block's ascending qubit list. */
    private static int[] positions(int[] gateQubits, int[] blockQubits) {
        int[] pos = new int[gateQubits.length];
        for (int j = 0; j < gateQubits.length; j++) pos[j] = Arrays.binarySearch(blockQubits, gateQubits[j]);
        return pos;
    }
}
