package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;
import org.qise.engine.Plan;
import org.qise.engine.fast.FastEngine;
import org.qise.qasm.QasmParser;

/**
 * What the start-up caches are trained on. A JDK 25 cache keeps the training run's method
 * profiles, and HotSpot may start such a method at tier 2 in later runs whatever
 * {@code -XX:Tier3DelayOn} says. A two-group kernel (too big for C1 at tier 3) started there
 * would stay on the Vector API's Java fallbacks, so the training circuit must not run one.
 */
class StartupCacheTrainingTest {
    @Test
    void theTrainingCircuitRunsNoKernelThatC1CannotCompile() {
        Circuit c = QasmParser.parse(StartupCache.trainingCircuit(12), "aot-training.qasm");
        List<Operation.GateOp> gates = c.operations().stream()
                .filter(o -> o instanceof Operation.GateOp).map(o -> (Operation.GateOp) o).toList();
        try (FastEngine engine = new FastEngine(1)) {
            Plan plan = engine.compile(c.numQubits(), gates);
            String explain = plan.explain();
            assertTrue(explain.contains("->"), "the plan names its kernels:\n" + explain);
            assertFalse(explain.contains("TwoGroups"), "a two-group kernel in the training run:\n" + explain);
        }
    }
}
