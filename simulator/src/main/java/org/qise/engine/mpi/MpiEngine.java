package org.qise.engine.mpi;

import java.lang.foreign.ValueLayout;
import java.util.List;
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
    /** Exchanges between ranks made by this engine's states so far, and swaps of planned-global positions inside a slice. */
    long exchanges, localSwaps;

    private MpiEngine(MpiBinding mpi, int threads) {
        this.mpi = mpi;
        this.rank = mpi.rank();
        this.ranks = mpi.size();
        this.local = new FastEngine(threads);
    }

    /**
     * Starts MPI (once per process) and the engine.
     *
     * @throws MpiException when not launched by mpirun, when MPI is missing, or when the rank
     *                      count is not a power of two
     */
    public static MpiEngine start(int threads) {
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
        return new MpiEngine(mpi, threads);
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
        return new MpiState(this, numQubits, slice, new QubitLayout(numQubits, numQubits - MpiPlan.splitQubits(numQubits, k)));
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
        return MpiPlan.compile(numQubits, globalQubits(), gates, local);
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
