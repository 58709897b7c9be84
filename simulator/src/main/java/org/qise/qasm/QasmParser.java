package org.qise.qasm;

import org.qise.circuit.Circuit;

/** Reads OpenQASM 2.0 into a {@link Circuit}. (Stub: the parser is being written.) */
public final class QasmParser {
    private QasmParser() {}

    /**
     * Parses OpenQASM 2.0 source. {@code include "qelib1.inc"} is built in; no file is read.
     *
     * @param source   the program text
     * @param fileName the name used in error messages
     * @throws QasmException with file:line:column on any error
     */
    public static Circuit parse(String source, String fileName) {
        throw new UnsupportedOperationException("QASM parser not written yet");
    }
}
