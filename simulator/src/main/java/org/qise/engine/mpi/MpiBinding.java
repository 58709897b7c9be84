package org.qise.engine.mpi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A thin binding to the system's MPI C library through the Foreign Function &amp; Memory API:
 * the handful of calls the distributed engine needs, on {@code MPI_COMM_WORLD}.
 *
 * <p>MPI's handles are not part of its ABI. Open MPI passes pointers to global structs
 * ({@code &ompi_mpi_comm_world}, {@code &ompi_mpi_double}, …), MPICH (and its derivatives:
 * Intel MPI, Cray MPICH, MVAPICH) passes 32-bit integers fixed in its {@code mpi.h}. The binding
 * detects which one it loaded by looking for Open MPI's exported symbol
 * {@code ompi_mpi_comm_world} and builds its call descriptors with pointer or int handles
 * accordingly (see docs/mpi.md for why detection rather than a C helper).
 *
 * <p>There is one binding per process (MPI can be initialised once); {@link #get()} loads it.
 */
public final class MpiBinding {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final int RTLD_NOW = 2, RTLD_GLOBAL = 0x100;

    // MPICH's handle values (mpi.h): MPI_COMM_WORLD, MPI_DOUBLE, MPI_BYTE, MPI_SUM, MPI_STATUS_IGNORE.
    private static final int MPICH_COMM_WORLD = 0x44000000, MPICH_DOUBLE = 0x4c00080b, MPICH_BYTE = 0x4c00010d,
            MPICH_SUM = 0x58000003;

    private static MpiBinding instance;

    /** "Open MPI" or "MPICH". */
    final String flavour;
    final String library;
    private final MemoryLayout handle;
    private final Object commWorld, doubleType, byteType, sumOp;
    private final MemorySegment statusIgnore;
    private final MethodHandle init, initialized, finalized, finalizeCall, rank, size, barrier, sendrecv,
            allreduce, allgather, bcast, abort;
    private boolean finalizedByUs;

    private MpiBinding(String library, SymbolLookup lookup) {
        this.library = library;
        boolean openMpi = lookup.find("ompi_mpi_comm_world").isPresent();
        flavour = openMpi ? "Open MPI" : "MPICH";
        handle = openMpi ? ValueLayout.ADDRESS : INT;
        if (openMpi) {
            commWorld = symbol(lookup, "ompi_mpi_comm_world");
            doubleType = symbol(lookup, "ompi_mpi_double");
            byteType = symbol(lookup, "ompi_mpi_byte");
            sumOp = symbol(lookup, "ompi_mpi_op_sum");
            statusIgnore = MemorySegment.NULL;
        } else {
            commWorld = MPICH_COMM_WORLD;
            doubleType = MPICH_DOUBLE;
            byteType = MPICH_BYTE;
            sumOp = MPICH_SUM;
            statusIgnore = MemorySegment.ofAddress(1);
        }
        MemoryLayout ptr = ValueLayout.ADDRESS;
        init = fn(lookup, "MPI_Init", ptr, ptr);
        initialized = fn(lookup, "MPI_Initialized", ptr);
        finalized = fn(lookup, "MPI_Finalized", ptr);
        finalizeCall = fn(lookup, "MPI_Finalize");
        rank = fn(lookup, "MPI_Comm_rank", handle, ptr);
        size = fn(lookup, "MPI_Comm_size", handle, ptr);
        barrier = fn(lookup, "MPI_Barrier", handle);
        sendrecv = fn(lookup, "MPI_Sendrecv", ptr, INT, handle, INT, INT, ptr, INT, handle, INT, INT, handle, ptr);
        allreduce = fn(lookup, "MPI_Allreduce", ptr, ptr, INT, handle, handle, handle);
        allgather = fn(lookup, "MPI_Allgather", ptr, INT, handle, ptr, INT, handle, handle);
        bcast = fn(lookup, "MPI_Bcast", ptr, INT, handle, INT, handle);
        abort = fn(lookup, "MPI_Abort", handle, INT);
    }

    /**
     * The binding, loading the MPI library on first use: {@code $QISE_MPI_LIBRARY} if set, else
     * the usual sonames of Open MPI and MPICH.
     *
     * @throws MpiException naming the places looked in when no MPI library loads
     */
    public static synchronized MpiBinding get() {
        if (instance == null) instance = load();
        return instance;
    }

    private static MpiBinding load() {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("QISE_MPI_LIBRARY");
        if (env != null && !env.isBlank()) candidates.add(env);
        // The launcher tells which library the ranks must use: loading Open MPI's under MPICH's
        // mpirun (or the reverse) would start each rank as a job of its own, rank 0 of 1.
        List<String> openMpi = List.of("libmpi.so.40"), mpich = List.of("libmpich.so.12", "libmpi.so.12");
        boolean underOpenMpi = System.getenv("OMPI_COMM_WORLD_SIZE") != null;
        candidates.addAll(underOpenMpi ? openMpi : mpich);
        candidates.addAll(underOpenMpi ? mpich : openMpi);
        candidates.add("libmpi.so");
        List<String> tried = new ArrayList<>();
        for (String name : candidates) {
            // Open MPI loads its components with dlopen and they expect libmpi's symbols to be
            // global; Java's own loader opens libraries RTLD_LOCAL, so open it RTLD_GLOBAL first.
            MemorySegment h = dlopen(name);
            if (h.equals(MemorySegment.NULL)) {
                tried.add(name);
                continue;
            }
            try {
                return new MpiBinding(name, SymbolLookup.libraryLookup(name, Arena.global()));
            } catch (IllegalArgumentException e) {
                tried.add(name + " (" + e.getMessage() + ")");
            }
        }
        throw new MpiException("no MPI library found (tried " + String.join(", ", tried)
                + "); install Open MPI (Debian: apt-get install openmpi-bin libopenmpi-dev) or MPICH, "
                + "or point QISE_MPI_LIBRARY at libmpi.so");
    }

    private static MemorySegment dlopen(String name) {
        try {
            MethodHandle dlopen = LINKER.downcallHandle(LINKER.defaultLookup().find("dlopen").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, INT));
            try (Arena a = Arena.ofConfined()) {
                return (MemorySegment) dlopen.invokeExact(a.allocateFrom(name), RTLD_NOW | RTLD_GLOBAL);
            }
        } catch (Throwable t) {
            return Files.exists(Path.of(name)) ? MemorySegment.ofAddress(1) : MemorySegment.NULL;
        }
    }

    private static MemorySegment symbol(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new MpiException("the MPI library lacks " + name));
    }

    private static MethodHandle fn(SymbolLookup lookup, String name, MemoryLayout... args) {
        MemorySegment addr = lookup.find(name).orElseThrow(() -> new MpiException("the MPI library lacks " + name));
        return LINKER.downcallHandle(addr, FunctionDescriptor.of(INT, args));
    }

    private static int call(String what, MethodHandle h, Object... args) {
        int rc;
        try {
            rc = (int) h.invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new MpiException(what + " failed: " + t);
        }
        // MPI's default error handler aborts the job on error; a non-zero code means it was changed.
        if (rc != 0) throw new MpiException(what + " returned error code " + rc);
        return rc;
    }

    private int intOut(String what, MethodHandle h, Object... leading) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(INT);
            Object[] args = new Object[leading.length + 1];
            System.arraycopy(leading, 0, args, 0, leading.length);
            args[leading.length] = out;
            call(what, h, args);
            return out.get(INT, 0);
        }
    }

    /** Initialises MPI if nobody has yet (idempotent). */
    public synchronized void init() {
        if (intOut("MPI_Initialized", initialized) != 0) return;
        call("MPI_Init", init, MemorySegment.NULL, MemorySegment.NULL);
    }

    /** Finalises MPI once, if it was initialised; later calls do nothing. */
    public synchronized void finish() {
        if (finalizedByUs || intOut("MPI_Initialized", initialized) == 0 || intOut("MPI_Finalized", finalized) != 0) return;
        finalizedByUs = true;
        call("MPI_Finalize", finalizeCall);
    }

    public int rank() { return intOut("MPI_Comm_rank", rank, commWorld); }

    public int size() { return intOut("MPI_Comm_size", size, commWorld); }

    public void barrier() { call("MPI_Barrier", barrier, commWorld); }

    /**
     * Sends {@code bytes} bytes of {@code send} to {@code partner} and receives as many from it
     * into {@code receive} (both off-heap segments), in one deadlock-free call.
     */
    public void sendrecv(MemorySegment send, MemorySegment receive, int bytes, int partner) {
        call("MPI_Sendrecv", sendrecv, send, bytes, byteType, partner, 7, receive, bytes, byteType, partner, 7, commWorld, statusIgnore);
    }

    /** Element-wise sum over all ranks, in MPI's order (use only where the order cannot matter: exact sums). */
    public double[] allreduceSum(double[] values) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment in = a.allocateFrom(ValueLayout.JAVA_DOUBLE, values);
            MemorySegment out = a.allocate(ValueLayout.JAVA_DOUBLE, Math.max(1, values.length));
            call("MPI_Allreduce", allreduce, in, out, values.length, doubleType, sumOp, commWorld);
            return out.toArray(ValueLayout.JAVA_DOUBLE);
        }
    }

    /** Every rank's {@code values} (same length on each), concatenated in rank order. */
    public double[] allgather(double[] values) {
        int ranks = size();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment in = a.allocateFrom(ValueLayout.JAVA_DOUBLE, values);
            MemorySegment out = a.allocate(ValueLayout.JAVA_DOUBLE, (long) values.length * ranks);
            call("MPI_Allgather", allgather, in, values.length, doubleType, out, values.length, doubleType, commWorld);
            return out.toArray(ValueLayout.JAVA_DOUBLE);
        }
    }

    /** Every rank's {@code bytes} bytes of {@code send}, concatenated in rank order into {@code receive}. */
    public void allgather(MemorySegment send, MemorySegment receive, int bytes) {
        call("MPI_Allgather", allgather, send, bytes, byteType, receive, bytes, byteType, commWorld);
    }

    /** Broadcasts {@code bytes} bytes of {@code buffer} from rank {@code root} to all. */
    public void bcast(MemorySegment buffer, int bytes, int root) {
        call("MPI_Bcast", bcast, buffer, bytes, byteType, root, commWorld);
    }

    /** Ends every rank of the job with {@code code} (for errors that only some ranks saw). */
    public void abort(int code) { call("MPI_Abort", abort, commWorld, code); }
}
