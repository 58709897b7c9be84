package org.qise.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which gate matrices count as real: the kernels give those a loop without the re↔im swap. */
class MatrixRealTest {
    static Stream<Arguments> gates() {
        return Stream.of(
                Arguments.of("h", Gates.h(), true),
                Arguments.of("x", Gates.x(), true),
                Arguments.of("ry", Gates.ry(1.1), true),
                Arguments.of("cx", Gates.cx(), true),
                Arguments.of("y", Gates.y(), false),
                Arguments.of("rz", Gates.rz(0.7), false),
                Arguments.of("sx", Gates.sx(), false),
                Arguments.of("u3", Gates.u3(0.3, 1.1, -0.6), false));
    }

    @ParameterizedTest(name = "{0} is real: {2}")
    @MethodSource("gates")
    void aMatrixIsRealExactlyWhenNoEntryHasAnImaginaryPart(String name, Gate gate, boolean real) {
        assertEquals(real, gate.matrix().isReal());
    }
}
