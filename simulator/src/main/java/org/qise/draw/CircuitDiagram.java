package org.qise.draw;

import org.qise.circuit.Circuit;

/** Circuit drawings: text for terminals, SVG for pages and notebooks. (Stub: being written.) */
public final class CircuitDiagram {
    private CircuitDiagram() {}

    /** The circuit drawn with box characters, qubit 0 on top. */
    public static String text(Circuit circuit) {
        throw new UnsupportedOperationException("not written yet");
    }

    /** A self-contained SVG document of the circuit (no scripts, all text escaped). */
    public static String svg(Circuit circuit) {
        throw new UnsupportedOperationException("not written yet");
    }
}
