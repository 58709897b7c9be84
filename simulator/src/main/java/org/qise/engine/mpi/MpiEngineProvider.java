package org.qise.engine.mpi;

import org.qise.engine.Engine;
import org.qise.engine.EngineProvider;

/** Registers the distributed engine (see META-INF/services). */
public final class MpiEngineProvider implements EngineProvider {
    @Override public String name() { return "mpi"; }

    /** Only under mpirun: elsewhere it cannot start (and suites that run every engine skip it). */
    @Override public boolean available() { return MpiEngine.launchedByMpirun(); }

    @Override public String description() { return "one state across MPI ranks (launch with mpirun); fast engine on each rank's slice"; }

    @Override public Engine create(int threads) { return MpiEngine.start(threads); }
}
