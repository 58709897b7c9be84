package org.qise.engine.mpi;

import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Map;
import org.qise.circuit.Operation;
import org.qise.engine.Engine;
import org.qise.engine.GateChecks;
import org.qise.engine.Plan;
import org.qise.engine.QuantumState;
import org.qise.engine.StateTooLargeException;
import org.qise.engine.fast.FastEngine;
import org.qise.engine.fast.FastStateMemory;

/**
 * The distributed engine: one process per MPI rank, 2^k ranks, each holding 2^(n−k) amplitudes
 * of the state (the top k qubits select the rank) in a fast-engine state. Plans ({@link MpiPlan})
 * run local gates with the fast engine and move global qubits in by pair-wise exchange.
 *
 * <p>Launch every rank with the same program ({@code mpirun -np 4 ./qise run … --engine mpi}):
 * all calls are collective. Only rank 0 writes to the console; the others' standard output and
 * error are pointed at /dev/null when the engine starts ({@link RankConsole}), since they would print the same things. MPI is
 * finalised when the JVM exits (a shutdown hook), so that every exit path, errors included,
 * ends the job cleanly; MPI cannot be initialised twice in one process.
 */
public final class MpiEngine implements Engine {
    final MpiBinding mpi;
    final int rank, ranks;
    final FastEngine local;
    /** Global qubits every plan is made for (at least the real ones): runs with the same split are bit-identical for 1 … 2^split ranks. */
    final int split;
    /** Exchanges between ranks made by this engine's states so far, and swaps of planned-global positions inside a slice. */
    long exchanges, localSwaps;

    private MpiEngine(MpiBinding mpi, int threads, int split) {
        this.mpi = mpi;
        this.rank = mpi.rank();
        this.ranks = mpi.size();
        this.split = split;
        this.local = new FastEngine(threads);
    }

    /** The environment variable that chooses the split when the caller does not. */
    public static final String SPLIT_VARIABLE = "QISE_MPI_SPLIT";

    /**
     * Starts MPI (once per process) and the engine, with the split from {@value #SPLIT_VARIABLE}
     * or, when that is unset, {@value MpiPlan#DEFAULT_SPLIT}.
     *
     * @throws MpiException when not launched by mpirun, when MPI is missing, when the rank
     *                      count is not a power of two, or when the split is bad
     */
    public static MpiEngine start(int threads) {
        return start(threads, null);
    }

    /**
     * Starts MPI and the engine with plans made for {@code split} global qubits (null: as
     * {@link #start(int)}). Runs with the same split give the same amplitudes, bit for bit, on
     * every power-of-two rank count up to 2^split; fewer ranks than that pay for the planned
     * moves of the qubits they hold locally with swaps inside the slice.
     *
     * @throws MpiException as {@link #start(int)}, and when {@code split} is negative, above
     *                      {@value MpiPlan#MAX_SPLIT}, or fewer than the ranks' log2
     */
    public static MpiEngine start(int threads, Integer split) {
        if (!launchedByMpirun()) {
            throw new MpiException("the mpi engine runs one process per rank and must be launched by mpirun, "
                    + "e.g. mpirun -np 4 ./qise run FILE.qasm --engine mpi");
        }
        MpiBinding mpi = MpiBinding.get();
        mpi.init();
        Runtime.getRuntime().addShutdownHook(new Thread(mpi::finish, "mpi-finalize"));
        int rank = mpi.rank(), ranks = mpi.size();
        if (rank != 0) RankConsole.silence();
        if (Integer.bitCount(ranks) != 1) {
            throw new MpiException("the mpi engine needs a power-of-two number of ranks (1, 2, 4, 8, …), got " + ranks);
        }
        // Checked after MPI started, so that the error is printed once, by rank 0.
        int g = split != null ? checkSplit(split, "--mpi-split " + split, ranks) : splitFromEnvironment(System.getenv(SPLIT_VARIABLE), ranks);
        return new MpiEngine(mpi, threads, g);
    }

