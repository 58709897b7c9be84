package org.qise.strange;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random programs, one gate per step, drawn from every gate class Strange ships and every
 * argument order, compared with the same program built independently as a QISE circuit, and
 * with Strange's own simulator wherever that simulator is right.
 */
class StrangeRandomProgramsTest {
    private static final int QUBITS = 4;
    private static final int STEPS = 8;

    @ParameterizedTest
    @MethodSource("org.qise.engine.Engines#names")
    void bridgeAgreesWithIndependentCircuitsToDoublePrecision(String engine) {
        QiseExecutionEnvironment bridge = new QiseExecutionEnvironment(engine, 2, 1);
        for (long seed = 0; seed < 300; seed++) {
            RandomPrograms.Case c = RandomPrograms.randomCase(seed, QUBITS, STEPS);
            double[] ours = bridge.runProgram(c.program()).amplitudes();
            double[] reference = StrangeTestSupport.exactState(c.reference());
            double d = StrangeTestSupport.distance(ours, reference);
            assertTrue(d < 1e-12, engine + " engine, seed " + seed + " " + kinds(c) + ": bridge differs from the reference by " + d);
        }
    }

    @Test
    void everyGateKindIsExercised() {
        java.util.Set<RandomPrograms.Kind> seen = java.util.EnumSet.noneOf(RandomPrograms.Kind.class);
        for (long seed = 0; seed < 300; seed++) {
            RandomPrograms.randomCase(seed, QUBITS, STEPS).picks().forEach(p -> seen.add(p.kind()));
        }
        assertTrue(seen.containsAll(java.util.EnumSet.allOf(RandomPrograms.Kind.class)), "missing kinds: " + seen);
    }

    @Test
    void bridgeAgreesWithStrangeToFloatPrecisionWhereStrangeIsRight() {
        int compared = 0;
        for (long seed = 0; seed < 300; seed++) {
            RandomPrograms.Case c = RandomPrograms.randomCase(seed, QUBITS, STEPS);
            if (!c.strangeAgrees()) continue;
            compared++;
            double[] bridge = StrangeTestSupport.bridgeState(c.program());
            double[] strange = StrangeTestSupport.strangeState(c.program());
            double d = StrangeTestSupport.distanceUpToPhase(bridge, strange);
            assertTrue(d < 1e-5, "seed " + seed + " " + kinds(c) + ": bridge differs from Strange by " + d);
        }
        assertTrue(compared > 100, "only " + compared + " programs avoided Strange's known mistakes");
    }

    private static String kinds(RandomPrograms.Case c) {
        return c.picks().stream().map(p -> p.kind() + "(" + p.gate().getAffectedQubitIndexes() + ")").toList().toString();
    }
}
