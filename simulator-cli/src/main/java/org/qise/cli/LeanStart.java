package org.qise.cli;

import org.qise.engine.fast.FastEngine;

/**
 * The fast start of a small {@code qise run}: the launcher starts it on a JVM without the Vector
 * API module, and a run that turns out to need that module hands itself back to the launcher,
 * which starts it again with the module (see docs/engine.md, start-up).
 *
 * <p>Why: the Vector API is an incubator module, and JDK 25 does not archive a module graph that
 * holds an incubator module (ModuleBootstrap skips the boot layer then), so a start-up cache made
 * with {@code --add-modules jdk.incubator.vector} has no full module graph and no AOT-linked
 * classes, and every start resolves the modules and links the classes again. A cache made
 * without the module has both, and a small run never needs vectors: states of at most
 * {@link FastEngine#SCALAR_MAX_QUBITS} qubits run on scalar loops.
 */
final class LeanStart {
    /**
     * The exit status that asks the launcher to run the same command again with the Vector API.
     * It is returned before anything is printed or read from standard input.
     */
    static final int NEEDS_VECTOR_API = 90;

    private LeanStart() {}

    /**
     * Whether this is the launcher's lean JVM: started with {@code -Dqise.lean=true} and without
     * the Vector API module. Anyone else who starts {@code QiseMain} without the module gets an
     * error that says so, never the silent hand-back status.
     */
    static boolean active() {
        return Boolean.getBoolean("qise.lean") && vectorModuleMissing();
    }

    static boolean vectorModuleMissing() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty();
    }

    /**
     * Whether a plain {@code qise run} of {@code numQubits} qubits runs without vectors: the fast
     * engine (or the exact one) in double precision on a state small enough for scalar loops.
     * Noise, explain and the MPI split are sent to the full JVM without looking closer.
     */
    static boolean fitsWithoutVectors(String engine, String precision, int numQubits, boolean other) {
        return !other && ("fast".equals(engine) || "exact".equals(engine)) && "double".equals(precision)
                && numQubits <= FastEngine.SCALAR_MAX_QUBITS;
    }

    /** Whether {@code e} is the Vector API missing from this JVM (on a lean one: a case {@link #fitsWithoutVectors} missed). */
    static boolean missingVectorApi(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if ((t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException)
                    && t.getMessage() != null && t.getMessage().replace('.', '/').contains("jdk/incubator/vector")) {
                return vectorModuleMissing();
            }
        }
        return false;
    }

    /** What a JVM started without the module by someone other than the launcher is told. */
    static final String MODULE_NEEDED = "this command needs the Vector API module: start java with "
            + "--add-modules jdk.incubator.vector (./qise does)";
}
