package org.qise.draw;

import org.qise.circuit.Circuit;

/**
 * Circuit drawings: text for terminals, SVG for pages and notebooks. Both use the same
 * layout (see {@link Layout}): one wire per qubit, qubit 0 on top, one bundled wire per
 * classical register below, operations packed left into columns.
 */
public final class CircuitDiagram {
    private CircuitDiagram() {}

    /** Width that {@link #text(Circuit)} wraps at: a classic terminal. */
    public static final int DEFAULT_WIDTH = 80;

    /** The circuit drawn with box characters, qubit 0 on top, wrapped at 80 characters. */
    public static String text(Circuit circuit) {
        return text(circuit, DEFAULT_WIDTH);
    }

    /**
     * The circuit drawn with box characters; columns that would make a line wider than
     * {@code width} continue in a further block below (marked » and «).
     */
    public static String text(Circuit circuit, int width) {
        return new TextDiagram(new Layout(circuit)).render(width);
    }

    /** A self-contained SVG document of the circuit (no scripts, no external references, all text escaped). */
    public static String svg(Circuit circuit) {
        return new SvgDiagram(new Layout(circuit)).render();
    }
}
