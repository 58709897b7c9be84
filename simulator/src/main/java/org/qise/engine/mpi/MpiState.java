package org.qise.engine.mpi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.engine.GateChecks;
import org.qise.engine.Plan;
import org.qise.engine.QuantumState;
import org.qise.engine.fast.FastStateMemory;

/**
 * One rank's share of a distributed state: 2^(n−k) amplitudes in a fast-engine state (the
 * local slice), the top k physical positions selecting the rank. Every method is collective:
 * all ranks call it with the same arguments, as they do when each runs the same program.
 *
 * <p>Reads that must agree bit for bit whatever the rank count (sampling, probabilities of
 * measurement) first bring the state back to the identity layout and then sum the fast
 * engine's fixed chunks in index order, chunk sums added in rank order; the other reads
 * (amplitudes, the probability vector, Pauli expectations) gather the whole state into one
 * fast-engine state on every rank, which is only meant for states that fit one machine.
 */
final class MpiState implements QuantumState {
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE;
    /** Amplitudes per message of an exchange (1 MiB). */
    private static final long MESSAGE_AMPS = 1L << 16;

    private final MpiEngine engine;
    private final MpiBinding mpi;
    private final int n, local, rank, ranks;
    private final QuantumState slice;
    private final MemorySegment mem;
    private final QubitLayout layout;
    private final MemorySegment send, receive;
    /** The whole state gathered on this rank, kept until the state changes. */
    private QuantumState gathered;
    private boolean closed;

    MpiState(MpiEngine engine, int n, QuantumState slice, QubitLayout layout) {
        this.engine = engine;
        this.mpi = engine.mpi;
        this.n = n;
        this.rank = engine.rank;
        this.ranks = engine.ranks;
        this.local = n - Integer.numberOfTrailingZeros(ranks);
        this.slice = slice;
        this.mem = FastStateMemory.of(slice);
        this.layout = layout;
        long bytes = Math.min(1L << Math.max(0, local - 1), MESSAGE_AMPS) * 16;
        Arena arena = Arena.ofAuto();
        send = arena.allocate(bytes, 64);
        receive = arena.allocate(bytes, 64);
    }

    @Override public int numQubits() { return n; }

    /** Physical qubit layout (for tests and the plan check). */
    QubitLayout layout() { return layout; }

    @Override
    public void apply(Operation.GateOp op) {
        requireOpen();
        int[] qs = op.qubits();
        for (int q : qs) GateChecks.qubit(n, q);
        if (qs.length > local) throw new IllegalArgumentException(op.gate().name() + " needs " + qs.length + " local qubits, ranks hold " + local);
        for (int q : qs) {
            if (!layout.isGlobal(q)) continue;
            int victim = -1;
            for (int p = local - 1; p >= 0 && victim < 0; p--) {
                boolean used = false;
                for (int g : qs) used |= layout.logical(p) == g;
                if (!used) victim = p;
            }
            exchange(layout.physical(q), victim);
        }
        int[] phys = new int[qs.length];
        for (int j = 0; j < qs.length; j++) phys[j] = layout.physical(qs[j]);
        changed();
        slice.apply(new Operation.GateOp(op.gate(), phys, null));
    }

    @Override
    public void applyAll(List<Operation.GateOp> ops) {
        run(engine.compile(n, ops));
    }

    @Override
    public void run(Plan plan, int fromStep, int toStep) {
        requireOpen();
        if (!(plan instanceof MpiPlan mp) || plan.numQubits() != n || mp.layouts.get(0).local != local) {
            QuantumState.super.run(plan, fromStep, toStep);
            return;
        }
        java.util.Objects.checkFromToIndex(fromStep, toStep, mp.actions.size());
        remapTo(mp.layouts.get(fromStep));
        changed();
        for (int i = fromStep; i < toStep; i++) {
            MpiPlan.Action a = mp.actions.get(i);
            if (a.isExchange()) exchange(a.global(), a.localPos());
            else slice.run(a.localPlan());
        }
    }

