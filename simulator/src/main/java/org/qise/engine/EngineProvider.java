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

    /** One line for help texts. */
    default String description() { return name(); }

    /**
     * A new engine.
     *
     * @param threads threads for its kernels, at least 1 (engines that are single-threaded by
     *                design ignore it)
     */
    Engine create(int threads);
}
