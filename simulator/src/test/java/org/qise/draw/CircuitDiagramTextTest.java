package org.qise.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;

class CircuitDiagramTextTest {

    private static List<String> lines(String drawing) {
        return Arrays.asList(drawing.split("\n", -1));
    }

    /** The wire line whose label is {@code label} (labels are right-aligned before ": "). */
    private static String wire(String drawing, String label) {
        return lines(drawing).stream().filter(l -> l.stripLeading().startsWith(label + ":")).findFirst()
                .orElseThrow(() -> new AssertionError("no wire " + label + " in\n" + drawing));
    }

    /** The text line right below the wire labelled {@code label}. */
    private static String below(String drawing, String label) {
        List<String> ls = lines(drawing);
        return ls.get(ls.indexOf(wire(drawing, label)) + 1);
    }

    private static char at(String line, int index) {
        return index < line.length() ? line.charAt(index) : ' ';
    }

    @Test
    void bellCircuitHasHadamardControlTargetAndMeasurementsOnTheRightWires() {
        Circuit bell = Circuit.builder(2, 2).h(0).cx(0, 1).measure(0, 0).measure(1, 1).build();
        String d = CircuitDiagram.text(bell);
        String q0 = wire(d, "q[0]"), q1 = wire(d, "q[1]"), c = wire(d, "c");

        int h = q0.indexOf("┤h├"), dot = q0.indexOf('●'), m0 = q0.indexOf("┤M├") + 1;
        assertTrue(h >= 0 && h < dot && dot < m0, "h, then control, then measurement on q[0]:\n" + d);
        assertFalse(q1.contains("┤h├"), "the Hadamard is on q[0] only");
        assertEquals('⊕', at(q1, dot), "the cx target sits under its control:\n" + d);
        assertEquals('│', at(below(d, "q[0]"), dot), "a line joins control and target");

        // q[0] is measured into c[0]: the arrow crosses q[1] and lands on c with index 0 below it
        assertEquals('╫', at(q1, m0));
        assertEquals('╩', at(c, m0));
        assertEquals('0', at(below(d, "c"), m0));
        int m1 = q1.indexOf("┤M├") + 1;
        assertTrue(m1 > m0, "q[1]'s measurement comes in a later column (the first arrow crosses q[1])");
        assertEquals('╩', at(c, m1));
        assertEquals('1', at(below(d, "c"), m1));
        assertTrue(q0.startsWith("q[0]: ─") && c.stripLeading().startsWith("c: ═"), d);
    }

    @Test
    void operationsOnDisjointWiresShareAColumnAndSpansBlockWiresBetween() {
        Circuit c = Circuit.builder(3).h(0).h(2).cx(0, 2).h(1).x(0).build();
        String d = CircuitDiagram.text(c);
        String q0 = wire(d, "q[0]"), q1 = wire(d, "q[1]"), q2 = wire(d, "q[2]");
        assertEquals(q0.indexOf("┤h├"), q2.indexOf("┤h├"), "h on q0 and q2 in the first column:\n" + d);
        int dot = q0.indexOf('●');
        assertEquals('⊕', at(q2, dot));
        assertEquals('┼', at(q1, dot), "the cx line crosses q[1]");
        // h(1) cannot share the cx column (the cx spans q1), so it goes in the next, next to x(0)
        assertTrue(q1.indexOf("┤h├") > dot);
        assertEquals(q0.indexOf("┤x├"), q1.indexOf("┤h├"), "x(0) and h(1) share a column:\n" + d);
    }

    @Test
    void registerNamesAndIndicesLabelTheWiresInOrder() {
        Circuit c = Circuit.builder().qreg("anc", 2).qreg("data", 1).creg("out", 1).h(2).measure(2, 0).build();
        String d = CircuitDiagram.text(c);
        List<String> labels = lines(d).stream().map(String::stripLeading)
                .filter(l -> l.matches("^[a-z]+(\\[\\d+])?: .*")).map(l -> l.substring(0, l.indexOf(':'))).toList();
        assertEquals(List.of("anc[0]", "anc[1]", "data[0]", "out"), labels);
        assertTrue(wire(d, "data[0]").contains("┤h├"));
    }

