package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The price of a dense block on two qubits by where they sit: a block on two lane qubits runs on
 * {@link InVectorPairKernel} in double (priced as a block on two high qubits, which it measured
 * level with), but on the general lane kernels in float, so float plans keep the lane price.
 */
class BlockCostTest {
    private static final long LANES = (1L << Lanes.LOW_QUBITS) - 1;

    @ParameterizedTest(name = "qubits {0} and {1}, single precision {2}")
    @CsvSource({"0, 1, false", "0, 1, true", "1, 0, false", "0, 5, false", "0, 5, true", "9, 12, false", "9, 12, true"})
    void aBlockOnTwoLaneQubitsCostsATwoHighBlockOnlyInDouble(int a, int b, boolean single) {
        long mask = 1L << a | 1L << b;
        double highPair = BlockCost.estimate(1L << 10 | 1L << 11, false, single);
        double cost = BlockCost.estimate(mask, false, single);
        boolean inVector = (mask & ~LANES) == 0;
        boolean anyLane = (mask & LANES) != 0;
        if (inVector && !single) assertEquals(highPair, cost, "double, both in the lanes");
        else if (anyLane) assertTrue(cost > highPair, "a lane target without the in-vector kernel: " + cost);
        else assertEquals(highPair, cost, "both high");
    }
}
