package org.qise.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every error names the file, line and column of the offending token and says what is wrong. */
class QasmErrorTest {
    private static final String HEADER = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";

    /** Parses {@code source} as err.qasm and checks the error's position and key words. */
    private static QasmException assertError(String source, int line, int column, String... words) {
        return assertErrorWith(ParseLimits.DEFAULT, source, line, column, words);
    }

    private static QasmException assertErrorWith(ParseLimits limits, String source, int line, int column, String... words) {
        QasmException e = assertThrows(QasmException.class, () -> QasmParser.parse(source, "err.qasm", limits));
        String where = "err.qasm:" + line + ":" + column + ": ";
        assertTrue(e.getMessage().startsWith(where), "expected position " + where + " in: " + e.getMessage());
        assertEquals("err.qasm", e.file());
        assertEquals(line, e.line());
        assertEquals(column, e.column());
        for (String w : words) assertTrue(e.getMessage().contains(w), "expected '" + w + "' in: " + e.getMessage());
        return e;
    }

    /** The body starts on line 3, after the two header lines. */
    private static QasmException assertBodyError(String body, int line, int column, String... words) {
        return assertError(HEADER + body, line, column, words);
    }

    // ---- header, lexing, include ----

    @Test
    void programMustStartWithTheVersion() {
        assertError("qreg q[1];\n", 1, 1, "expected 'OPENQASM 2.0;'", "found 'qreg'");
        assertError("", 1, 1, "expected 'OPENQASM 2.0;'", "end of file");
    }

    @Test
    void otherVersionsAreRejected() {
        // OPENQASM 3 goes to the OpenQASM 3 reader (org.qise.qasm3); other versions are refused
        assertError("OPENQASM 4;\n", 1, 10, "unsupported OpenQASM version 4", "only version 2.0");
        assertError("OPENQASM 2.1;\n", 1, 10, "unsupported OpenQASM version 2.1");
        assertError("OPENQASM 1.0;\n", 1, 10, "unsupported OpenQASM version 1.0");
        assertError("OPENQASM x;\n", 1, 10, "expected a version number", "found 'x'");
    }

    @Test
    void missingSemicolonSaysWhatWasFound() {
        assertError("OPENQASM 2.0\n", 2, 1, "expected ';'", "found end of file");
        assertBodyError("qreg q[1]\nh q[0];\n", 4, 1, "expected ';' after the register declaration", "found 'h'");
        assertBodyError("qreg q[1];\nh q[0]\n", 5, 1, "expected ';' after the gate application", "end of file");
    }

    @Test
    void versionMayAppearOnlyFirst() {
        assertBodyError("OPENQASM 2.0;\n", 3, 1, "'OPENQASM' may only appear once");
    }

    @Test
    void unexpectedCharactersAndTokens() {
        assertBodyError("qreg q[1];\nh q[0] $;\n", 4, 8, "unexpected character '$'");
        assertBodyError("qreg q[1];\nif (c = 1) x q[0];\n", 4, 7, "unexpected '='", "'=='");
        assertBodyError("qreg q[1];\n;\n", 4, 1, "expected a statement", "found ';'");
        assertBodyError("qreg q[1];\n3 q[0];\n", 4, 1, "expected a statement", "found '3'");
    }

    @Test
    void unclosedCommentsAndStrings() {
        assertBodyError("qreg q[1];\n  /* never closed\n", 4, 3, "'/*' is never closed");
        assertError("OPENQASM 2.0;\ninclude \"qelib1.inc;\n", 2, 9, "string is not closed");
    }

    @Test
    void onlyQelib1CanBeIncluded() {
        assertBodyError("include \"other.inc\";\n", 3, 9, "cannot include \"other.inc\"", "only \"qelib1.inc\"");
        assertBodyError("include \"../../etc/passwd\";\n", 3, 9, "cannot include \"../../etc/passwd\"");
        assertBodyError("include qelib1;\n", 3, 9, "expected a file name in double quotes", "found 'qelib1'");
    }

    // ---- registers ----

    @Test
    void registerDeclarationsAreChecked() {
        assertBodyError("qreg q[0];\n", 3, 8, "register 'q' must have at least one bit");
        assertBodyError("qreg q[2];\ncreg q[2];\n", 4, 6, "register 'q' is already declared at line 3");
        assertBodyError("qreg q[1.5];\n", 3, 8, "expected the register size", "found '1.5'");
        assertBodyError("qreg q[99999999999999999999];\n", 3, 8, "too large");
        assertBodyError("qreg q[2147483647];\nqreg r[1];\n", 4, 8, "too large");
        assertBodyError("qreg Q[1];\n", 3, 6, "must start with a lowercase letter");
        assertBodyError("creg measure[1];\n", 3, 6, "'measure' is a reserved word");
    }

