package org.qise.qasm3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;
import org.qise.qasm.QasmException;
import org.qise.qasm.QasmParser;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/**
 * The reader lexes and runs long programs in batches (tokens, statements); what it reads must not
 * depend on where a batch ends.
 */
class Qasm3StreamingReadTest {
    private static final String HEAD3 = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n";

    @Test
    void aLongProgramReadsAsTheOpenQasm2ReaderReadsTheSameLines() {
        StringBuilder body = new StringBuilder("qreg q[5];\ncreg c[5];\n");
        for (int i = 0; i < 5000; i++) { // many token and statement batches; look-ahead past brackets at every boundary
            switch (i % 4) {
                case 0 -> body.append("rz(").append(0.001 * i).append(") q[").append(i % 5).append("];\n");
                case 1 -> body.append("cx q[").append(i % 5).append("],q[").append((i + 1) % 5).append("];\n");
                case 2 -> body.append("u3(0.1,0.2,").append(0.0001 * i).append(") q[").append(i % 5).append("];\n");
                default -> body.append("h q[").append(i % 5).append("];\n");
            }
        }
        body.append("measure q -> c;\n");
        Circuit two = QasmParser.parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\n" + body, "two.qasm");
        Circuit three = Qasm3Reader.parse(HEAD3 + body, "three.qasm");
        assertEquals(two, three);
    }

    @Test
    void theDynamicRestStartsMidBatchAndKeepsEveryLaterStatement() {
        StringBuilder src = new StringBuilder(HEAD3 + "qubit q;\nbit b;\n");
        for (int i = 0; i < 600; i++) src.append("x q;\n"); // x^600 = I
        src.append("b = measure q;\nif (b) { x q; }\n");
        for (int i = 0; i < 301; i++) src.append("h q;\n"); // h^301 = h: the rest leaves |+>
        src.append("b = measure q;\n");
        Circuit c = Qasm3Reader.parse(src.toString(), "dyn.qasm");
        assertEquals(602, c.operations().size()); // 600 x, 1 measure, the dynamic rest
        assertInstanceOf(Operation.Dynamic.class, c.operations().get(601));
        try (Result r = Simulator.builder().shots(4000).seed(3).build().run(c)) {
            Map<String, Long> counts = r.counts();
            long ones = counts.getOrDefault("1", 0L);
            // binomial(4000, 1/2): mean 2000, standard deviation ~31.6; 5 sigma
            assertTrue(Math.abs(ones - 2000) < 160, counts.toString());
        }
    }

    @Test
    void aMistakeAfterAnEarlyEndFarDownTheFileIsStillReportedAtItsLine() {
        StringBuilder src = new StringBuilder(HEAD3 + "qubit q;\n");
        for (int i = 0; i < 400; i++) src.append("x q;\n");
        src.append("end;\n");
        for (int i = 0; i < 400; i++) src.append("h q;\n");
        src.append("h q\n"); // line 2 + 1 + 400 + 1 + 400 + 1 = 805; the missing ';' is found at the end of the file, 806:1
        QasmException e = assertThrows(QasmException.class, () -> Qasm3Reader.parse(src.toString(), "end.qasm"));
        assertEquals(806, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("expected ';'"), e.getMessage());
    }
}
