package org.qise.engine.exact;

import org.qise.engine.Engine;
import org.qise.engine.EngineProvider;

/** Registers the exact engine (see META-INF/services). */
public final class ExactEngineProvider implements EngineProvider {
    @Override public String name() { return "exact"; }

    @Override public String description() { return "plain reference loops on the Java heap, single-threaded"; }

    @Override public Engine create(int threads) { return new ExactEngine(); }
}
