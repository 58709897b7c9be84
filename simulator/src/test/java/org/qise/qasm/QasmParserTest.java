package org.qise.qasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Condition;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.circuit.Register;

/** What each OpenQASM 2.0 construct turns into; expected circuits are built by hand with CircuitBuilder. */
class QasmParserTest {
    private static final String HEADER = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";

    private static Circuit parse(String body) {
        return QasmParser.parse(HEADER + body, "test.qasm");
    }

    @Test
    void registersAreNumberedFlatInDeclarationOrder() {
        Circuit c = parse("qreg a[2];\ncreg x[1];\nqreg b[3];\ncreg y[2];\nx b[1];\nmeasure b[2] -> y[1];\n");
        assertEquals(List.of(new Register(Register.Kind.QUANTUM, "a", 0, 2), new Register(Register.Kind.QUANTUM, "b", 2, 3)),
                c.qregs());
        assertEquals(List.of(new Register(Register.Kind.CLASSICAL, "x", 0, 1), new Register(Register.Kind.CLASSICAL, "y", 1, 2)),
                c.cregs());
        Circuit expected = Circuit.builder().qreg("a", 2).qreg("b", 3).creg("x", 1).creg("y", 2)
                .x(3).measure(4, 2).build();
        assertEquals(expected, c);
    }

    @Test
    void everyBuilderGateReadsFromItsQelib1Name() {
        Circuit c = parse("""
                qreg q[5];
                id q[0]; x q[1]; y q[2]; z q[3]; h q[4];
                s q[0]; sdg q[1]; t q[2]; tdg q[3]; sx q[4]; sxdg q[0];
                rx(0.1) q[1]; ry(0.2) q[2]; rz(0.3) q[3]; p(0.4) q[4]; u1(0.5) q[0];
                u2(0.6,0.7) q[1]; u3(0.8,0.9,1.0) q[2]; u(1.1,1.2,1.3) q[3];
                cx q[4],q[0]; cy q[0],q[1]; cz q[1],q[2]; ch q[2],q[3]; csx q[3],q[4]; swap q[4],q[0];
                ccx q[0],q[1],q[2]; cswap q[1],q[2],q[3];
                crx(1.4) q[2],q[1]; cry(1.5) q[3],q[2]; crz(1.6) q[4],q[3]; cp(1.7) q[0],q[4]; cu1(1.8) q[1],q[0];
                cu3(1.9,2.0,2.1) q[2],q[0]; cu(2.2,2.3,2.4,2.5) q[3],q[1];
                rxx(2.6) q[4],q[2]; rzz(2.7) q[0],q[3];
                rccx q[1],q[3],q[0]; rc3x q[4],q[3],q[2],q[1]; c3x q[0],q[1],q[2],q[3];
                c3sqrtx q[1],q[2],q[3],q[4]; c4x q[4],q[3],q[2],q[1],q[0];
                """);
        Circuit expected = Circuit.builder(5)
                .id(0).x(1).y(2).z(3).h(4)
                .s(0).sdg(1).t(2).tdg(3).sx(4).sxdg(0)
                .rx(0.1, 1).ry(0.2, 2).rz(0.3, 3).p(0.4, 4).u1(0.5, 0)
                .u2(0.6, 0.7, 1).u3(0.8, 0.9, 1.0, 2).u(1.1, 1.2, 1.3, 3)
                .cx(4, 0).cy(0, 1).cz(1, 2).ch(2, 3).csx(3, 4).swap(4, 0)
                .ccx(0, 1, 2).cswap(1, 2, 3)
                .crx(1.4, 2, 1).cry(1.5, 3, 2).crz(1.6, 4, 3).cp(1.7, 0, 4).cu1(1.8, 1, 0)
                .cu3(1.9, 2.0, 2.1, 2, 0).cu(2.2, 2.3, 2.4, 2.5, 3, 1)
                .rxx(2.6, 4, 2).rzz(2.7, 0, 3)
                .rccx(1, 3, 0).rc3x(4, 3, 2, 1).c3x(0, 1, 2, 3)
                .c3sqrtx(1, 2, 3, 4).c4x(4, 3, 2, 1, 0)
                .build();
        assertEquals(expected, c);
        // u0 is the identity with a duration parameter.
        assertEquals(Circuit.builder(1).gate(Gates.u0(3), 0).build(), parse("qreg q[1];\nu0(3) q[0];\n"));
    }

