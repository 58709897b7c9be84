package org.qise.portal.circuits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.portal.PortalException;

class GatePaletteTest {
    static final String HEAD = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg r[3];\ncreg m[3];\n";

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiterString = " => ", value = {
            "h => 0 => '' => h r[0];",
            "cx => 0, 2 => '' => cx r[0], r[2];",
            "ccx => 2 1 0 => '' => ccx r[2], r[1], r[0];",
            "rz => 1 => pi/4 => rz(pi/4) r[1];",
            "rx => 1 => '' => rx(pi/2) r[1];",
            "measure => 2 => '' => measure r[2] -> m[2];"})
    void theLineIsAppendedOnTheDeclaredRegisters(String gate, String qubits, String angle, String line) {
        assertEquals(HEAD + line + "\n", GatePalette.append(HEAD, gate, qubits, angle));
    }

    @Test
    void anEmptyTextStartsWithAHeaderLargeEnough() {
        assertEquals("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[4];\ncreg c[4];\ncx q[3], q[0];\n",
                GatePalette.append("  ", "cx", "3,0", ""));
    }

    @Test
    void aTextWithoutFinalNewlineGetsOne() {
        assertEquals("OPENQASM 3.0;\nqubit[2] qs;\nx qs[1];\n", GatePalette.append("OPENQASM 3.0;\nqubit[2] qs;", "x", "1", ""));
    }

    @ParameterizedTest(name = "{0} on {1} ({2})")
    @CsvSource(delimiterString = " => ", value = {
            "evil => 0 => '' => gate:",
            "cx => 0 => '' => qubits: cx acts on 2 qubits",
            "h => 0,1 => '' => qubits: h acts on 1 qubit,",
            "h => a => '' => qubits: \"a\"",
            "cx => 1,1 => '' => qubits: a gate's qubits must differ",
            "rz => 0 => 1; reset q => angle:"})
    void badChoicesAreRefusedNamingTheField(String gate, String qubits, String angle, String message) {
        var e = assertThrows(PortalException.class, () -> GatePalette.append(HEAD, gate, qubits, angle));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
