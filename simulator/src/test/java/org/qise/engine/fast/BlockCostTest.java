package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The price of a dense block by where its qubits sit. Blocks whose qubits all pick lanes have
 * kernels of their own: in double {@link InVectorPairKernel} (two qubits, priced as a block on
 * two high qubits, which it measured level with), in float {@link FloatDenseKernels.InVector2}
 * and {@link FloatDenseKernels.InVector3} (two or three qubits, measured faster than a block on
 * as many high qubits). A block that mixes lane and high qubits runs on the general lane kernels
 * and costs more than a high block in both precisions.
 */
class BlockCostTest {

    @ParameterizedTest(name = "qubits {0}, single precision {1}")
    @CsvSource({"0 1, false", "0 1, true", "1 0, false", "0 2, true", "1 2, true", "0 1 2, true", "0 5, false", "0 5, true",
            "9 12, false", "9 12, true", "9 12 14, true"})
    void aBlockInsideTheVectorIsPricedByItsOwnKernel(String set, boolean single) {
        long mask = 0;
        for (String q : set.split(" ")) mask |= 1L << Integer.parseInt(q);
        int k = Long.bitCount(mask);
        long high = ((1L << k) - 1) << 10;
        double highBlock = BlockCost.estimate(high, false, single);
        double cost = BlockCost.estimate(mask, false, single);
        // The in-vector kernels are chosen by the vector of the precision; the lane price of a
        // mixed block follows the double vector's lanes in both (the fuser's model of them).
        long floatLanes = (1L << FloatGateKernel.LOW_QUBITS) - 1, doubleLanes = (1L << Lanes.LOW_QUBITS) - 1;
        if (single && (mask & ~floatLanes) == 0 && k >= 2 && k <= 3) assertTrue(cost < highBlock, "float, all in the lanes: " + cost + " against " + highBlock);
        else if (!single && (mask & ~doubleLanes) == 0 && k == 2) assertEquals(highBlock, cost, "double, both in the lanes");
        else if ((mask & doubleLanes) != 0) assertTrue(cost > highBlock, "a lane qubit without an in-vector kernel: " + cost + " against " + highBlock);
        else assertEquals(highBlock, cost, "all high");
    }
}
