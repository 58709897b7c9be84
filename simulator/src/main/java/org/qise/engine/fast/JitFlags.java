package org.qise.engine.fast;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The HotSpot setting the fast engine's kernels need to run at full speed, and a way to see
 * whether this JVM has it.
 *
 * <p>C2 counts the uncommon traps of a compiled method <em>including those of every method it
 * inlines</em>, and once a reason's count reaches {@code -XX:PerMethodTrapLimit} (100 by default)
 * it stops planting traps of that reason anywhere in the method: each class check then falls
 * back to a real virtual call. A vector kernel inlines about a hundred Vector API calls
 * ({@code VectorSupport.load}, {@code ternaryOp}, {@code FloatVector.lanewiseTemplate}, ...), whose
 * profiles are shared by every kernel in the JVM; a few class-check traps in each, left by
 * kernels of other element types and shapes compiled before, add up past 100. The kernel
 * compiled after that kept calls to {@code MemorySegment.byteSize()} in its loop, spilled its
 * vectors around them (8 times the code), and ran 2x slower: single-precision {@code random}
 * at 24 qubits took 1.8-2.3 s instead of 1.0-1.1 s when a bandwidth probe and {@code qcbm} had
 * run first (docs/engine.md, "A kernel compiled late ran 2× slower: the trap limit"). Traps are
 * still limited per bytecode ({@code PerBytecodeTrapLimit}) and recompilations per method, so a
 * high per-method limit only stops one kernel from paying for the traps of others.
 *
 * <p>The {@code qise} command, its start-up caches, the notebook VM and the test JVMs start with
 * {@link #TRAP_LIMIT}; a Java program that uses the core library should add it to its own
 * {@code java} command.
 */
public final class JitFlags {
    /** The trap limit the fast engine's JVMs start with. */
    public static final long TRAP_LIMIT_VALUE = 100_000;
    /** The same as a {@code java} option. */
    public static final String TRAP_LIMIT = "-XX:PerMethodTrapLimit=" + TRAP_LIMIT_VALUE;
    /** Below this a kernel compiled late in a long JVM run may lose its traps (see the class comment). */
    static final long ENOUGH = 10_000;

    private JitFlags() {}

    /** This JVM's {@code PerMethodTrapLimit}, or empty where the JVM does not say (not HotSpot). */
    public static OptionalLong trapLimit() {
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (bean == null) return OptionalLong.empty();
            return OptionalLong.of(Long.parseLong(bean.getVMOption("PerMethodTrapLimit").getValue()));
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return OptionalLong.empty();
        }
    }

    /**
     * A note for a timing report when this JVM's trap limit is low enough to make late-compiled
     * kernels slow, or empty when it is not (or is unknown).
     */
    public static Optional<String> lowTrapLimitNote() {
        OptionalLong limit = trapLimit();
        if (limit.isEmpty() || limit.getAsLong() >= ENOUGH) return Optional.empty();
        return Optional.of("this JVM runs with -XX:PerMethodTrapLimit=" + limit.getAsLong()
                + ": kernels compiled late in the run may be up to 2x slower; the qise command starts java with " + TRAP_LIMIT);
    }
}
