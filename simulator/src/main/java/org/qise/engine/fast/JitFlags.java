package org.qise.engine.fast;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The HotSpot settings the fast engine's kernels need to run at full speed, and a way to see
 * whether this JVM has them.
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
 * <p>{@link #NO_TIER2} keeps the tiered policy from compiling a method at tier 2 (C1 with
 * counters only) because C2's queue is long. C1 runs the Vector API's Java fallbacks, which
 * allocate on every operation. A kernel whose loop body is too big for C1 at tier 3 ("out of
 * virtual registers") goes from the interpreter straight to C2 when tier 3 fails first; but when
 * the policy picks tier 2 first, tier 2 (no profiling code) compiles, and a method at tier 2
 * moves on only through tier 3, which fails: it stays on the fallbacks, a pass about 1,400 times
 * slower (475–500 ms against 0.34 at 20 qubits), for the rest of the JVM's life (docs/engine.md,
 * "Two groups a loop, behind a JIT flag"). With the flag, kernels with such bodies are used
 * ({@link #tier2Avoided}); without it, their one-group forms, which C1 compiles at every tier.
 *
 * <p>The {@code qise} command, its start-up caches, the notebook VM and the test JVMs start with
 * {@link #FLAGS}; a Java program that uses the core library should add them to its own
 * {@code java} command.
 */
public final class JitFlags {
    /** The trap limit the fast engine's JVMs start with. */
    public static final long TRAP_LIMIT_VALUE = 100_000;
    /** The same as a {@code java} option. */
    public static final String TRAP_LIMIT = "-XX:PerMethodTrapLimit=" + TRAP_LIMIT_VALUE;
    /** Below this a kernel compiled late in a long JVM run may lose its traps (see the class comment). */
    static final long ENOUGH = 10_000;
    /**
     * C2's queue length (per C2 thread) above which the policy compiles at tier 2 rather than
     * tier 3 (5 by default): set beyond any queue, so that it never does (see the class comment).
     */
    public static final long TIER3_DELAY_ON_VALUE = 1_000_000;
    /** The same as a {@code java} option. */
    public static final String NO_TIER2 = "-XX:Tier3DelayOn=" + TIER3_DELAY_ON_VALUE;
    /** Every HotSpot option the fast engine's JVMs start with. */
    public static final List<String> FLAGS = List.of(TRAP_LIMIT, NO_TIER2);

    private JitFlags() {}

    /**
     * Whether this JVM never compiles a method at tier 2 for a long C2 queue ({@link #NO_TIER2}),
     * so that kernels too big for C1 reach C2 (read once; false where the JVM does not say).
     */
    public static boolean tier2Avoided() {
        return Tier2.AVOIDED;
    }

    /** Read on first use: the management classes take 13–20 ms to load, and most runs never ask. */
    private static final class Tier2 {
        static final boolean AVOIDED = vmOption("Tier3DelayOn").orElse(0) >= TIER3_DELAY_ON_VALUE;
    }

    /** This JVM's {@code PerMethodTrapLimit}, or empty where the JVM does not say (not HotSpot). */
    public static OptionalLong trapLimit() {
        return vmOption("PerMethodTrapLimit");
    }

    /** A numeric HotSpot option of this JVM, or empty where the JVM does not say (not HotSpot). */
    private static OptionalLong vmOption(String name) {
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (bean == null) return OptionalLong.empty();
            return OptionalLong.of(Long.parseLong(bean.getVMOption(name).getValue()));
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

    /**
     * A note for a timing report when this JVM may compile kernels at tier 2, so that the
     * two-group kernels are off, or empty when they are on.
     */
    public static Optional<String> tier2Note() {
        if (tier2Avoided()) return Optional.empty();
        return Optional.of("this JVM runs without " + NO_TIER2 + ": kernels that C1 cannot compile run their"
                + " one-group forms (2-qubit blocks above the vector about 10% slower); the qise command starts java with it");
    }
}
