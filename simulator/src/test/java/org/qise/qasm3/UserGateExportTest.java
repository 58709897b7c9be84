package org.qise.qasm3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Circuit;

/**
 * User gates that are no library gate, under ctrl, negctrl, inv and pow: the export writes their
 * definitions and the modified call, and reads back to the same circuit.
 */
class UserGateExportTest {
    private static final String DEFS = """
            OPENQASM 3.0;
            include "stdgates.inc";
            const float[64] half = 0.5;
            gate twist(a) x, y { h x; cx x, y; rz(a * half) y; t x; }
            gate pair x, y { twist(0.3) x, y; s y; }
            qubit[4] q;
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // call | text the export must contain for it
            "ctrl @ twist(0.7) q[0], q[1], q[2]; | ctrl @ twist(0.7) q[0], q[1], q[2];",
            "inv @ twist(0.7) q[1], q[2]; | inv @ twist(0.7) q[1], q[2];",
            "ctrl(2) @ inv @ twist(1.25) q[3], q[0], q[1], q[2]; | ctrl(2) @ inv @ twist(1.25) q[3], q[0], q[1], q[2];",
            "pow(0.5) @ pair q[2], q[0]; | pow(0.5) @ pair q[2], q[0];",
            "negctrl @ pair q[3], q[1], q[0]; | ctrl @ pair q[3], q[1], q[0];",
            "inv @ ctrl @ pair q[0], q[1], q[2]; | inv @ ctrl @ pair q[0], q[1], q[2];"})
    void aModifiedUserGateIsWrittenWithItsDefinitionAndReadsBackToTheSameCircuit(String call, String written) {
        Circuit original = Qasm3Reader.parse(DEFS + call + "\n", "user.qasm");
        String text = Qasm3Exporter.export(original);
        assertTrue(text.contains(written), text);
        assertTrue(text.contains("gate twist(a) x, y {"), text);
        assertTrue(text.contains("const float[64] half = 0.5;"), text);
        if (call.contains("pair")) assertTrue(text.indexOf("gate twist") < text.indexOf("gate pair"), "callees first:\n" + text);
        Circuit back = Qasm3Reader.parse(text, "export.qasm");
        assertEquals(original, back, text);
        assertEquals(text, Qasm3Exporter.export(back), "the export is canonical");
    }
}
