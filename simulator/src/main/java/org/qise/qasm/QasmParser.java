package org.qise.qasm;

import java.util.Objects;
import org.qise.circuit.Circuit;

/**
 * Reads OpenQASM 2.0 into a {@link Circuit}; a source whose header says {@code OPENQASM 3}
 * is handed to {@link org.qise.qasm3.Qasm3Reader}.
 *
 * <p>{@code include "qelib1.inc";} is built in (the gates of {@link org.qise.circuit.Gates});
 * no file is ever read, so the parser is safe to run on untrusted input. User-defined gates are
 * expanded where they are applied, so the circuit holds library gates only ({@code U} and
 * {@code CX} stay the built-ins). Operations applied to whole registers are broadcast.
 */
public final class QasmParser {
    private QasmParser() {}

    /**
     * Parses OpenQASM 2.0 source with the {@linkplain ParseLimits#DEFAULT default limits}.
     *
     * @param source   the program text
     * @param fileName the name used in error messages
     * @throws QasmException with file:line:column on any error
     */
    public static Circuit parse(String source, String fileName) {
        return parse(source, fileName, ParseLimits.DEFAULT);
    }

    /** Parses OpenQASM 2.0 source, stopping with a {@link QasmException} past the given limits. */
    public static Circuit parse(String source, String fileName, ParseLimits limits) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(limits, "limits");
        // the header decides the language: OPENQASM 3.x reads by OpenQASM 3 rules, anything else as 2.0
        if (org.qise.qasm3.Qasm3Reader.isQasm3(source)) {
            return org.qise.qasm3.Qasm3Reader.parse(source, fileName, limits, java.util.Map.of());
        }
        return new ProgramParser(source, fileName == null ? "<input>" : fileName, limits).parse();
    }

    /**
     * Parses OpenQASM 2.0 in which gate arguments of the main program may also name the circuit
     * parameters {@code parameters} ({@code rx(2*theta) q[0];}); the result is a circuit with
     * {@linkplain Circuit#parameters() parameters} to bind. Any other free name is still an error.
     * An OpenQASM 3 file (by its header) declares its parameters itself: its {@code float} and
     * {@code angle} inputs become the circuit's parameters, and {@code parameters} is not consulted.
     */
    public static Circuit parse(String source, String fileName, ParseLimits limits, java.util.Set<String> parameters) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(limits, "limits");
        if (org.qise.qasm3.Qasm3Reader.isQasm3(source)) {
            // OpenQASM 3 declares its parameters itself: inputs without a value are the circuit's parameters
            return org.qise.qasm3.Qasm3Reader.parse(source, fileName, limits, java.util.Map.of());
        }
        return new ProgramParser(source, fileName == null ? "<input>" : fileName, limits, parameters).parse();
    }

    /**
     * Parses one expression in OpenQASM syntax ({@code 2*pi}, {@code -theta/2}) in which the
     * names {@code parameters} may appear.
     *
     * @throws QasmException naming the column of a mistake
     */
    public static org.qise.param.Expression parseExpression(String text, java.util.Set<String> parameters) {
        TokenCursor cursor = new TokenCursor(text, "<expression>");
        Expr e = new ExpressionParser(cursor, java.util.List.of(), parameters, 64).expression();
        cursor.expect(Token.Kind.EOF, "end of expression");
        return e.symbolic(new org.qise.param.Expression[0]);
    }
}
