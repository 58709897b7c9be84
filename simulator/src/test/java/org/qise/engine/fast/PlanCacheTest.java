package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qise.bench.Workloads;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.engine.Plan;
import org.qise.engine.Precision;
import org.qise.engine.QuantumState;

/**
 * An engine keeps the plan it compiled last: the same gates again (equal, not necessarily the same
 * list) on as many qubits get that plan without a compilation, and anything else is compiled.
 */
class PlanCacheTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Precision.class)
    void theSameGatesAgainReuseThePlanAndOtherGatesAreCompiled(Precision precision) {
        int n = 14;
        List<Operation.GateOp> gates = new ArrayList<>(Workloads.circuit("qcbm", n));
        try (FastEngine e = new FastEngine(1, precision)) {
            long before = Compilations.count();
            Plan first = e.compile(n, gates);
            assertSame(first, e.compile(n, new ArrayList<>(gates)), "an equal list of gates");
            assertEquals(1, Compilations.count() - before, "one compilation for both");

            // The caller's list changes after the first compilation: the engine kept a copy, so this is new.
            gates.set(5, new Operation.GateOp(Gates.u3(0.1, 0.2, 0.3), gates.get(5).qubits(), null));
            Plan changed = e.compile(n, gates);
            assertNotSame(first, changed, "one gate's matrix differs");
            assertNotSame(changed, e.compile(n + 1, gates), "the same gates on one more qubit");
            assertEquals(3, Compilations.count() - before);

            // A reused plan runs as a fresh one does.
            try (FastEngine fresh = new FastEngine(1, precision); QuantumState a = e.allocate(n); QuantumState b = fresh.allocate(n)) {
                a.run(e.compile(n, gates));
                b.run(fresh.compile(n, gates));
                assertArrayEquals(b.amplitudes(), a.amplitudes());
            }
        }
    }
}
