package org.qise.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;

/**
 * Checks every gate of the library against its qelib1.inc definition: the definitions (written
 * out in the test resource in terms of U and CX, with no include, so the names are fresh user
 * gates) are expanded by the parser and multiplied out, and must equal the library gate's matrix
 * up to one global phase for the whole matrix. For a controlled gate the control-0 block is the
 * identity in both, so that phase is pinned and relative phases of the target are checked exactly.
 */
class Qelib1DefinitionsTest {
    private static final double[] SAMPLE_PARAMS = {0.37, -1.21, 2.03, 0.58};

    static Stream<String> libraryGates() {
        return Gates.library().keySet().stream().filter(n -> !n.equals("U") && !n.equals("CX"));
    }

    private static String definitions() throws IOException {
        try (InputStream in = Qelib1DefinitionsTest.class.getResourceAsStream("qelib1-definitions.qasm")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @MethodSource("libraryGates")
    void libraryGateMatchesItsQelib1Definition(String name) throws IOException {
        Gates.Definition def = Gates.lookup(name).orElseThrow();
        double[] params = Arrays.copyOf(SAMPLE_PARAMS, def.params());
        int n = def.qubits();
        String call = name
                + (params.length == 0 ? "" : Arrays.stream(params).mapToObj(Double::toString).collect(Collectors.joining(",", "(", ")")))
                + " " + IntStream.range(0, n).mapToObj(i -> "q[" + i + "]").collect(Collectors.joining(",")) + ";\n";
        Circuit circuit = QasmParser.parse(definitions() + "qreg q[" + n + "];\n" + call, "qelib1-definitions.qasm");

        Matrix product = Matrix.identity(1 << n);
        for (Operation op : circuit.operations()) {
            Gate g = ((Operation.GateOp) op).gate();
            assertTrue(g.name().equals("U") || g.name().equals("CX"), "expanded to built-ins only, got " + g.name());
            product = g.matrix().embed(n, op.qubits()).times(product);
        }
        Matrix expected = def.create(params).matrix();
        double distance = product.distanceUpToGlobalPhase(expected);
        assertTrue(distance < 1e-12, name + " differs from its qelib1 definition by " + distance
                + "\nlibrary:\n" + expected + "\nqelib1:\n" + product);
    }

    @ParameterizedTest
    @MethodSource("libraryGates")
    void controlledGatesAreIdentityWhereAControlIsZero(String name) throws IOException {
        Gate g = Gates.lookup(name).orElseThrow().create(Arrays.copyOf(SAMPLE_PARAMS, Gates.lookup(name).get().params()));
        Matrix m = g.matrix();
        int allControls = (1 << g.controls()) - 1;
        for (int col = 0; col < m.dim(); col++) {
            if ((col & allControls) == allControls) continue;
            for (int row = 0; row < m.dim(); row++) {
                assertEquals(row == col ? 1.0 : 0.0, m.re(row, col), 0.0, name + " at " + row + "," + col);
                assertEquals(0.0, m.im(row, col), 0.0, name + " at " + row + "," + col);
            }
        }
    }
}