    /**
     * Swaps the qubit at global position {@code global} with the one at local position
     * {@code localPos}: the half of the slice whose local bit differs from this rank's global
     * bit goes to the partner rank, and the partner's matching half comes back in its place.
     */
    void exchange(int global, int localPos) {
        int bit = global - local;
        int partner = rank ^ (1 << bit);
        long sendBit = ((rank >> bit) & 1) ^ 1;
        long half = 1L << (local - 1);
        long message = Math.min(half, MESSAGE_AMPS);
        long run = 1L << localPos;
        long piece = run >= FastStateMemory.vectorAmplitudes() ? Math.min(Math.min(run, message), FastStateMemory.contiguousAmplitudes()) : 1;
        for (long j0 = 0; j0 < half; j0 += message) {
            for (long j = j0; j < j0 + message; j += piece) {
                MemorySegment.copy(mem, FastStateMemory.amplitudeOffset(insertBit(j, localPos, sendBit)), send, (j - j0) * 16, piece * 16);
            }
            mpi.sendrecv(send, receive, (int) (message * 16), partner);
            for (long j = j0; j < j0 + message; j += piece) {
                MemorySegment.copy(receive, (j - j0) * 16, mem, FastStateMemory.amplitudeOffset(insertBit(j, localPos, sendBit)), piece * 16);
            }
        }
        layout.swapPositions(global, localPos);
        engine.exchanges++;
        changed();
    }

    private static long insertBit(long j, int position, long bit) {
        long low = j & ((1L << position) - 1);
        return ((j >>> position) << (position + 1)) | (bit << position) | low;
    }

    /** Moves qubits (exchanges for global positions, local swap gates for the rest) until the layout equals {@code target}. */
    private void remapTo(QubitLayout target) {
        if (layout.equals(target)) return;
        for (int g = local; g < n; g++) {
            int want = target.logical(g);
            if (layout.logical(g) == want) continue;
            int p = layout.physical(want);
            if (p >= local) {
                exchange(p, 0);
                p = 0;
            }
            exchange(g, p);
        }
        for (int p = 0; p < local; p++) {
            int want = target.logical(p);
            if (layout.logical(p) == want) continue;
            int p2 = layout.physical(want);
            slice.apply(new Operation.GateOp(Gates.swap(), new int[]{p, p2}, null));
            layout.swapPositions(p, p2);
        }
        changed();
    }

    private void canonical() {
        remapTo(new QubitLayout(n, local));
    }

    private void changed() {
        if (gathered != null) {
            gathered.close();
            gathered = null;
        }
    }

