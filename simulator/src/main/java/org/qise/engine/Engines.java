package org.qise.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Engines by the names used on the command line and in manifests, as registered through
 * {@link EngineProvider} ({@code META-INF/services}); the core's own are {@code fast} and
 * {@code exact}.
 */
public final class Engines {
    private Engines() {}

    /** The engine used when none is asked for. */
    public static final String DEFAULT = "fast";

    /** Names of the engines that can start in this process, in registration order. */
    public static List<String> names() {
        return names(defaultLoader());
    }

    /** Names accepted by {@link #create}, available here or not (e.g. mpi outside mpirun). */
    public static List<String> registered() {
        List<String> names = new ArrayList<>();
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class, defaultLoader())) if (!names.contains(p.name())) names.add(p.name());
        return names;
    }

    /** Names of the engines registered with {@code loader}'s jars. */
    public static List<String> names(ClassLoader loader) {
        List<String> names = new ArrayList<>();
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class, loader)) {
            if (p.available() && !names.contains(p.name())) names.add(p.name());
        }
        return names;
    }

    /**
     * The engine called {@code name}, using {@code threads} threads (0 = all cores; engines
     * that are single-threaded by design ignore it). The caller closes it.
     */
    public static Engine create(String name, int threads) {
        return create(name, threads, defaultLoader());
    }

    /** As {@link #create(String, int)}, with amplitudes in {@code precision} (engines that cannot, refuse). */
    public static Engine create(String name, int threads, Precision precision) {
        return create(name, threads, precision, defaultLoader());
    }

    /** As {@link #create(String, int)}, with providers found through {@code loader}. */
    public static Engine create(String name, int threads, ClassLoader loader) {
        return create(name, threads, Precision.DOUBLE, loader);
    }

    /** As {@link #create(String, int, Precision)}, with providers found through {@code loader}. */
    public static Engine create(String name, int threads, Precision precision, ClassLoader loader) {
        if (threads < 0) throw new IllegalArgumentException("threads must be 0 (all cores) or more, got " + threads);
        int t = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class, loader)) {
            if (p.name().equals(name)) return precision == Precision.DOUBLE ? p.create(t) : p.create(t, precision);
        }
        throw new IllegalArgumentException("unknown engine '" + name + "' (choose one of " + String.join(", ", names(loader)) + ")");
    }

    private static ClassLoader defaultLoader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : Engines.class.getClassLoader();
    }
}