    /** The split a value of {@value #SPLIT_VARIABLE} asks for (unset or blank: the default). */
    static int splitFromEnvironment(String value, int ranks) {
        if (value == null || value.isBlank()) return Math.max(MpiPlan.DEFAULT_SPLIT, Integer.numberOfTrailingZeros(ranks));
        int g;
        try {
            g = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new MpiException(SPLIT_VARIABLE + "=" + value + " is not a whole number; give the split, 0 to " + MpiPlan.MAX_SPLIT);
        }
        return checkSplit(g, SPLIT_VARIABLE + "=" + value.strip(), ranks);
    }

    /** {@code split} when it can serve {@code ranks} ranks; {@code what} names where it came from. */
    static int checkSplit(int split, String what, int ranks) {
        if (split < 0 || split > MpiPlan.MAX_SPLIT) {
            throw new MpiException(what + ": the split must be 0 to " + MpiPlan.MAX_SPLIT + " (global qubits the plans are made for)");
        }
        int k = Integer.numberOfTrailingZeros(ranks);
        if (split < k) {
            throw new MpiException(what + " is fewer than the " + k + " global qubits of " + ranks + " ranks: a split of G serves at most 2^G ranks; "
                    + "choose a split of " + k + " or more (runs with the same split are bit-identical for every rank count up to 2^split)");
        }
        return split;
    }

    /** Open MPI, MPICH and PMIx launchers all set one of these in every rank's environment. */
    static boolean launchedByMpirun() {
        for (String v : List.of("OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "PMI_RANK", "MPI_LOCALNRANKS")) {
            if (System.getenv(v) != null) return true;
        }
        return false;
    }

    @Override public String name() { return "mpi"; }

    @Override public int threads() { return local.threads(); }

    public int rank() { return rank; }

    public int ranks() { return ranks; }

    /** Exchanges made by this engine's states so far (for reports and the plan check). */
    public long exchanges() { return exchanges; }

    /** Swaps inside a slice (of qubits planned global that this rank count holds locally) made so far. */
    public long localSwaps() { return localSwaps; }

    /** Global qubits the plans are made for (see {@link #start(int, Integer)}). */
    public int split() { return split; }

    /** The split decides the amplitudes' last bits, so results record it (the rank count does not matter). */
    @Override
    public Map<String, String> resultOptions() {
        return Map.of("mpi_split", String.valueOf(split));
    }

    private int globalQubits() { return Integer.numberOfTrailingZeros(ranks); }

    /** Every rank holds at least one amplitude. */
    @Override public int minimumQubits() { return Math.max(1, globalQubits()); }

    @Override
    public QuantumState allocate(int numQubits) {
        GateChecks.size(numQubits);
        int k = checkFits(numQubits);
        QuantumState slice;
        try {
            slice = local.allocate(numQubits - k);
        } catch (StateTooLargeException e) {
            throw new StateTooLargeException(numQubits, 16L << numQubits, "each of the " + ranks + " ranks needs "
                    + StateTooLargeException.formatBytes(16L << (numQubits - k)) + "; on this rank, " + e.getMessage());
        }
        // The fast engine starts a slice in |0…0⟩; global index 0 lives on rank 0 only.
        if (rank != 0) FastStateMemory.of(slice).set(ValueLayout.JAVA_DOUBLE, FastStateMemory.amplitudeOffset(0), 0.0);
        return new MpiState(this, numQubits, slice, new QubitLayout(numQubits, numQubits - MpiPlan.splitQubits(numQubits, k, split)));
    }

    /** The number of global qubits, after checking that every rank gets at least one amplitude. */
    private int checkFits(int numQubits) {
        int k = globalQubits();
        if (k > numQubits) {
            throw new MpiException("a state of " + numQubits + " qubits has " + (1L << numQubits)
                    + " amplitudes, fewer than the " + ranks + " ranks; use at most " + (1L << numQubits) + " ranks");
        }
        return k;
    }

    @Override
    public Plan compile(int numQubits, List<Operation.GateOp> gates) {
        GateChecks.size(numQubits);
        checkFits(numQubits);
        return MpiPlan.compile(numQubits, globalQubits(), split, gates, local);
    }

    /** Bytes of the whole state over all ranks. */
    @Override
    public long bytesFor(int numQubits) {
        return numQubits > 58 ? Long.MAX_VALUE : 16L << numQubits;
    }

    @Override
    public void close() {
        local.close();
    }
}