    @Test
    void builtinsUAndCxNeedNoInclude() {
        Circuit c = QasmParser.parse("OPENQASM 2.0;\nqreg q[2];\nU(0.1,0.2,0.3) q[1];\nCX q[1],q[0];\n", "b.qasm");
        Circuit expected = Circuit.builder(2).gate(Gates.builtinU(0.1, 0.2, 0.3), 1).gate(Gates.builtinCX(), 1, 0).build();
        assertEquals(expected, c);
    }

    @Test
    void versionTwoWithoutMinorIsAccepted() {
        assertEquals(1, QasmParser.parse("OPENQASM 2;\nqreg q[1];\n", "v.qasm").numQubits());
    }

    @Test
    void includingQelib1TwiceIsHarmless() {
        Circuit c = parse("include \"qelib1.inc\";\nqreg q[1];\nh q[0];\n");
        assertEquals(Circuit.builder(1).h(0).build(), c);
    }

    @Test
    void singleQubitGateOnARegisterAppliesToEveryQubit() {
        assertEquals(Circuit.builder(3).h(0).h(1).h(2).build(), parse("qreg q[3];\nh q;\n"));
    }

    @Test
    void twoRegistersOfEqualSizePairUp() {
        Circuit c = parse("qreg q[2];\nqreg r[2];\ncx q, r;\n");
        Circuit expected = Circuit.builder().qreg("q", 2).qreg("r", 2).cx(0, 2).cx(1, 3).build();
        assertEquals(expected, c);
    }

    @Test
    void singleQubitsRepeatAlongsideRegisters() {
        Circuit c = parse("qreg q[1];\nqreg r[2];\nqreg s[2];\ncx q[0], r;\nccx r, q[0], s;\n");
        Circuit expected = Circuit.builder().qreg("q", 1).qreg("r", 2).qreg("s", 2)
                .cx(0, 1).cx(0, 2).ccx(1, 0, 3).ccx(2, 0, 4).build();
        assertEquals(expected, c);
    }

    @Test
    void measureAndResetBroadcastOverRegisters() {
        Circuit c = parse("qreg q[2];\ncreg c[2];\nmeasure q -> c;\nmeasure q[1] -> c[0];\nreset q;\nreset q[0];\n");
        Circuit expected = Circuit.builder(2, 2).measure(0, 0).measure(1, 1).measure(1, 0)
                .reset(0).reset(1).reset(0).build();
        assertEquals(expected, c);
    }

    @Test
    void barrierTakesRegistersAndQubitsOnce() {
        Circuit c = parse("qreg q[2];\nqreg r[2];\nbarrier q, r[1];\nbarrier r[0], q[1], r[0];\nbarrier q;\n");
        Circuit expected = Circuit.builder().qreg("q", 2).qreg("r", 2)
                .barrier(0, 1, 3).barrier(2, 1).barrier(0, 1).build();
        assertEquals(expected, c);
    }

    @Test
    void ifConditionsGatesMeasurementsAndResets() {
        Circuit c = parse("qreg q[2];\ncreg c[2];\ncreg d[1];\nif (c == 2) x q;\nif(d==1) measure q[0] -> c[1];\nif (c==0) reset q[1];\n");
        Circuit expected = Circuit.builder(2, 2).creg("d", 1)
                .ifEquals("c", 2, b -> b.x(0).x(1))
                .ifEquals("d", 1, b -> b.measure(0, 1))
                .ifEquals("c", 0, b -> b.reset(1))
                .build();
        assertEquals(expected, c);
        Operation.GateOp first = assertInstanceOf(Operation.GateOp.class, c.operations().get(0));
        assertEquals(new Condition(new Register(Register.Kind.CLASSICAL, "c", 0, 2), 2), first.condition());
    }

    @Test
    void userGatesExpandIntoLibraryGatesWithParametersBound() {
        Circuit c = parse("""
                gate rot(theta, phi) a, b {
                  rx(theta/2) a;
                  cx a, b;
                  U(phi, 0, -theta) b;
                  barrier a, b;
                  CX b, a;
                }
                qreg q[3];
                rot(1.0, pi) q[2], q[0];
                """);
        Circuit expected = Circuit.builder(3)
                .rx(0.5, 2).cx(2, 0).gate(Gates.builtinU(Math.PI, 0, -1.0), 0).barrier(2, 0).gate(Gates.builtinCX(), 0, 2)
                .build();
        assertEquals(expected, c);
    }

