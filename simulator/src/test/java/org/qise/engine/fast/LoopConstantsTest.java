package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The constants written with scalars hold the bits the kernels used to make with vector operations
 * per call (re broadcast, im times the lane signs), so moving the coefficients out of registers
 * changes no result: checked lane by lane for ordinary values, signed zeros, subnormals and the
 * extremes, at the machine's own vector width.
 */
class LoopConstantsTest {
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    @ParameterizedTest(name = "re and im {0}")
    @ValueSource(doubles = {0.7071067811865476, -0.25, 0.0, -0.0, 1e-310, -4.9e-324, Double.MAX_VALUE, 1.0 / 3})
    void singlePrecisionConstantsHaveTheBitsOfBroadcastAndSignedMultiply(double x) {
        float re = (float) x, im = (float) (x * -0.5);
        int lanes = FloatGateKernel.FLOATS;
        MemorySegment m = LoopConstants.complexFloats(new float[] {re, im, im, re}, lanes);
        FloatVector[] expected = {
                FloatVector.broadcast(FloatGateKernel.SPECIES, re), FloatDenseKernels.I_SIGN.mul(im),
                FloatVector.broadcast(FloatGateKernel.SPECIES, im), FloatDenseKernels.I_SIGN.mul(re)};
        for (int k = 0; k < expected.length; k++) {
            FloatVector got = FloatVector.fromMemorySegment(FloatGateKernel.SPECIES, m, k * lanes * 4L, ORDER);
            assertArrayEquals(expected[k].reinterpretAsInts().toArray(), got.reinterpretAsInts().toArray(), "vector " + k);
        }
    }

    @ParameterizedTest(name = "re and im {0}")
    @ValueSource(doubles = {0.7071067811865476, -0.25, 0.0, -0.0, 1e-310, -4.9e-324, Double.MAX_VALUE, 1.0 / 3})
    void doublePrecisionConstantsHaveTheBitsOfBroadcastAndSignedMultiply(double re) {
        double im = -re / 7;
        int lanes = Lanes.DOUBLES;
        MemorySegment m = LoopConstants.complexDoubles(new double[] {re, im}, lanes);
        DoubleVector[] expected = {DoubleVector.broadcast(Lanes.SPECIES, re), Lanes.I_SIGN.mul(im)};
        for (int k = 0; k < expected.length; k++) {
            DoubleVector got = DoubleVector.fromMemorySegment(Lanes.SPECIES, m, k * lanes * 8L, ORDER);
            assertArrayEquals(expected[k].reinterpretAsLongs().toArray(), got.reinterpretAsLongs().toArray(), "vector " + k);
        }
    }

    @ParameterizedTest(name = "{0} coefficients")
    @ValueSource(ints = {1, 4, 16})
    void theBlockStartsOnACacheLineAndHoldsTwoVectorsPerCoefficient(int coefficients) {
        MemorySegment m = LoopConstants.complexDoubles(new double[2 * coefficients], Lanes.DOUBLES);
        assertEquals(0, m.address() % 64);
        assertEquals(2L * coefficients * Lanes.DOUBLES * 8, m.byteSize());
    }
}
