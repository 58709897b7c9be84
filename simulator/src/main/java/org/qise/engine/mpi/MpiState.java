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
 * <p>The layout is planned for {@link MpiPlan#splitQubits} global qubits whatever the rank
 * count ({@code local} planned-local positions); the slice holds {@code realLocal ≥ local}
 * qubits, i.e. 2^(realLocal − local) blocks on which every local fast plan runs alike, so the
 * arithmetic, and with it every amplitude, is the same for every rank count.
 *
 * <p>Reads work in whatever layout the state is in (no exchanges back): each rank reduces the
 * amplitudes it holds, visiting them in logical index order through the layout's bit
 * permutation, over the fast engine's fixed chunks; a chunk lies on one rank, so the chunk sums
 * are combined exactly (the other ranks add −0.0) and then added in chunk order. Only when a
 * chunk's qubits (or a Pauli string's x qubits) are not all local are they exchanged in first.
 */
final class MpiState implements QuantumState {
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE;
    /** Amplitudes per message of an exchange (1 MiB). */
    private static final long MESSAGE_AMPS = 1L << 16;

    private final MpiEngine engine;
    private final MpiBinding mpi;
    private final int n, local, realLocal, rank, ranks;
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
        this.local = layout.local;
        this.realLocal = n - Integer.numberOfTrailingZeros(ranks);
        this.slice = slice;
        this.mem = FastStateMemory.of(slice);
        this.layout = layout;
        long bytes = Math.min(1L << Math.max(0, realLocal - 1), MESSAGE_AMPS) * 16;
        Arena arena = Arena.ofAuto();
        send = arena.allocate(bytes, 64);
        receive = arena.allocate(bytes, 64);
    }

    @Override public int numQubits() { return n; }

    /** Physical qubit layout (for tests and the plan check). */
    QubitLayout layout() { return layout; }

    /** One gate, planned from the current layout like any plan, so it runs with the same kernels on every rank count. */
    @Override
    public void apply(Operation.GateOp op) {
        requireOpen();
        MpiPlan p = MpiPlan.compile(n, n - realLocal, List.of(op), engine.local, layout);
        run(p, 0, p.actions.size());
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
            else for (long block = 0; block < 1L << (realLocal - local); block++) FastStateMemory.runOnBlock(slice, a.localPlan(), block);
        }
    }

    /**
     * Swaps the qubit at global position {@code global} with the one at local position
     * {@code localPos}: the half of the slice whose local bit differs from this rank's global
     * bit goes to the partner rank, and the partner's matching half comes back in its place.
     */
    void exchange(int global, int localPos) {
        if (global < realLocal) {
            // Planned global, but inside this slice: a swap gate (the fast engine moves, never computes, for it).
            slice.apply(new Operation.GateOp(Gates.swap(), new int[]{global, localPos}, null));
            layout.swapPositions(global, localPos);
            engine.localSwaps++;
            changed();
            return;
        }
        int bit = global - realLocal;
        int partner = rank ^ (1 << bit);
        long sendBit = ((rank >> bit) & 1) ^ 1;
        long half = 1L << (realLocal - 1);
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

    /** Exchanges between ranks that bringing the state back to the identity layout would make now (reads do not; for reports). */
    int exchangesToIdentity() {
        QubitLayout l = layout.copy();
        int count = 0;
        for (int g = local; g < n; g++) { // as remapTo does it
            if (l.logical(g) == g) continue;
            int p = l.physical(g);
            if (p >= local) {
                if (p >= realLocal) count++;
                l.swapPositions(p, 0);
                p = 0;
            }
            if (g >= realLocal) count++;
            l.swapPositions(g, p);
        }
        return count;
    }

    private void canonical() {
        remapTo(new QubitLayout(n, local));
    }

    private void changed() {
        readIndex = -1;
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
        long size = 1L << realLocal;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment mine = a.allocate(size * 16, 64), all = a.allocate((size << (n - realLocal)) * 16, 64);
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

    private double probability(long localIndex) {
        long at = FastStateMemory.amplitudeOffset(localIndex);
        double r = mem.get(DOUBLE, at), m = mem.get(DOUBLE, at + 8);
        return r * r + m * m;
    }

    /** Amplitudes per chunk of the fast engine's sums, and its bits. */
    private static final long CHUNK = FastStateMemory.sumChunkAmplitudes();
    private static final int CHUNK_BITS = Long.numberOfTrailingZeros(CHUNK);

    /**
     * Whether reads can run distributed: every rank's slice holds whole chunks. When it does not
     * (small states on many ranks), reads use the gathered state instead.
     */
    private boolean distributedReads() {
        return realLocal >= CHUNK_BITS;
    }

    /**
     * Makes the qubits of {@code mask} local (inside the slice), exchanging each global one with
     * the highest local position holding none of them; the rest of the layout stays as it is.
     */
    private void makeLocal(long mask) {
        for (int q = 0; q < n; q++) {
            if ((mask >> q & 1) == 0 || layout.physical(q) < realLocal) continue;
            int p = realLocal - 1;
            while ((mask >> layout.logical(p) & 1) != 0) p--;
            exchange(layout.physical(q), p);
        }
    }

    /** The layout as a bit permutation of logical indices, one table per byte of the index. */
    private long[][] placement() {
        long[][] t = new long[(n + 7) / 8][256];
        for (int g = 0; g < t.length; g++) {
            for (int v = 0; v < 256; v++) {
                long p = 0;
                for (int b = 0; b < 8 && 8 * g + b < n; b++) if ((v >> b & 1) != 0) p |= 1L << layout.physical(8 * g + b);
                t[g][v] = p;
            }
        }
        return t;
    }

    private static long place(long[][] t, long logical) {
        long p = 0;
        for (int g = 0; g < t.length; g++) p |= t[g][(int) (logical >>> (8 * g)) & 255];
        return p;
    }

    /** Physical index (rank bits on top) to logical index. */
    private long unplace(long physical) {
        long i = 0;
        for (int p = 0; p < n; p++) if ((physical >> p & 1) != 0) i |= 1L << layout.logical(p);
        return i;
    }

    /** Per-chunk partial sums, −0.0 for chunks of other ranks (so that adding them changes nothing, not even a zero's sign). */
    private interface ChunkSum {
        double sum(long chunkStart, long localBase, long[] low);
    }

    /**
     * Each chunk's sum computed by the rank holding it, in logical index order, then combined
     * exactly across ranks: every rank gets every chunk's sum, in chunk order. The chunk's qubits
     * must be local ({@link #makeLocal}).
     */
    private double[] perChunk(long[][] t, ChunkSum f) {
        long[] low = new long[(int) CHUNK];
        for (int o = 0; o < CHUNK; o++) low[o] = place(t, o);
        int chunks = (int) ((1L << n) / CHUNK);
        double[] sums = new double[chunks];
        long localMask = (1L << realLocal) - 1;
        for (int c = 0; c < chunks; c++) {
            long base = place(t, c * CHUNK);
            sums[c] = (base >>> realLocal) == rank ? f.sum(c * CHUNK, base & localMask, low) : -0.0;
        }
        return ranks == 1 ? sums : mpi.allreduceSum(sums);
    }

    /** Sums of the fixed chunks of all 2^n probabilities restricted to {@code mask}/{@code value}, every chunk in index order. */
    private double[] chunkSums(long mask, long value) {
        makeLocal(CHUNK - 1);
        return perChunk(placement(), (start, base, low) -> {
            double s = 0;
            for (int o = 0; o < low.length; o++) if (((start + o) & mask) == value) s += probability(base | low[o]);
            return s;
        });
    }

    /** The gathered state, for reads of states whose slices are smaller than a chunk. */
    private record View(MemorySegment mem) {
        double probability(long index) {
            long at = FastStateMemory.amplitudeOffset(index);
            double r = mem.get(DOUBLE, at), m = mem.get(DOUBLE, at + 8);
            return r * r + m * m;
        }

        double[] chunkSums(int n, long mask, long value) {
            long size = 1L << n;
            double[] sums = new double[(int) ((size + CHUNK - 1) / CHUNK)];
            for (int c = 0; c < sums.length; c++) {
                double s = 0;
                for (long i = c * CHUNK, end = Math.min(size, i + CHUNK); i < end; i++) if ((i & mask) == value) s += probability(i);
                sums[c] = s;
            }
            return sums;
        }
    }

    @Override
    public double probabilityOfOne(int qubit) {
        requireOpen();
        GateChecks.qubit(n, qubit);
        double[] sums = distributedReads() ? chunkSums(1L << qubit, 1L << qubit)
                : new View(FastStateMemory.of(gathered())).chunkSums(n, 1L << qubit, 1L << qubit);
        double p = 0;
        for (double s : sums) p += s;
        return p;
    }

    /**
     * No exchange: a qubit inside the slice collapses there; a qubit in the rank bits keeps or
     * drops whole slices, with the same multiply per amplitude as the fast engine's collapse.
     */
    @Override
    public void collapse(int qubit, int outcome, double probability) {
        requireOpen();
        GateChecks.qubit(n, qubit);
        changed();
        int p = layout.physical(qubit);
        if (p < realLocal) {
            slice.collapse(p, outcome, probability);
            return;
        }
        if (outcome != 0 && outcome != 1) throw new IllegalArgumentException("outcome must be 0 or 1, got " + outcome);
        if (!(probability > 0)) throw new IllegalArgumentException("cannot collapse onto an outcome of probability " + probability);
        double factor = ((rank >> (p - realLocal)) & 1) == outcome ? 1 / Math.sqrt(probability) : 0.0;
        long size = 1L << realLocal, run = Math.min(size, FastStateMemory.contiguousAmplitudes());
        for (long first = 0; first < size; first += run) {
            long at = FastStateMemory.amplitudeOffset(first);
            for (long b = 0; b < run * 16; b += 8) mem.set(DOUBLE, at + b, mem.get(DOUBLE, at + b) * factor);
        }
    }

    @Override
    public void flip(int qubit) {
        apply(new Operation.GateOp(Gates.x(), new int[]{qubit}, null));
    }

    /**
     * The fast engine's sampling, distributed: every rank gets the chunk sums in chunk order
     * and walks the same prefix sums, the rank holding a chunk that holds samples scans it (in
     * logical order, with the same running sum as the fast engine); the samples are then summed
     * across ranks (each has one owner, the others add 0, so the sum is exact).
     */
    @Override
    public long[] sampleSorted(double[] u) {
        requireOpen();
        if (!distributedReads()) return gatheredSample(u);
        double[] sums = chunkSums(0, 0);
        long[][] t = placement();
        long localMask = (1L << realLocal) - 1;
        long[] low = new long[(int) CHUNK];
        for (int o = 0; o < CHUNK; o++) low[o] = place(t, o);
        double[] out = new double[u.length];
        int k = 0;
        double prefix = 0;
        for (int c = 0; c < sums.length && k < u.length; c++) {
            double next = prefix + sums[c];
            if (u[k] < next) {
                long base = place(t, c * CHUNK);
                if ((base >>> realLocal) == rank) {
                    double running = 0;
                    for (int o = 0; o < CHUNK && k < u.length; o++) {
                        running += probability((base & localMask) | low[o]);
                        while (k < u.length && u[k] < prefix + running) out[k++] = c * CHUNK + o;
                    }
                } else {
                    while (k < u.length && u[k] < next) k++;
                }
            }
            prefix = next;
        }
        if (k < u.length) {
            // Rounding left the total a hair below the last uniforms: the last non-zero state, as the fast engine does.
            long last = 0;
            for (long j = 0; j < 1L << realLocal; j++) if (probability(j) != 0) last = Math.max(last, unplace(((long) rank << realLocal) | j));
            double max = 0;
            for (double l : ranks == 1 ? new double[]{last} : mpi.allgather(new double[]{last})) max = Math.max(max, l);
            while (k < u.length) out[k++] = rank == 0 ? max : 0;
        }
        if (ranks > 1) out = mpi.allreduceSum(out);
        long[] result = new long[u.length];
        for (int i = 0; i < u.length; i++) result[i] = (long) out[i];
        return result;
    }

    /** Sampling on the gathered state (slices smaller than a chunk): every rank computes it all. */
    private long[] gatheredSample(double[] u) {
        return gathered().sampleSorted(u);
    }

    /**
     * One amplitude, read where it lives: the rank holding it (known to every rank from the
     * layout) broadcasts its two doubles. The pair is kept until the state changes, so
     * {@code re(i)} then {@code im(i)} costs one broadcast, and no rank gathers the state.
     */
    @Override
    public double re(long index) {
        readAmplitude(index);
        return readRe;
    }

    @Override
    public double im(long index) {
        readAmplitude(index);
        return readIm;
    }

    /** Logical index of the amplitude last read by {@link #re}/{@link #im} (−1: none since the last change), and its parts. */
    private long readIndex = -1;
    private double readRe, readIm;

    private void readAmplitude(long index) {
        requireOpen();
        GateChecks.range(n, index, 1);
        if (index == readIndex) return;
        long p = physicalIndex(index);
        int owner = (int) (p >>> realLocal);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment pair = a.allocate(16, 8);
            if (owner == rank) MemorySegment.copy(mem, FastStateMemory.amplitudeOffset(p & ((1L << realLocal) - 1)), pair, 0, 16);
            if (ranks > 1) mpi.bcast(pair, 16, owner);
            readRe = pair.get(DOUBLE, 0);
            readIm = pair.get(DOUBLE, 8);
        }
        readIndex = index;
    }

    /** Where logical index {@code logical} lives now: its physical index, the rank in the bits from realLocal up. */
    private long physicalIndex(long logical) {
        long p = 0;
        for (int q = 0; q < n; q++) if ((logical >> q & 1) != 0) p |= 1L << layout.physical(q);
        return p;
    }

    /**
     * Each rank fills the amplitudes it holds, in place in whatever layout (no exchanges, no
     * gathered state). When one rank holds the whole range (a small range usually lies in one
     * slice) it broadcasts it; otherwise the others add −0.0 and one exact sum over ranks of the
     * real and imaginary parts together gives everyone the range.
     */
    @Override
    public void copyAmplitudes(long from, int count, double[] re, double[] im) {
        requireOpen();
        GateChecks.range(n, from, count);
        if (count == 0) return;
        long[][] t = placement();
        long localMask = (1L << realLocal) - 1;
        double[] both = new double[2 * count];
        int owner = (int) (place(t, from) >>> realLocal);
        boolean oneOwner = true;
        for (int k = 0; k < count; k++) {
            long p = place(t, from + k);
            oneOwner &= (p >>> realLocal) == owner;
            if ((p >>> realLocal) == rank) {
                long at = FastStateMemory.amplitudeOffset(p & localMask);
                both[k] = mem.get(DOUBLE, at);
                both[count + k] = mem.get(DOUBLE, at + 8);
            } else {
                both[k] = -0.0;
                both[count + k] = -0.0;
            }
        }
        if (ranks > 1 && oneOwner && count <= Integer.MAX_VALUE / 16) {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment buffer = a.allocateFrom(DOUBLE, both);
                mpi.bcast(buffer, 16 * count, owner);
                both = buffer.toArray(DOUBLE);
            }
        } else if (ranks > 1) {
            both = mpi.allreduceSum(both);
        }
        System.arraycopy(both, 0, re, 0, count);
        System.arraycopy(both, count, im, 0, count);
    }

    /** As {@link #copyAmplitudes}: each rank its own probabilities, combined exactly (8 bytes per amplitude, not 16). */
    @Override
    public double[] probabilities() {
        requireOpen();
        if (n > 27) throw new IllegalStateException("the probability vector of a " + n + "-qubit distributed state would not fit on every rank; at most 27 qubits");
        long[][] t = placement();
        long localMask = (1L << realLocal) - 1;
        double[] p = new double[1 << n];
        for (int i = 0; i < p.length; i++) {
            long at = place(t, i);
            p[i] = (at >>> realLocal) == rank ? probability(at & localMask) : -0.0;
        }
        return ranks == 1 ? p : mpi.allreduceSum(p);
    }

    /**
     * Σ_i conj(ψ_{i⊕x}) · phase(i) · ψ_i with the fast engine's chunks, terms and order: the x
     * qubits and a chunk's qubits are made local (at most one exchange each, usually none), each
     * rank sums its chunks, and the chunk sums are combined exactly and added in chunk order.
     */
    @Override
    public double expectationPauli(long xMask, long zMask) {
        requireOpen();
        if ((xMask | zMask) >>> n != 0) throw new IllegalArgumentException("Pauli string acts on a qubit outside the " + n + "-qubit state");
        if (!distributedReads() || Long.bitCount(xMask | (CHUNK - 1)) > realLocal) return gathered().expectationPauli(xMask, zMask);
        makeLocal(xMask | (CHUNK - 1));
        long[][] t = placement();
        long px = place(t, xMask);
        int yCount = Long.bitCount(xMask & zMask) & 3;
        double[] partial = perChunk(t, (start, base, low) -> {
            double sum = 0;
            for (int o = 0; o < low.length; o++) {
                long i = start + o, j = base | low[o];
                double sign = (Long.bitCount(i & zMask) & 1) == 0 ? 1 : -1;
                long at = FastStateMemory.amplitudeOffset(j), atJ = FastStateMemory.amplitudeOffset(j ^ px);
                double pr = mem.get(DOUBLE, at) * sign, pi = mem.get(DOUBLE, at + 8) * sign;
                for (int y = 0; y < yCount; y++) {
                    double tmp = pr;
                    pr = -pi;
                    pi = tmp;
                }
                sum += mem.get(DOUBLE, atJ) * pr + mem.get(DOUBLE, atJ + 8) * pi;
            }
            return sum;
        });
        double sum = 0;
        for (double p : partial) sum += p;
        return sum;
    }

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