    /** The whole state on this rank (identity layout), gathered once per change. */
    private QuantumState gathered() {
        requireOpen();
        if (ranks == 1) {
            canonical();
            return slice;
        }
        if (gathered != null) return gathered;
        if (n > 27) throw new IllegalStateException("reading amplitudes of a " + n + "-qubit distributed state would gather it on every rank; at most 27 qubits");
        canonical();
        long size = 1L << local;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment mine = a.allocate(size * 16, 64), all = a.allocate((size << (n - local)) * 16, 64);
            copyOut(mem, 0, mine, size);
            mpi.allgather(mine, all, (int) (size * 16));
            QuantumState g = engine.local.allocate(n);
            copyIn(all, FastStateMemory.of(g), 1L << n);
            gathered = g;
        }
        return gathered;
    }

    private static void copyOut(MemorySegment from, long fromIndex, MemorySegment to, long count) {
        for (long i = 0; i < count; i++) MemorySegment.copy(from, FastStateMemory.amplitudeOffset(fromIndex + i), to, i * 16, 16);
    }

    private static void copyIn(MemorySegment from, MemorySegment to, long count) {
        for (long i = 0; i < count; i++) MemorySegment.copy(from, i * 16, to, FastStateMemory.amplitudeOffset(i), 16);
    }

    /**
     * The amplitudes this rank sums: its own slice when a slice holds whole sum chunks, else
     * the gathered state (then every rank sums everything, with the same bits).
     */
    private record View(MemorySegment mem, long base, long count, boolean whole) {
        double probability(long index) {
            long at = FastStateMemory.amplitudeOffset(index - base);
            double r = mem.get(DOUBLE, at), m = mem.get(DOUBLE, at + 8);
            return r * r + m * m;
        }
    }

    private View view() {
        canonical();
        long chunk = FastStateMemory.sumChunkAmplitudes();
        if (ranks == 1) return new View(mem, 0, 1L << n, true);
        if ((1L << local) < chunk) return new View(FastStateMemory.of(gathered()), 0, 1L << n, true);
        return new View(mem, (long) rank << local, 1L << local, false);
    }

    /** Sums of the fixed chunks of all 2^n probabilities restricted to {@code mask}/{@code value}, every chunk in index order. */
    private double[] chunkSums(View v, long mask, long value) {
        long chunk = FastStateMemory.sumChunkAmplitudes();
        int mine = (int) ((v.count + chunk - 1) / chunk);
        double[] sums = new double[mine];
        for (int c = 0; c < mine; c++) {
            double s = 0;
            for (long i = v.base + c * chunk, end = Math.min(v.base + v.count, i + chunk); i < end; i++) {
                if ((i & mask) == value) s += v.probability(i);
            }
            sums[c] = s;
        }
        return v.whole ? sums : mpi.allgather(sums);
    }

    @Override
    public double probabilityOfOne(int qubit) {
        requireOpen();
        GateChecks.qubit(n, qubit);
        double p = 0;
        for (double s : chunkSums(view(), 1L << qubit, 1L << qubit)) p += s;
        return p;
    }

    @Override
    public void collapse(int qubit, int outcome, double probability) {
        requireOpen();
        GateChecks.qubit(n, qubit);
        if (layout.isGlobal(qubit)) exchange(layout.physical(qubit), local - 1);
        changed();
        slice.collapse(layout.physical(qubit), outcome, probability);
    }

    @Override
    public void flip(int qubit) {
        apply(new Operation.GateOp(Gates.x(), new int[]{qubit}, null));
    }

    /**
     * The fast engine's sampling, distributed: the chunk sums are gathered in rank order (the
     * fast engine's chunk order), every rank walks the same prefix sums, and the rank owning a
     * chunk that holds samples scans it; the samples are then summed across ranks (each has one
     * owner, so the sum is exact).
     */
    @Override
    public long[] sampleSorted(double[] u) {
        requireOpen();
        View v = view();
        double[] sums = chunkSums(v, 0, 0);
        long chunk = FastStateMemory.sumChunkAmplitudes();
        double[] out = new double[u.length];
        int k = 0;
        double prefix = 0;
        for (int c = 0; c < sums.length && k < u.length; c++) {
            double next = prefix + sums[c];
            if (u[k] < next) {
                long from = c * chunk;
                if (v.whole || (from >= v.base && from < v.base + v.count)) {
                    double running = 0;
                    for (long i = from, end = Math.min(1L << n, from + chunk); i < end && k < u.length; i++) {
                        running += v.probability(i);
                        while (k < u.length && u[k] < prefix + running) out[k++] = i;
                    }
                } else {
                    while (k < u.length && u[k] < next) k++;
                }
            }
            prefix = next;
        }
        if (k < u.length) {
            long last = -1;
            for (long i = v.base + v.count - 1; i >= v.base && last < 0; i--) if (v.probability(i) != 0) last = i;
            double[] lasts = v.whole ? new double[]{last} : mpi.allgather(new double[]{last});
            double max = 0;
            for (double l : lasts) max = Math.max(max, l);
            while (k < u.length) out[k++] = (v.whole || rank == 0) ? max : 0;
        }
        if (!v.whole) out = mpi.allreduceSum(out);
        long[] result = new long[u.length];
        for (int i = 0; i < u.length; i++) result[i] = (long) out[i];
        return result;
    }

    @Override public double re(long index) { return gathered().re(index); }

    @Override public double im(long index) { return gathered().im(index); }

    @Override
    public void copyAmplitudes(long from, int count, double[] re, double[] im) {
        gathered().copyAmplitudes(from, count, re, im);
    }

    @Override public double[] probabilities() { return gathered().probabilities(); }

    @Override public double expectationPauli(long xMask, long zMask) { return gathered().expectationPauli(xMask, zMask); }

    @Override
    public QuantumState copy() {
        requireOpen();
        return new MpiState(engine, n, slice.copy(), layout.copy());
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        changed();
        slice.close();
    }

    private void requireOpen() {
        if (closed) throw new IllegalStateException("the state was closed");
    }
}