    @Test
    void nestedUserGatesUseEarlierDefinitions() {
        Circuit c = parse("""
                gate inner(a) x { rz(a) x; h x; }
                gate middle(b) x, y { inner(2*b) y; cx x, y; inner(-b) x; }
                gate outer x, y, z { middle(0.25) x, y; middle(0.5) z, x; }
                qreg q[3];
                outer q[0], q[1], q[2];
                """);
        Circuit expected = Circuit.builder(3)
                .rz(0.5, 1).h(1).cx(0, 1).rz(-0.25, 0).h(0)
                .rz(1.0, 0).h(0).cx(2, 0).rz(-0.5, 2).h(2)
                .build();
        assertEquals(expected, c);
    }

    @Test
    void userGatesBroadcastAndTakeConditions() {
        Circuit c = parse("gate pair() a, b { cx a, b; }\ngate nothing a { }\nqreg q[2];\nqreg r[2];\ncreg c[1];\n"
                + "if (c==1) pair q, r;\nnothing q;\n");
        Circuit expected = Circuit.builder().qreg("q", 2).qreg("r", 2).creg("c", 1)
                .ifEquals("c", 1, b -> b.cx(0, 2).cx(1, 3)).build();
        assertEquals(expected, c);
    }

    @Test
    void cregMayBeDeclaredAfterGatesAndGatesAfterRegisters() {
        Circuit c = parse("qreg q[1];\nh q;\ncreg c[1];\ngate g a { x a; }\ng q[0];\nmeasure q -> c;\n");
        assertEquals(Circuit.builder(1, 1).h(0).x(0).measure(0, 0).build(), c);
    }

    @Test
    void opaqueGatesMayBeDeclaredWhenUnused() {
        Circuit c = parse("opaque magic(a) x, y;\nopaque plain q;\nqreg q[1];\nh q[0];\n");
        assertEquals(Circuit.builder(1).h(0).build(), c);
    }

    @Test
    void commentsAreIgnoredAndKeepLineNumbers() {
        Circuit c = QasmParser.parse("// leading comment\nOPENQASM 2.0; /* block\nspanning */ include \"qelib1.inc\";\n"
                + "qreg q[1]; // trailing\n/* a * b / c */ x q[0];\n", "c.qasm");
        assertEquals(Circuit.builder(1).x(0).build(), c);
        QasmException e = assertThrows(QasmException.class,
                () -> QasmParser.parse("OPENQASM 2.0;\n/* one\ntwo\nthree */ qreg q[1]; y q[0];\n", "c.qasm"));
        assertEquals(4, e.line());
        assertEquals(21, e.column());
    }

    @Test
    void operationsKeepNoConditionOutsideIf() {
        Circuit c = parse("qreg q[1];\ncreg c[1];\nx q[0];\nmeasure q[0] -> c[0];\n");
        for (Operation op : c.operations()) assertNull(op.condition());
        assertArrayEquals(new int[]{0}, c.operations().get(0).qubits());
    }

    @Test
    void largeCircuitsUnderTheLimitParse() {
        String body = "gate g a { x a; x a; }\ngate g2 a { g a; g a; }\ngate g4 a { g2 a; g2 a; }\nqreg q[4];\ng4 q;\n";
        Circuit c = QasmParser.parse(HEADER + body, "t.qasm", new ParseLimits(100, 10));
        assertEquals(32, c.gateCount());
        CircuitBuilder b = Circuit.builder(4);
        for (int q = 0; q < 4; q++) for (int i = 0; i < 8; i++) b.x(q);
        assertEquals(b.build(), c);
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsIgnoredAndColumnsCountFromTheFirstCharacter() {
        Circuit c = QasmParser.parse("\uFEFF" + HEADER + "qreg q[1];\nx q[0];\n", "bom.qasm");
        assertEquals(Circuit.builder().qreg("q", 1).x(0).build().operations(), c.operations());
        QasmException e = assertThrows(QasmException.class, () -> QasmParser.parse("\uFEFFOPENQASM 4.0;", "bom.qasm"));
        assertEquals(1, e.line());
        assertEquals(10, e.column()); // the version number, counted without the mark
    }
}
