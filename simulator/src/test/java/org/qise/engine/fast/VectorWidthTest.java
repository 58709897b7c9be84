package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.circuit.Gates;

/**
 * The vector shape the kernels derive from the JVM's preferred width. Besides the default run,
 * simulator/pom.xml runs this and the kernel agreement tests with {@code -XX:MaxVectorSize=16}
 * and {@code =32}; this test shows that the narrower width really took effect there.
 */
class VectorWidthTest {

    @Test
    void theLanesAreNoWiderThanTheJvmAllowsAndTheLaneQubitsFollowFromThem() {
        Integer max = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:MaxVectorSize="))
                .map(a -> Integer.parseInt(a.substring("-XX:MaxVectorSize=".length())))
                .reduce((first, last) -> last).orElse(null);
        if (max != null) assertTrue(Lanes.VECTOR_BYTES <= max, Lanes.VECTOR_BYTES + " bytes under MaxVectorSize=" + max);
        assertEquals(Math.max(1, Lanes.DOUBLES / 2), Lanes.AMPS);
        assertEquals(1 << Lanes.LOW_QUBITS, Lanes.AMPS);
        assertEquals(Lanes.VECTOR_BYTES, FloatGateKernel.FLOATS * 4L, "float and double kernels share one width");
    }

    /** On AVX2 (one lane qubit) qubit 0 went to the general register kernel, 2–3× slower. */
    @ParameterizedTest(name = "qubit {0}")
    @ValueSource(ints = {0, 1, 2})
    void aDenseOneQubitGateOnALaneQubitRunsOnTheLaneKernelAtEveryWidth(int qubit) {
        assumeTrue(qubit < Lanes.LOW_QUBITS, "qubit " + qubit + " is above the lanes at this width");
        Kernel k = KernelPlanner.plan(6, Gates.u3(0.3, 1.1, 2.2).targetMatrix(), new int[]{qubit}, new int[0]);
        assertInstanceOf(SingleQubitKernels.Low.class, k);
    }
}
