package org.qise.sim;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.qise.circuit.Operation;
import org.qise.engine.Engine;
import org.qise.engine.Plan;
import org.qise.engine.QuantumState;

/** Wraps an engine and counts the plans compiled and the states allocated through it. */
class CountingEngine implements Engine {
    final Engine inner;
    final AtomicInteger compilations = new AtomicInteger();
    final AtomicInteger allocations = new AtomicInteger();
    boolean closed;

    CountingEngine(Engine inner) {
        this.inner = inner;
    }

    @Override public String name() { return inner.name(); }

    @Override public int threads() { return inner.threads(); }

    @Override public int minimumQubits() { return inner.minimumQubits(); }

    @Override
    public QuantumState allocate(int numQubits) {
        allocations.incrementAndGet();
        return inner.allocate(numQubits);
    }

    @Override
    public Plan compile(int numQubits, List<Operation.GateOp> gates) {
        compilations.incrementAndGet();
        return inner.compile(numQubits, gates);
    }

    @Override
    public long bytesFor(int numQubits) { return inner.bytesFor(numQubits); }

    @Override
    public long availableBytes() { return inner.availableBytes(); }

    @Override
    public void close() {
        closed = true;
        inner.close();
    }
}
