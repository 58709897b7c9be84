package org.qise.engine.fast;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * Large states on transparent huge pages (Linux): anonymous memory from {@code mmap}, aligned to
 * 2 MiB and marked with {@code madvise(MADV_HUGEPAGE)} before anything touches it, so the kernel
 * backs it with 2 MiB pages where it can.
 *
 * <p>Why: with 4 KiB pages a 20-qubit double state (16 MiB) spans 4,096 pages, more than the
 * 3,072 entries of a Zen 4 core's second-level TLB, so every pass over it misses the TLB on page
 * after page; a 19-qubit state (2,048 pages) fits. On 2 MiB pages the same state is eight
 * entries. Measured at 20 qubits, one thread (issue #19, docs/engine.md): h on qubit 0 took
 * 199–219 µs against 246–264, cx(0, 1) 198–230 against 251–288. The arithmetic is the same, so
 * the bits are too.
 *
 * <p>The kernel zero-fills anonymous pages when they are first touched, so no memset is needed.
 * Where the pages cannot be had (another OS, no native access granted to this code, the switch
 * {@code -Dqise.hugepages=false}) {@link #allocate} gives the arena's own memory, as before;
 * where the kernel declines huge pages (THP set to {@code never}) the memory works on ordinary
 * pages. Native access is checked first, so a program that has not granted it gets
 * no warning from the JDK, only ordinary pages.
 */
public final class HugePageMemory {
    private HugePageMemory() {}

    static final long HUGE_PAGE = 2L << 20;
    // Linux's values on x86-64 and aarch64 (sys/mman.h).
    private static final int PROT_READ_WRITE = 0x3, MAP_PRIVATE_ANONYMOUS = 0x22, MADV_HUGEPAGE = 14;

    private static final MethodHandle MMAP, MADVISE, MUNMAP;

    static {
        MethodHandle mmap = null, madvise = null, munmap = null;
        if (usable()) {
            try {
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                mmap = linker.downcallHandle(libc.find("mmap").orElseThrow(), FunctionDescriptor.of(ValueLayout.ADDRESS,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
                madvise = linker.downcallHandle(libc.find("madvise").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
                munmap = linker.downcallHandle(libc.find("munmap").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
            } catch (RuntimeException e) {
                mmap = madvise = munmap = null; // no libc symbols: ordinary allocation
            }
        }
        MMAP = mmap;
        MADVISE = madvise;
        MUNMAP = munmap;
    }

    /** Linux on x86-64 or aarch64, native access granted to this code, and not switched off. */
    private static boolean usable() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT), arch = System.getProperty("os.arch", "");
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))
                && !"false".equals(System.getProperty("qise.hugepages"))
                && HugePageMemory.class.getModule().isNativeAccessEnabled();
    }

    /** Whether {@link #allocate} maps huge pages here (rather than giving the arena's memory). */
    public static boolean available() {
        return MMAP != null;
    }

    /**
     * {@code bytes} of zeroed native memory, freed when {@code arena} closes: at a 2 MiB boundary
     * and advised for huge pages where {@link #available}, else the arena's own 64-byte aligned
     * memory. Large states take theirs from here ({@link AmplitudeMemory}), and so does the bench's
     * bandwidth probe, so that its sweeps and a state's passes run on the same kind of pages.
     *
     * @throws OutOfMemoryError when the kernel refuses the mapping
     */
    public static MemorySegment allocate(long bytes, Arena arena) {
        return MMAP != null ? mapped(bytes, arena) : arena.allocate(bytes, AmplitudeMemory.ALIGNMENT);
    }

    private static MemorySegment mapped(long bytes, Arena arena) {
        long mapped = bytes + HUGE_PAGE; // room to start at a 2 MiB boundary
        long base;
        try {
            base = ((MemorySegment) MMAP.invokeExact(MemorySegment.NULL, mapped, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0L)).address();
        } catch (Throwable t) {
            throw new IllegalStateException("mmap failed", t);
        }
        if (base == -1L) throw new OutOfMemoryError("mmap of " + mapped + " bytes refused");
        long start = (base + HUGE_PAGE - 1) & -HUGE_PAGE;
        MemorySegment memory = MemorySegment.ofAddress(start).reinterpret(bytes, arena, m -> unmap(base, mapped));
        try {
            // A refusal (THP compiled out) leaves ordinary pages: nothing to do about it.
            int ignored = (int) MADVISE.invokeExact(memory, bytes, MADV_HUGEPAGE);
        } catch (Throwable t) {
            throw new IllegalStateException("madvise failed", t);
        }
        return memory;
    }

    private static void unmap(long base, long length) {
        try {
            int ignored = (int) MUNMAP.invokeExact(MemorySegment.ofAddress(base), length);
        } catch (Throwable t) {
            throw new IllegalStateException("munmap failed", t);
        }
    }
}