    @Test
    void undeclaredRegistersAreNamed() {
        assertBodyError("qreg q[1];\nh r[0];\n", 4, 3, "quantum register 'r' is not declared");
        assertBodyError("qreg q[1];\nmeasure q[0] -> c[0];\n", 4, 17, "classical register 'c' is not declared");
        assertBodyError("qreg q[1];\ncreg c[1];\nh c[0];\n", 5, 3, "'c' is a classical register; expected a quantum one");
        assertBodyError("qreg q[1];\ncreg c[1];\nmeasure q[0] -> q[0];\n", 5, 17, "'q' is a quantum register; expected a classical one");
    }

    @Test
    void indicesMustBeInRange() {
        assertBodyError("qreg q[2];\nx q[2];\n", 4, 5, "index 2 is out of range for q[2]", "0 to 1");
        assertBodyError("qreg q[2];\ncreg c[2];\nmeasure q[0] -> c[5];\n", 5, 19, "index 5 is out of range for c[2]");
        assertBodyError("qreg q[2];\nx q[-1];\n", 4, 5, "expected an index", "found '-'");
    }

    // ---- gate applications ----

    @Test
    void undefinedGatesAreNamed() {
        assertBodyError("qreg q[1];\nfoo q[0];\n", 4, 1, "gate 'foo' is not defined");
        QasmException e = assertError("OPENQASM 2.0;\nqreg q[1];\nh q[0];\n", 3, 1, "gate 'h' is not defined", "include \"qelib1.inc\"");
        assertTrue(e.getMessage().contains("qelib1.inc"));
    }

    @Test
    void parameterAndQubitCountsAreChecked() {
        assertBodyError("qreg q[2];\nrx q[0];\n", 4, 1, "gate rx takes 1 parameter(s) but 0 were given");
        assertBodyError("qreg q[2];\nh(0.5) q[0];\n", 4, 1, "gate h takes 0 parameter(s) but 1 was given");
        assertBodyError("qreg q[2];\nu3(1,2) q[0];\n", 4, 1, "gate u3 takes 3 parameter(s) but 2 were given");
        assertBodyError("qreg q[2];\ncx q[0];\n", 4, 1, "gate cx acts on 2 qubit(s) but 1 was given");
        assertBodyError("qreg q[3];\nh q[0], q[1];\n", 4, 1, "gate h acts on 1 qubit(s) but 2 were given");
    }

    @Test
    void aQubitCannotBeUsedTwiceInOneGate() {
        assertBodyError("qreg q[2];\ncx q[1], q[1];\n", 4, 10, "qubit q[1] is used twice in one application of cx");
        assertBodyError("qreg q[2];\ncx q, q;\n", 4, 7, "qubit q[0] is used twice");
        assertBodyError("qreg q[2];\nqreg r[2];\nccx q, r, q[1];\n", 5, 11, "qubit q[1] is used twice");
    }

    @Test
    void broadcastRegistersMustHaveEqualSize() {
        assertBodyError("qreg q[2];\nqreg r[3];\ncx q, r;\n", 5, 7, "register r has 3 qubits but q has 2", "equal size");
    }

    @Test
    void measureOperandsMustMatch() {
        assertBodyError("qreg q[2];\ncreg c[3];\nmeasure q -> c;\n", 5, 14, "cannot measure q (2 qubits) into c (3 bits)");
        assertBodyError("qreg q[2];\ncreg c[2];\nmeasure q[0] -> c;\n", 5, 17, "a qubit and a bit, or two whole registers");
        assertBodyError("qreg q[2];\ncreg c[2];\nmeasure q c;\n", 5, 11, "expected '->'", "found 'c'");
    }

    @Test
    void nonFiniteParametersAreRejected() {
        assertBodyError("qreg q[1];\nrx(1/0) q[0];\n", 4, 4, "parameter 1 of rx evaluates to Infinity");
        assertBodyError("qreg q[1];\nrx(ln(-1)) q[0];\n", 4, 4, "evaluates to NaN");
        assertBodyError("qreg q[1];\nu3(0.5, 0/0, 1) q[0];\n", 4, 9, "parameter 2 of u3 evaluates to NaN");
        // inside a body the value depends on the application: reported there, pointing into the body
        assertBodyError("qreg q[1];\ngate g(t) a { rx(1/t) a; }\ng(0) q[0];\n", 5, 1,
                "parameter 1 of rx evaluates to Infinity (inside gate g, in its body at line 4, column 18)");
        assertBodyError("qreg q[1];\nrx(theta) q[0];\n", 4, 4, "unknown name 'theta'");
    }

