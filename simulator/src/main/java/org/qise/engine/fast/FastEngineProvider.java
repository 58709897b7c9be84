package org.qise.engine.fast;

import org.qise.engine.Engine;
import org.qise.engine.EngineProvider;
import org.qise.engine.Precision;

/** Registers the fast engine (see META-INF/services). */
public final class FastEngineProvider implements EngineProvider {
    @Override public String name() { return "fast"; }

    @Override public String description() { return "off-heap Vector API kernels, compiled plans with fusion and stages, threads"; }

    @Override public Engine create(int threads) { return FastEngine.forCommandLine(threads); }

    @Override public Engine create(int threads, Precision precision) { return FastEngine.forCommandLine(threads, precision); }
}
