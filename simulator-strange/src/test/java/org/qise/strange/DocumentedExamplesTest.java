package org.qise.strange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.sim.Result;
import org.qise.sim.Simulator;
import org.redfx.strange.Program;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Cnot;
import org.redfx.strange.gate.Hadamard;

/**
 * The code examples of the package documentation (org.qise.circuit, org.qise.sim,
 * org.qise.strange) and of docs/strange.md, run as written, with what their comments claim.
 */
class DocumentedExamplesTest {

    @Test
    void circuitPackageExamples() {
        Circuit ghz = Circuit.builder(3, 3).h(0).cx(0, 1).cx(1, 2).measureAll().build();
        assertEquals(3, ghz.gateCount());
        assertTrue(ghz.hasMeasurements());

        Circuit teleport = Circuit.builder().qreg("q", 3).creg("m0", 1).creg("m1", 1)
                .h(1).cx(1, 2).cx(0, 1).h(0).measure(0, 0).measure(1, 1)
                .ifEquals("m1", 1, b -> b.x(2))
                .ifEquals("m0", 1, b -> b.z(2))
                .build();
        assertEquals(java.math.BigInteger.ONE, teleport.operations().get(6).condition().value());

        Circuit custom = Circuit.builder(2)
                .controlled(Gates.ry(0.3), new int[]{0}, 1)
                .unitary(Gates.swap().matrix(), 0, 1)
                .build();
        Operation.GateOp cry = (Operation.GateOp) custom.operations().get(0);
        assertEquals("cry", cry.gate().name());
    }

    @Test
    void simPackageExample() {
        Circuit bell = Circuit.builder(2, 2).h(0).cx(0, 1).measure(0, 0).measure(1, 1).build();
        Simulator sim = Simulator.builder().shots(1000).seed(42).build();
        try (Result r = sim.run(bell)) {
            assertEquals(java.util.Set.of("00", "11"), r.counts().keySet());
            assertArrayEquals(new double[]{0.5, 0, 0, 0.5}, r.probabilities(), 1e-12);
            assertEquals(1.0, r.expectation("Z0 Z1"), 1e-12);
            assertArrayEquals(new double[]{0.5, 0.5}, r.marginal(1), 1e-12);
        }
    }

    @Test
    void strangePackageExample() {
        Program p = new Program(2, new Step(new Hadamard(0)), new Step(new Cnot(0, 1)));
        QiseResult r = new QiseExecutionEnvironment(42).runProgram(p);
        int first = r.getQubits()[0].measure();
        assertEquals(first, new QiseExecutionEnvironment(42).runProgram(p).getQubits()[0].measure());
        assertArrayEquals(new double[]{0.5, 0, 0, 0.5}, r.probabilities(), 1e-15);

        Circuit c = StrangeConverter.toCircuit(p);
        assertEquals(List.of("h", "cx"), c.operations().stream().map(o -> ((Operation.GateOp) o).gate().name()).toList());
        assertArrayEquals(new int[]{0, 1}, c.operations().get(1).qubits());
    }
}