    @Test
    void malformedOperandsAndParameterLists() {
        assertBodyError("qreg q[1];\nh 3;\n", 4, 3, "expected a quantum register or bit", "found '3'");
        assertBodyError("qreg q[1];\nrx(0.5 q[0];\n", 4, 8, "expected ')' or ',' in the parameter list", "found 'q'");
        assertBodyError("qreg q[1];\nx q[0;\n", 4, 6, "expected ']'", "found ';'");
        assertBodyError("qreg q[1];\nif c==1) x q[0];\n", 4, 4, "expected '(' after if", "found 'c'");
        assertBodyError("gate 3a a { }\n", 3, 6, "expected a gate name", "found '3'");
        assertBodyError("gate g a { cx a, 1; }\n", 3, 18, "expected a qubit argument of gate g", "found '1'");
        assertBodyError("gate g a { (x) a; }\n", 3, 12, "expected a gate application, 'barrier' or '}'", "found '('");
        assertBodyError("opaque g a\n", 4, 1, "expected ';' after the opaque declaration", "end of file");
    }

    // ---- conditions ----

    @Test
    void conditionsNeedADeclaredClassicalRegister() {
        assertBodyError("qreg q[1];\nif (c == 1) x q[0];\n", 4, 5, "classical register 'c' is not declared");
        assertBodyError("qreg q[1];\nif (q == 1) x q[0];\n", 4, 5, "'q' is a quantum register; if tests a classical register");
        assertBodyError("qreg q[1];\ncreg c[1];\nif (c == 1) barrier q;\n", 5, 13, "expected a gate application, measure or reset after if", "'barrier'");
        assertBodyError("qreg q[1];\ncreg c[1];\nif (c[0] == 1) x q[0];\n", 5, 6, "expected '=='", "found '['");
        assertBodyError("qreg q[1];\ncreg c[1];\nif (c == -1) x q[0];\n", 5, 10, "expected a non-negative integer", "found '-'");
    }

    @Test
    void conditionValuesWiderThanTheRegisterAreRefusedAtTheValue() {
        // Qiskit warns that such a condition is never true; QISE refuses it as the mistake it is
        assertBodyError("qreg q[1];\ncreg c[2];\nif (c == 5) x q[0];\n", 5, 10,
                "register c has 2 bits, so it can never equal 5 (which needs 3 bits)");
        assertBodyError("qreg q[1];\ncreg c[64];\nif (c == 18446744073709551616) x q[0];\n", 5, 10,
                "register c has 64 bits, so it can never equal 18446744073709551616 (which needs 65 bits)");
        String huge = "9".repeat(100_000);
        assertBodyError("qreg q[1];\ncreg c[3];\nif (c == " + huge + ") x q[0];\n", 5, 10,
                "register c has 3 bits, so it can never equal a 100000-digit number");
    }

    // ---- gate definitions ----

    @Test
    void gatesCannotBeRedefined() {
        assertBodyError("gate h a { x a; }\n", 3, 6, "gate 'h' is already defined in qelib1.inc");
        assertBodyError("gate g a { x a; }\ngate g b { y b; }\n", 4, 6, "gate 'g' is already defined at line 3");
        assertBodyError("opaque g a;\ngate g b { y b; }\n", 4, 6, "gate 'g' is already defined at line 3");
        assertError("OPENQASM 2.0;\ngate rzz(t) a, b { CX a, b; }\ninclude \"qelib1.inc\";\n", 3, 9,
                "redefines gate 'rzz', already declared at line 2");
        assertError("OPENQASM 2.0;\ngate U a { }\n", 2, 6, "'U' is a reserved word");
    }

    @Test
    void recursiveDefinitionsAreRejected() {
        assertBodyError("gate loop a {\n  h a;\n  loop a;\n}\n", 5, 3, "gate loop calls itself", "recursive",
                "only use gates defined before it");
        assertBodyError("gate first a { second a; }\ngate second a { first a; }\n", 3, 16,
                "gate 'second' is not defined", "only use gates defined before it");
    }

