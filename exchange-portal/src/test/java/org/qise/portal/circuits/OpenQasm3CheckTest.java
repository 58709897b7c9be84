package org.qise.portal.circuits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;
import org.qise.portal.PortalException;
import org.qise.sim.Manifest;

/** The portal stores and checks OpenQASM 3 circuits as it does OpenQASM 2 ones. */
class OpenQasm3CheckTest {
    private final QasmCheck check = new QasmCheck(100_000, 20, 1000);

    @Test
    void anOpenQasm3DynamicCircuitIsAcceptedAndHasACanonicalOpenQasm3Text() {
        Circuit c = check.check("""
                OPENQASM 3.0;
                include "stdgates.inc";
                qubit[2] q;
                bit[2] c;
                h q[0];
                c[0] = measure q[0];
                if (c[0]) { x q[1]; }
                c[1] = measure q[1];
                """);
        assertEquals(2, c.numQubits());
        assertTrue(Manifest.canonicalText(c).startsWith("OPENQASM 3.0;"), Manifest.canonicalText(c));
    }

    @Test
    void aDeferredFeatureIsA422AtItsLine() {
        PortalException e = assertThrows(PortalException.class,
                () -> check.check("OPENQASM 3.0;\nqubit q;\nextern f(int) -> int;\n"));
        assertEquals(422, e.status());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("not supported: extern"), e.getMessage());
    }
}
