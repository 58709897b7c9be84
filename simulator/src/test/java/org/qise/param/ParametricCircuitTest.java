package org.qise.param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;
import org.qise.qasm.QasmException;
import org.qise.qasm.QasmExporter;
import org.qise.qasm.QasmParser;
import org.qise.qasm.ParseLimits;
import org.qise.sim.Simulator;

class ParametricCircuitTest {
    static final Map<String, Double> POINT = Map.of("theta", 0.7, "phi", -1.3);

    @ParameterizedTest(name = "{0} = {1}, d/dtheta = {2}")
    @CsvSource(delimiter = ';', value = {
            // text; value at theta=0.7, phi=-1.3 (closed form); ∂/∂theta (closed form)
            "2*theta + phi; 0.1; 2",
            "-theta/2; -0.35; -0.5",
            "theta*phi; -0.91; -1.3",
            "sin(theta)^2; 0.41501642854988; 0.98544972998846",
            "sqrt(theta) + ln(theta) - exp(phi); 0.20745328956133; 2.02618573323863",
            "theta^phi; 1.58991002585806; -2.95269004802211",
            "pi - cos(2*theta)/4; 3.09910086786473; 0.49272486499423",
            "atan(theta) + asin(theta/2) + acos(0.5) + tan(theta); 2.85778299969440; 2.91435116814406"})
    void expressionsEvaluateAndDifferentiateAsTheirClosedForms(String text, double value, double derivative) {
        Expression e = QasmParser.parseExpression(text, Set.of("theta", "phi"));
        assertEquals(value, e.evaluate(POINT), 1e-6);
        assertEquals(derivative, e.derivative("theta", POINT), 1e-6);
        // the text it prints reads back to the same function
        Expression back = QasmParser.parseExpression(e.toString(), Set.of("theta", "phi"));
        assertEquals(e.evaluate(POINT), back.evaluate(POINT), 1e-15, e.toString());
    }

    @Test
    void constantSubexpressionsAreFoldedAndParametersListedInOrder() {
        Expression e = Param.of("b").plus(Param.of("a").times(Expression.constant(2).times(3)));
        assertEquals(List.of("b", "a"), List.copyOf(e.parameters()));
        assertEquals("b + a*6", e.toString());
        assertTrue(Expression.constant(1).plus(2).isConstant());
    }

    @Test
    void bindingGivesTheCircuitBuiltWithNumbers() {
        Circuit symbolic = Circuit.builder(2).h(0).rx(Param.of("theta").times(2), 0).cu3(Param.of("theta"), Param.of("phi"), Param.constant(0.25), 0, 1)
                .rzz(Param.of("phi").negate(), 0, 1).build();
        Circuit numeric = Circuit.builder(2).h(0).rx(1.4, 0).cu3(0.7, -1.3, 0.25, 0, 1).rzz(1.3, 0, 1).build();
        assertEquals(List.of("theta", "phi"), symbolic.parameters());
        Circuit bound = symbolic.bind(POINT);
        assertEquals(numeric, bound);
        assertEquals(List.of(), bound.parameters());
        // only parametric gates are rebuilt
        assertSame(symbolic.operations().get(0), bound.operations().get(0));
    }

    @Test
    void partialBindingLeavesTheOtherParameters() {
        Circuit c = Circuit.builder(1).rx(Param.of("theta").plus(Param.of("phi")), 0).build();
        Circuit half = c.bind(Map.of("theta", 1.0));
        assertEquals(List.of("phi"), half.parameters());
        assertEquals(Circuit.builder(1).rx(3.0, 0).build(), half.bind(Map.of("phi", 2.0)));
    }

    @Test
    void bindingAnUnknownParameterNamesIt() {
        Circuit c = Circuit.builder(1).rx(Param.of("theta"), 0).build();
        var e = assertThrows(IllegalArgumentException.class, () -> c.bind(Map.of("thta", 1.0)));
        assertEquals("unknown parameter 'thta': the circuit's parameters are theta", e.getMessage());
    }

    @Test
    void runningAnUnboundCircuitNamesTheMissingParameters() {
        Circuit c = Circuit.builder(2).rx(Param.of("theta"), 0).rzz(Param.of("gamma"), 0, 1).build();
        var e = assertThrows(UnboundParameterException.class, () -> Simulator.builder().build().run(c.bind(Map.of("theta", 1.0))));
        assertTrue(e.getMessage().startsWith("parameter gamma has no value"), e.getMessage());
    }

    @Test
    void qasmWithAllowedParametersGivesAParametricCircuitEvenThroughUserGates() {
        String src = """
                OPENQASM 2.0;
                include "qelib1.inc";
                gate layer(a, b) q, r { ry(a/2) q; cx q, r; rz(b - a) r; }
                qreg q[2];
                layer(2*theta, phi) q[0], q[1];
                u3(theta, 0, pi) q[1];
                """;
        Circuit c = QasmParser.parse(src, "p.qasm", ParseLimits.DEFAULT, Set.of("theta", "phi"));
        assertEquals(List.of("theta", "phi"), c.parameters());
        Circuit reference = QasmParser.parse(src.replace("theta", "0.7").replace("phi", "(-1.3)"), "n.qasm");
        Circuit bound = c.bind(POINT);
        assertEquals(reference.operations().size(), bound.operations().size());
        for (int i = 0; i < bound.operations().size(); i++) {
            var a = ((Operation.GateOp) bound.operations().get(i)).gate();
            var b = ((Operation.GateOp) reference.operations().get(i)).gate();
            assertEquals(b.name(), a.name());
            assertTrue(a.targetMatrix().distance(b.targetMatrix()) < 1e-15, a + " vs " + b);
        }
    }

    @Test
    void plainOpenQasmStillRejectsFreeNames() {
        String src = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nrx(theta) q[0];\n";
        var e = assertThrows(QasmException.class, () -> QasmParser.parse(src, "f.qasm"));
        assertTrue(e.getMessage().startsWith("f.qasm:4:4: unknown name"), e.getMessage());
        var other = assertThrows(QasmException.class, () -> QasmParser.parse(src, "f.qasm", ParseLimits.DEFAULT, Set.of("phi")));
        assertTrue(other.getMessage().contains("the circuit parameters given are phi"), other.getMessage());
    }

    @Test
    void aParametricCircuitExportsAndReadsBack() {
        Circuit c = Circuit.builder(2).rx(Param.of("theta").times(2).plus(Param.constant(Math.PI / 2)), 0)
                .cp(Param.of("phi").negate().dividedBy(4), 0, 1).build();
        String text = QasmExporter.export(c);
        assertTrue(text.contains("rx(theta*2 + pi/2) q[0];"), text);
        assertEquals(c, QasmParser.parse(text, "x.qasm", ParseLimits.DEFAULT, Set.of("theta", "phi")));
    }
}
