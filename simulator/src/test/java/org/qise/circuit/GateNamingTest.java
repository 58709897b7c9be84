package org.qise.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class GateNamingTest {

    @Test
    void controlledGatesTakeTheirQelib1NameWhereOneExists() {
        assertEquals("cx", Gates.x().controlled(1).name());
        assertEquals("ccx", Gates.cx().controlled(1).name());
        assertEquals("c4x", Gates.ccx().controlled(2).name());
        assertEquals("c3sqrtx", Gates.sx().controlled(3).name());
        assertEquals("cu3", Gates.u3(1, 2, 3).controlled(1).name());
        assertEquals(Gates.ccx(), Gates.x().controlled(2));
    }

    @Test
    void aControlledGateNeverBorrowsALibraryNameOfAnotherGate() {
        // qelib1's cu has four parameters; a controlled u has three and must not be called "cu".
        Gate cu = Gates.u(0.1, 0.2, 0.3).controlled(1);
        assertEquals("c1_u", cu.name());
        assertFalse(Gates.isLibraryGate(cu));
        assertEquals("c2_h", Gates.h().controlled(2).name());
        assertEquals("c3_h", Gates.h().controlled(2).controlled(1).name(), "controls add up");
        assertEquals("c2_h", Gates.ch().controlled(1).name());
        assertEquals("c2_u", Gates.u(0.1, 0.2, 0.3).controlled(1).controlled(1).name());
    }
}
