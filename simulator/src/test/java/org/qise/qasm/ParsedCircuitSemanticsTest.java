package org.qise.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;
import org.qise.circuit.Operation;
import org.qise.engine.QuantumState;
import org.qise.engine.exact.ExactEngine;

/**
 * Corpus circuits whose outcome is known in closed form, run on the exact engine: checks that
 * user gates, broadcasting and register numbering mean what the files' authors intended.
 */
class ParsedCircuitSemanticsTest {

    /** The probabilities of the state that the gates before the final measurements prepare. */
    private static double[] probabilitiesBeforeMeasurement(String corpusFile) throws IOException {
        String source = Files.readString(QasmCorpusTest.corpus().resolve("qasmbench/small").resolve(corpusFile));
        Circuit c = QasmParser.parse(source, corpusFile);
        try (QuantumState state = new ExactEngine().allocate(c.numQubits())) {
            for (Operation op : c.operations()) {
                if (op instanceof Operation.GateOp g) state.apply(g);
                else if (op instanceof Operation.Measure) break;
            }
            return state.probabilities();
        }
    }

    @Test
    void rippleCarryAdderAddsOneToFifteen() throws IOException {
        // qubits: cin = 0, a = 1..4, b = 5..8, cout = 9; a = 0001 and b = 1111 in the file.
        // The adder leaves a unchanged and writes a + b = 16 into b (low four bits) and cout.
        double[] p = probabilitiesBeforeMeasurement("adder_n10.qasm");
        int a = 1, sum = 16;
        int expected = (a << 1) | ((sum & 0xF) << 5) | ((sum >> 4) << 9);
        assertEquals(1.0, p[expected], 1e-12);
    }

    @Test
    void wStateHasOneExcitationSpreadEvenly() throws IOException {
        // The file prepares (|001> + |010> + |100>)/sqrt(3), with the first angle to 6 digits.
        double[] p = probabilitiesBeforeMeasurement("wstate_n3.qasm");
        for (int i = 0; i < 8; i++) {
            double expected = Integer.bitCount(i) == 1 ? 1.0 / 3 : 0.0;
            assertEquals(expected, p[i], 1e-5, "basis state " + i);
        }
    }
}