    @Test
    void gateBodiesAreChecked() {
        assertBodyError("gate g a { measure a; }\n", 3, 12, "'measure' is not allowed inside a gate body");
        assertBodyError("gate g a { reset a; }\n", 3, 12, "'reset' is not allowed inside a gate body");
        assertBodyError("gate g a { x a[0]; }\n", 3, 15, "cannot be indexed inside a gate body");
        assertBodyError("gate g a { x b; }\n", 3, 14, "'b' is not a qubit argument of gate g");
        assertBodyError("gate g a, b { cx a, a; }\n", 3, 21, "qubit 'a' is used twice");
        assertBodyError("gate g(t) a { rx(s) a; }\n", 3, 18, "unknown name 's'", "parameters are t");
        assertBodyError("gate g a { rx a; }\n", 3, 12, "gate rx takes 1 parameter(s) but 0 were given");
        assertBodyError("gate g a { cx a; }\n", 3, 12, "gate cx acts on 2 qubit(s) but 1 was given");
        assertBodyError("gate g a, a { }\n", 3, 11, "qubit argument 'a' is listed twice");
        assertBodyError("gate g(t) t { }\n", 3, 6, "'t' is both a parameter and a qubit argument");
        assertBodyError("gate g a { x a;\n", 4, 1, "in the body of gate g", "end of file");
        assertBodyError("gate g a x a; }\n", 3, 10, "expected '{'", "found 'x'");
    }

    @Test
    void opaqueGatesCannotBeSimulated() {
        assertBodyError("opaque magic(t) a;\nqreg q[1];\nmagic(0.5) q[0];\n", 5, 1,
                "opaque gate magic has no definition and cannot be simulated");
        assertBodyError("opaque magic a;\ngate wrap a { h a; magic a; }\nqreg q[1];\nwrap q[0];\n", 6, 1,
                "opaque gate magic has no definition and cannot be simulated", "inside gate wrap");
    }

    // ---- limits ----

    @Test
    void exponentialExpansionStopsAtTheLimit() {
        StringBuilder src = new StringBuilder(HEADER).append("gate g0 a { x a; }\n");
        for (int i = 1; i <= 40; i++) src.append("gate g").append(i).append(" a { g").append(i - 1).append(" a; g").append(i - 1).append(" a; }\n");
        src.append("qreg q[1];\ng40 q[0];\n");
        assertError(src.toString(), 45, 1, "expands to more than 10000000 operations");
        assertErrorWith(new ParseLimits(1000, 200), src.toString(), 45, 1, "more than 1000 operations");
    }

    @Test
    void deeplyNestedEmptyGatesAreBoundedToo() {
        StringBuilder src = new StringBuilder(HEADER).append("gate g0 a { }\n");
        for (int i = 1; i <= 60; i++) src.append("gate g").append(i).append(" a { g").append(i - 1).append(" a; g").append(i - 1).append(" a; }\n");
        src.append("qreg q[1];\ng60 q[0];\n");
        assertError(src.toString(), 65, 1, "expands to more than");
    }

    @Test
    void broadcastOperationsCountTowardsTheLimit() {
        assertErrorWith(new ParseLimits(10, 200), HEADER + "qreg q[20];\nh q;\n", 4, 1, "more than 10 operations");
        assertErrorWith(new ParseLimits(10, 200), HEADER + "qreg q[20];\ncreg c[20];\nmeasure q -> c;\n", 5, 1, "more than 10");
    }

    @Test
    void definitionNestingIsLimited() {
        StringBuilder src = new StringBuilder(HEADER).append("gate g0 a { x a; }\n");
        for (int i = 1; i <= 5; i++) src.append("gate g").append(i).append(" a { g").append(i - 1).append(" a; }\n");
        assertErrorWith(new ParseLimits(1000, 4), src.toString(), 7, 6, "gate g4 nests gate definitions 5 levels deep", "limit is 4");
    }

    @Test
    void deeplyNestedExpressionsFailCleanly() {
        String deep = "(".repeat(100_000) + "1" + ")".repeat(100_000);
        assertBodyError("qreg q[1];\nrx(" + deep + ") q[0];\n", 4, 204, "expression nests more than 200 levels deep");
        String minus = "-".repeat(100_000) + "1";
        assertBodyError("qreg q[1];\nrx(" + minus + ") q[0];\n", 4, 203, "nests more than 200 levels");
        String powers = "2^".repeat(100_000) + "1";
        assertBodyError("qreg q[1];\nrx(" + powers + ") q[0];\n", 4, 403, "nests more than 200 levels");
    }
}