    @Test
    void parametersArePrettyAnglesAndControlledGatesShowTheirTargetGate() {
        Circuit c = Circuit.builder(3).rx(Math.PI / 2, 0).crz(3 * Math.PI / 4, 1, 0).u3(Math.PI, -Math.PI / 4, 0.5, 2)
                .ccx(0, 1, 2).swap(0, 2).build();
        String d = CircuitDiagram.text(c, 200);
        String q0 = wire(d, "q[0]"), q1 = wire(d, "q[1]"), q2 = wire(d, "q[2]");
        assertTrue(q0.contains("┤rx(π/2)├"), d);
        int rz = q0.indexOf("┤rz(3π/4)├");
        assertTrue(rz >= 0, d);
        assertEquals('●', at(q1, rz + ("┤rz(3π/4)├".length() - 1) / 2), "crz's control on q[1] under its box:\n" + d);
        assertTrue(q2.contains("┤u3(π,-π/4,0.5)├"), d);
        int target = q2.indexOf('⊕');
        assertEquals('●', at(q0, target));
        assertEquals('●', at(q1, target));
        int swap = q0.indexOf('×');
        assertTrue(swap > target, d);
        assertEquals('×', at(q2, swap));
        assertEquals('┼', at(q1, swap));
    }

    @Test
    void barriersMarkOnlyTheirQubitsAndConditionsNameRegisterAndValue() {
        CircuitBuilder b = Circuit.builder().qreg("q", 3).creg("a", 1).creg("c", 2);
        b.h(0).barrier(0, 1).measure(0, 0).measure(1, 2).ifEquals("c", 1, x -> x.x(2)).reset(1);
        String d = CircuitDiagram.text(b.build(), 200);
        assertTrue(wire(d, "q[0]").contains("░") && wire(d, "q[1]").contains("░"), d);
        assertFalse(wire(d, "q[2]").contains("░"), d);
        assertTrue(below(d, "q[0]").contains("░"), "the band joins adjacent barrier qubits");

        String c = wire(d, "c");
        int cond = c.indexOf("╡c==1╞");
        assertTrue(cond >= 0, d);
        int x = wire(d, "q[2]").indexOf("┤x├") + 1;
        assertTrue(x >= cond && x < cond + "╡c==1╞".length(), "the condition sits under its gate:\n" + d);
        // q[1] is measured into c[1]: bit index 1 of register c, not the flat bit 2
        int m1 = wire(d, "q[1]").indexOf("┤M├") + 1;
        assertEquals('╩', at(c, m1));
        assertEquals('1', at(below(d, "c"), m1));
        assertEquals('╬', at(wire(d, "a"), m1), "the arrow crosses register a on its way to c");
        assertTrue(wire(d, "q[1]").contains("┤|0>├"), "reset drawn as |0>");
    }

    @Test
    void longCircuitsWrapIntoBlocksWithinTheWidthAndLoseNothing() {
        CircuitBuilder b = Circuit.builder(2);
        for (int i = 0; i < 30; i++) b.h(0).rx(0.25, 1).cx(0, 1);
        String d = CircuitDiagram.text(b.build(), 40);
        for (String line : lines(d)) assertTrue(line.length() <= 40, "line too long: '" + line + "'");
        assertTrue(d.contains("»") && d.contains("«"), "continuation marks");
        assertEquals(30, d.split("┤h├", -1).length - 1, "every h drawn exactly once");
        assertEquals(30, d.split("⊕", -1).length - 1);
        long blocks = lines(d).stream().filter(l -> l.startsWith("q[0]:")).count();
        assertTrue(blocks > 3, "wrapped into several blocks: " + blocks);

        String defaultWidth = CircuitDiagram.text(b.build());
        for (String line : lines(defaultWidth)) assertTrue(line.length() <= CircuitDiagram.DEFAULT_WIDTH, line);
    }

    @Test
    void multiQubitBoxesNumberTheirPinsUnlessTheGateIsSymmetric() {
        Circuit c = Circuit.builder(3).rccx(2, 0, 1).rzz(0.5, 0, 2).build();
        String d = CircuitDiagram.text(c, 200);
        assertTrue(wire(d, "q[2]").contains("┤rccx₀├"), "first operand of rccx is q[2]:\n" + d);
        assertTrue(wire(d, "q[0]").contains("┤rccx₁├"), d);
        assertTrue(wire(d, "q[1]").contains("┤rccx₂├"), d);
        assertTrue(wire(d, "q[0]").contains("┤rzz(0.5)├") && wire(d, "q[2]").contains("┤rzz(0.5)├"), d);
        int rzz = wire(d, "q[0]").indexOf("┤rzz(0.5)├") + ("┤rzz(0.5)├".length() - 1) / 2;
        assertEquals('┼', at(wire(d, "q[1]"), rzz), "the two rzz boxes are joined across q[1]:\n" + d);
    }

    @Test
    void emptyCircuitStillDrawsItsWires() {
        String d = CircuitDiagram.text(Circuit.builder(2, 1).build());
        assertTrue(wire(d, "q[0]").contains("─") && wire(d, "q[1]").contains("─") && wire(d, "c").contains("═"), d);
    }
}
