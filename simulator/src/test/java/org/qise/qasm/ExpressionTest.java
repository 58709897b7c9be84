package org.qise.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Operation;

class ExpressionTest {

    private static double eval(String text) {
        return ExpressionParser.evaluateConstant(text);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "42 | 42",
            "1.5 | 1.5",
            ".5 | 0.5",
            "2. | 2",
            "1e-3 | 0.001",
            "1.5E2 | 150",
            "2.5e+1 | 25",
            "1 + 2 * 3 | 7",
            "(1 + 2) * 3 | 9",
            "1 - 2 - 3 | -4",
            "8 / 4 / 2 | 1",
            "-2^2 | -4",
            "(-2)^2 | 4",
            "2^3^2 | 512",
            "2^-1 | 0.5",
            "-3 * -2 | 6",
            "--1 | 1",
            "+1 | 1",
            "2 * 3 ^ 2 | 18",
            "sqrt(16) | 4",
            "cos(0) | 1",
            "ln(exp(2)) | 2",
            "acos(1) | 0",
    })
    void evaluatesWithOpenQasmPrecedence(String text, double expected) {
        assertEquals(expected, eval(text), 1e-15);
    }

    @Test
    void piAndFunctionsGiveTheirClosedForms() {
        assertEquals(Math.PI, eval("pi"));
        assertEquals(Math.PI / 2, eval("pi/2"));
        assertEquals(-Math.PI / 4, eval("-pi/4"));
        assertEquals(3 * Math.PI / 4, eval("3*pi/4"));
        assertEquals(1.0, eval("sin(pi/2)"), 1e-15);
        assertEquals(1.0, eval("tan(pi/4)"), 1e-15);
        assertEquals(Math.E, eval("exp(1)"), 1e-15);
        assertEquals(Math.PI / 2, eval("asin(1)"), 1e-15);
        assertEquals(Math.PI / 4, eval("atan(1)"), 1e-15);
    }

    @Test
    void gateParametersAreEvaluatedExpressions() {
        var c = QasmParser.parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nu3(pi/2, -pi, 2*(0.25+0.5)^2) q[0];\n", "e.qasm");
        var g = ((Operation.GateOp) c.operations().get(0)).gate();
        assertEquals(Math.PI / 2, g.param(0));
        assertEquals(-Math.PI, g.param(1));
        assertEquals(2 * 0.75 * 0.75, g.param(2));
    }

    @Test
    void badExpressionsNameTheProblem() {
        QasmException e = assertThrows(QasmException.class, () -> eval("1 + * 2"));
        assertTrue(e.getMessage().contains("expected a number, pi, a parameter or '(' but found '*'"), e.getMessage());
        assertEquals(5, e.column());
        e = assertThrows(QasmException.class, () -> eval("(1 + 2"));
        assertTrue(e.getMessage().contains("expected ')' but found end of file"), e.getMessage());
        e = assertThrows(QasmException.class, () -> eval("sin 1"));
        assertTrue(e.getMessage().contains("expected '(' after function sin"), e.getMessage());
        e = assertThrows(QasmException.class, () -> eval("theta"));
        assertTrue(e.getMessage().contains("unknown name 'theta'"), e.getMessage());
    }
}
