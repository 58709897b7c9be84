package org.qise.qasm;

import org.qise.circuit.Circuit;

/** Writes a {@link Circuit} as OpenQASM 2.0. (Stub: being written.) */
public final class QasmExporter {
    private QasmExporter() {}

    /** The canonical OpenQASM 2.0 text of a circuit; {@link QasmParser} reads it back to an equal circuit. */
    public static String export(Circuit circuit) {
        throw new UnsupportedOperationException("QASM exporter not written yet");
    }
}
