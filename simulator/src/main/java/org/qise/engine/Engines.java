package org.qise.engine;

import java.util.List;
import org.qise.engine.exact.ExactEngine;
import org.qise.engine.fast.FastEngine;

/** Engines by the names used on the command line and in manifests. */
public final class Engines {
    private Engines() {}

    /** The engine used when none is asked for. */
    public static final String DEFAULT = "fast";

    /** Names accepted by {@link #create}. */
    public static List<String> names() {
        return List.of("fast", "exact");
    }

    /**
     * The engine called {@code name}, using {@code threads} threads (0 = all cores; engines
     * that are single-threaded by design ignore it).
     */
    public static Engine create(String name, int threads) {
        return switch (name) {
            case "fast" -> threads == 0 ? new FastEngine() : new FastEngine(threads);
            case "exact" -> new ExactEngine();
            default -> throw new IllegalArgumentException("unknown engine '" + name + "' (choose one of " + String.join(", ", names()) + ")");
        };
    }
}
