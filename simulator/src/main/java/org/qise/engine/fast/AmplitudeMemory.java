package org.qise.engine.fast;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.qise.engine.StateTooLargeException;

/**
 * Off-heap storage for 2^n amplitudes (16 bytes each, interleaved re, im), 64-byte aligned,
 * zero-filled, in a shared arena so that pool threads may touch it; states of more than
 * {@link #SMALL_BYTES} on transparent huge pages where the machine allows
 * ({@link HugePageMemory}). Before allocating it checks the machine's available physical memory,
 * keeping a margin, so that a too-large request fails with a clear message instead of driving the
 * machine into swap or the OOM killer.
 *
 * <p>Large states that nobody closes (a {@code Result} dropped in a notebook) are freed once
 * unreachable: each shared arena is registered with a {@link Cleaner} whose action holds only
 * the arena, never this object or the state. A shared arena (not a confined one) is needed for
 * that too, since the cleaner's thread closes it. {@link #close()} runs the same action at
 * once, and a cleaning action runs at most once, so close-then-collect frees nothing twice.
 */
final class AmplitudeMemory implements AutoCloseable {
    static final long ALIGNMENT = 64;
    /** Kept free for the JVM, the OS and the rest of the program. */
    static final long MARGIN_BYTES = 512L << 20;

    private static final Cleaner CLEANER = Cleaner.create();
    /** Shared-arena bytes allocated and not yet freed; tests read it to see memory come back. */
    private static final AtomicLong LIVE_BYTES = new AtomicLong();

    final MemorySegment segment;
    /** Frees the shared arena; null for small states, which a garbage-collected arena holds. */
    private final Cleaner.Cleanable release;

    private AmplitudeMemory(Arena arena, MemorySegment segment) {
        this.segment = segment;
        if (arena == null) {
            this.release = null;
        } else {
            LIVE_BYTES.addAndGet(segment.byteSize());
            this.release = CLEANER.register(this, new Release(arena, segment.byteSize()));
        }
    }

    /** The cleaning action: it must not reach the memory's owner, or the owner would never become unreachable. */
    private record Release(Arena arena, long bytes) implements Runnable {
        @Override
        public void run() {
            arena.close();
            LIVE_BYTES.addAndGet(-bytes);
        }
    }

    /** Off-heap bytes of large states (shared arenas) allocated and not yet freed, in this JVM. */
    static long liveBytes() {
        return LIVE_BYTES.get();
    }

    /**
     * Bytes needed for n qubits: at least one full vector, so that tiny states use the same
     * kernels, plus the layout's gaps (see {@link Lanes}).
     */
    static long bytesFor(int numQubits) {
        if (numQubits > 58) return Long.MAX_VALUE;
        return Lanes.bytesFor(vectorsFor(numQubits));
    }

    /** Vectors holding 2^n amplitudes (the only one zero-padded when n is tiny). */
    static long vectorsFor(int numQubits) {
        return Math.max(1, (1L << numQubits) / Lanes.AMPS);
    }

    /**
     * States up to this size (n ≤ 17) live in a garbage-collected arena: closing a shared arena
     * costs a handshake with every thread, which dominated shot-by-shot runs that copy and drop
     * a small state per shot. They are also too small to need the free-memory check.
     */
    static final long SMALL_BYTES = 2L << 20;

    static AmplitudeMemory allocate(int numQubits) {
        if (numQubits < 0) throw new IllegalArgumentException("negative qubit count " + numQubits);
        return allocate(numQubits, bytesFor(numQubits), numQubits > 58 ? Long.MAX_VALUE : 16L << numQubits);
    }

    /**
     * {@code bytes} of zero-filled memory for a state of n qubits in some layout (the single
     * precision one, {@link FloatLayout}, too), checked against the available memory;
     * {@code reported} is the state's size as messages give it (amplitudes × their bytes).
     */
    static AmplitudeMemory allocate(int numQubits, long bytes, long reported) {
        if (numQubits < 0) throw new IllegalArgumentException("negative qubit count " + numQubits);
        if (bytes <= SMALL_BYTES) {
            return new AmplitudeMemory(null, Arena.ofAuto().allocate(bytes, ALIGNMENT));
        }
        long available = availablePhysicalBytes();
        if (bytes > available - MARGIN_BYTES) {
            throw new StateTooLargeException(numQubits, reported, "only " + StateTooLargeException.formatBytes(Math.max(0, available))
                    + " of physical memory is available (keeping " + StateTooLargeException.formatBytes(MARGIN_BYTES) + " spare)");
        }
        Arena arena = Arena.ofShared();
        try {
            return new AmplitudeMemory(arena, HugePageMemory.allocate(bytes, arena));
        } catch (OutOfMemoryError | IllegalArgumentException | IllegalStateException e) {
            arena.close();
            throw new StateTooLargeException(numQubits, reported, "the operating system refused the allocation (" + e.getMessage() + ")");
        }
    }

    /** A copy of another state's memory. */
    static AmplitudeMemory copyOf(AmplitudeMemory other, int numQubits) {
        AmplitudeMemory m = allocate(numQubits);
        MemorySegment.copy(other.segment, 0, m.segment, 0, other.segment.byteSize());
        return m;
    }

    /**
     * Physical memory that can be given out without swapping: MemAvailable from /proc/meminfo on
     * Linux (it counts reclaimable page cache, which the bean's "free" figure does not), capped by
     * the bean's total, which honours a container's memory limit; elsewhere the bean's free memory.
     */
    static long availablePhysicalBytes() {
        long total = Long.MAX_VALUE, free = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            total = os.getTotalMemorySize();
            free = os.getFreeMemorySize();
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    String[] parts = line.trim().split("\\s+");
                    return Math.min(total, Long.parseLong(parts[1]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable: fall back to the management bean
        }
        return free >= 0 ? free : Runtime.getRuntime().maxMemory();
    }

    /** Frees the memory now; later calls, and the cleaner, then do nothing. */
    @Override
    public void close() {
        if (release != null) release.clean(); // small states: the garbage collector frees them
    }
}
