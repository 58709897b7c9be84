package org.qise.engine;

/**
 * Makes engines of one kind. Providers are found with {@link java.util.ServiceLoader}: a jar
 * lists its providers in {@code META-INF/services/org.qise.engine.EngineProvider}, one class
 * name a line, and {@link Engines} then knows the engine by {@link #name()} without any change
 * to the core.
 */
public interface EngineProvider {

    /** The engine's name on the command line and in manifests. */
    String name();

    /**
     * Whether the engine can start in this process. An engine that needs a launcher (the mpi
     * engine needs mpirun) says no elsewhere: {@link Engines#names()} then leaves it out, so
     * suites that run every engine skip it, while {@link Engines#create} still tries it and
     * reports why it cannot start.
     */
    default boolean available() { return true; }

    /** One line for help texts. */
    default String description() { return name(); }

    /**
     * A new engine.
     *
     * @param threads threads for its kernels, at least 1 (engines that are single-threaded by
     *                design ignore it)
     */
    Engine create(int threads);

    /**
     * A new engine whose states hold amplitudes in {@code precision}. Engines that only compute
     * in double refuse single precision with a message that names the engine.
     */
    default Engine create(int threads, Precision precision) {
        if (precision == Precision.DOUBLE) return create(threads);
        throw new IllegalArgumentException("the " + name() + " engine computes in double precision only; single precision needs --engine fast");
    }
}
