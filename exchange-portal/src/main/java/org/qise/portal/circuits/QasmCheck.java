package org.qise.portal.circuits;

import java.nio.charset.StandardCharsets;
import org.qise.circuit.Circuit;
import org.qise.portal.PortalException;
import org.qise.qasm.QasmException;
import org.qise.qasm.ParseLimits;
import org.qise.qasm.QasmParser;

/** Validates submitted OpenQASM 2.0 against the parser and the configured size limits. */
public final class QasmCheck {
    /** The name parse errors refer to. */
    public static final String FILE_NAME = "circuit.qasm";

    private final int maxBytes;
    private final int maxQubits;
    private final int maxGates;
    private final ParseLimits parseLimits;

    public QasmCheck(int maxBytes, int maxQubits, int maxGates) {
        this.maxBytes = maxBytes;
        this.maxQubits = maxQubits;
        this.maxGates = maxGates;
        // Let the parser expand a few times the gate limit, so an ordinary circuit over the
        // limit is counted and refused with 413, while a file of nested gate definitions that
        // would blow up to millions of operations is stopped early by the parser itself.
        this.parseLimits = new ParseLimits(Math.max(10_000L, 4L * maxGates), ParseLimits.DEFAULT.maxNesting());
    }

    /** The parsed circuit; 400 when empty, 422 with line and column for invalid QASM, 413 beyond a limit. */
    public Circuit check(String qasm) {
        if (qasm == null || qasm.isBlank()) throw PortalException.badRequest("the OpenQASM source is empty");
        int bytes = qasm.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw PortalException.tooLarge("the OpenQASM source is " + bytes + " bytes; at most " + maxBytes + " are allowed");
        }
        Circuit circuit = parse(qasm, parseLimits);
        if (circuit.numQubits() > maxQubits) {
            throw PortalException.tooLarge("the circuit has " + circuit.numQubits() + " qubits; at most " + maxQubits + " are allowed");
        }
        if (circuit.gateCount() > maxGates) {
            throw PortalException.tooLarge("the circuit has " + circuit.gateCount() + " gates; at most " + maxGates + " are allowed");
        }
        return circuit;
    }

    /**
     * OpenQASM 2.0 has no parameter declarations, so a portal circuit declares its free
     * parameters in a comment line {@code // @parameters theta, phi} (names separated by commas
     * or spaces); a comment keeps the file valid for every other OpenQASM reader.
     */
    private static final java.util.regex.Pattern DECLARATION =
            java.util.regex.Pattern.compile("(?m)^[ \\t]*//[ \\t]*@parameters[ \\t]+([A-Za-z_][A-Za-z0-9_]*(?:[ \\t,]+[A-Za-z_][A-Za-z0-9_]*)*)[ \\t,]*$");

    /** The parameter names declared in the text (see {@link #DECLARATION}), in order; empty when none. */
    public static java.util.Set<String> declaredParameters(String qasm) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        if (qasm == null || !qasm.contains("@parameters")) return names;
        var m = DECLARATION.matcher(qasm);
        while (m.find()) {
            for (String name : m.group(1).split("[ \\t,]+")) if (!name.isEmpty()) names.add(name);
        }
        return names;
    }

    /** Parses QASM that was validated when stored. */
    public static Circuit parse(String qasm) {
        return parse(qasm, ParseLimits.DEFAULT);
    }

    /** Parses under the given limits (for untrusted text, far below the default's ten million operations). */
    public static Circuit parse(String qasm, ParseLimits limits) {
        return parse(qasm, limits, declaredParameters(qasm));
    }

    /**
     * Parses with {@code parameters} allowed as free names in the main program's gate
     * arguments (the circuit then has {@linkplain Circuit#parameters() parameters} to bind).
     */
    public static Circuit parse(String qasm, ParseLimits limits, java.util.Set<String> parameters) {
        try {
            return parameters.isEmpty() || org.qise.qasm3.Qasm3Reader.isQasm3(qasm) ? QasmParser.parse(qasm, FILE_NAME, limits)
                    : QasmParser.parse(qasm, FILE_NAME, limits, parameters);
        } catch (QasmException e) {
            throw PortalException.badInputAt(e.getMessage(), e.line(), e.column());
        } catch (UnsupportedOperationException e) {
            throw new PortalException(503, "the OpenQASM parser is not available in this build");
        } catch (RuntimeException e) {
            // The parser promises QasmException for bad input; anything else is its bug, but
            // the author still deserves an answer rather than a 500.
            throw PortalException.unprocessable("the OpenQASM source could not be read: " + e.getMessage());
        }
    }
}
