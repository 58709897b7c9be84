package org.qise.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.qise.circuit.Gates;

class LabelsTest {

    @Test
    void anglesThatAreSimpleMultiplesOfPiAreWrittenAsFractions() {
        assertEquals("π", Labels.angle(Math.PI));
        assertEquals("-π", Labels.angle(-Math.PI));
        assertEquals("π/2", Labels.angle(Math.PI / 2));
        assertEquals("-3π/4", Labels.angle(-0.75 * Math.PI));
        assertEquals("2π", Labels.angle(2 * Math.PI));
        assertEquals("π/3", Labels.angle(Math.acos(0.5)));
        assertEquals("5π/8", Labels.angle(5 * Math.PI / 8));
        assertEquals("0", Labels.angle(0));
    }

    @Test
    void otherAnglesAreShortDecimals() {
        assertEquals("0.5", Labels.angle(0.5));
        assertEquals("1.235", Labels.angle(1.23456));
        assertEquals("-0.1", Labels.angle(-0.1));
        assertEquals("1.000e-07", Labels.angle(1e-7));
        assertEquals("3.142", Labels.angle(3.1416), "close to π but not within rounding error of it");
    }

    @Test
    void controlledGatesAreLabelledByTheGateOnTheirTargets() {
        assertEquals("x", Labels.targetName(Gates.cx()));
        assertEquals("x", Labels.targetName(Gates.c4x()));
        assertEquals("rz", Labels.targetName(Gates.crz(1)));
        assertEquals("h", Labels.targetName(Gates.h().controlled(2)));
        assertEquals("u", Labels.targetName(Gates.u(0.1, 0.2, 0.3).controlled(1)));
        assertEquals("unitary", Labels.targetName(Gates.unitary(Gates.h().targetMatrix()).controlled(1)));
        assertEquals("u3(π/2,0,π)", Labels.gateLabel(Gates.cu3(Math.PI / 2, 0, Math.PI)));
    }
}
