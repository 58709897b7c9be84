package org.qise.portal.circuits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.draw.CircuitDiagram;

/** Diagrams drawn once per version, and not at all when they would be huge. */
class DiagramCacheTest {
    private static final String HEADER = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";
    private static final String BELL = HEADER + "qreg q[2];\nh q[0];\ncx q[0],q[1];\n";

    /** {@code qubits} wires with {@code layers} layers of H on each: (qubits) × (qubits·layers) cells. */
    static String wide(int qubits, int layers) {
        StringBuilder sb = new StringBuilder(HEADER + "qreg q[" + qubits + "];\n");
        for (int l = 0; l < layers; l++) for (int q = 0; q < qubits; q++) sb.append("h q[").append(q).append("];\n");
        return sb.toString();
    }

    @Test
    void aDiagramIsTheRenderersAndIsDrawnOncePerVersion() {
        DiagramCache cache = new DiagramCache(1 << 20);
        var first = cache.of(BELL);
        assertTrue(first.drawn());
        assertEquals(CircuitDiagram.svg(QasmCheck.parse(BELL)), first.svg(), "the simulator's own drawing");
        assertSame(first, cache.of(BELL), "the second request is served from the cache");
        assertEquals(1, cache.size());
    }

    static Stream<Arguments> sizes() {
        return Stream.of(
                Arguments.of(8, 10, true), // 8 × 80 cells
                Arguments.of(64, 50, false)); // 64 × 3200 = 204 800 cells, over the cap of 200 000
    }

    @ParameterizedTest(name = "{0} qubits × {1} layers drawn: {2}")
    @MethodSource("sizes")
    void aCircuitTooLargeToDrawGetsASmallPictureSayingSo(int qubits, int layers, boolean drawn) {
        var d = new DiagramCache(64 << 20).of(wide(qubits, layers));
        assertEquals(drawn, d.drawn());
        if (!drawn) {
            assertTrue(d.svg().length() < 1024, "a placeholder of " + d.svg().length() + " characters");
            assertTrue(d.svg().contains("Too large to draw"), d.svg());
        }
    }

    @Test
    void theCacheKeepsWithinItsBudgetDroppingTheLeastRecentlyUsed() {
        String a = wide(2, 1);
        String b = wide(3, 1);
        int sizeA = CircuitDiagram.svg(QasmCheck.parse(a)).length();
        int sizeB = CircuitDiagram.svg(QasmCheck.parse(b)).length();
        DiagramCache cache = new DiagramCache(Math.max(sizeA, sizeB) + 10);
        var first = cache.of(a);
        cache.of(b);
        assertEquals(1, cache.size(), "both do not fit");
        assertFalse(first == cache.of(a), "the older one was dropped and is drawn again");
    }
}
