package org.qise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Circuit;
import org.qise.qasm.QasmExporter;
import org.qise.qasm.QasmParser;

/**
 * {@code if (c == n)} on registers wider than 64 bits, on both engines. The expected counts are
 * worked out by hand from the circuit: the circuit sets only the top bit of c, so c equals
 * 2^(width−1), which the test writes in decimal with {@link BigInteger} (the reference).
 */
class WideConditionTest {

    /**
     * x q[0] and measure it into the top bit c[w−1]; then a condition on the value a register
     * read through a 64-bit word would wrongly see (bit w−1 taken as bit (w−1) mod 64) flips
     * q[1], which must not happen, and a condition on the true value 2^(w−1) flips q[2], which
     * must. q[1] and q[2] are measured into c[0] and c[1].
     */
    private static String program(int width, BigInteger wrong, BigInteger right) {
        return "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg c[" + width + "];\n"
                + "x q[0];\nmeasure q[0] -> c[" + (width - 1) + "];\n"
                + "if (c == " + wrong + ") x q[1];\n"
                + "if (c == " + right + ") x q[2];\n"
                + "measure q[1] -> c[0];\nmeasure q[2] -> c[1];\n";
    }

    @ParameterizedTest(name = "{0}-bit register, {1} engine")
    @CsvSource({
            "65, fast", "65, exact",
            "128, fast", "128, exact",
            "1000, fast", "1000, exact",
            "64, fast", "64, exact", // if (c == 2^63) on a 64-bit register
    })
    void conditionsCompareEveryBitOfTheRegister(int width, String engine) {
        BigInteger right = BigInteger.TWO.pow(width - 1);
        BigInteger aliased = BigInteger.TWO.pow((width - 1) % 64);
        BigInteger wrong = aliased.equals(right) ? BigInteger.ONE : aliased;
        Circuit circuit = QasmParser.parse(program(width, wrong, right), "wide.qasm");
        try (Result r = Simulator.builder().engine(engine).shots(20).seed(5).build().run(circuit)) {
            // c[w−1] = 1 (q0), c[1] = 1 (q2 flipped), c[0] = 0 (q1 untouched); printed c[w−1] … c[0]
            String expected = "1" + "0".repeat(width - 3) + "10";
            assertEquals(Map.of(expected, 20L), r.counts());
        }
    }

    @ParameterizedTest(name = "{0}-bit register")
    @CsvSource({"64", "65", "128", "1000"})
    void wideComparisonValuesSurviveExportAndReimport(int width) {
        BigInteger largest = BigInteger.TWO.pow(width).subtract(BigInteger.ONE);
        Circuit circuit = QasmParser.parse(program(width, BigInteger.ONE, largest), "wide.qasm");
        Circuit back = QasmParser.parse(QasmExporter.export(circuit), "back.qasm");
        assertEquals(circuit.operations().get(3).condition(), back.operations().get(3).condition());
        assertEquals(largest, back.operations().get(3).condition().value());
    }
}
