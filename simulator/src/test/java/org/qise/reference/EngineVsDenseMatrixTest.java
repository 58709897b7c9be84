package org.qise.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.reference.RandomCircuits.angles;
import static org.qise.reference.RandomCircuits.maxDifference;
import static org.qise.reference.RandomCircuits.randomQubits;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.FieldMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.engine.Engines;
import org.qise.reference.RandomCircuits.Step;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/**
 * Every engine against dense 2^n matrices built independently with Commons Math from the
 * textbook gate definitions ({@link ReferenceGates}): every library gate on every basis state,
 * random circuits, arbitrary unitaries and multi-controlled gates. Engines added to
 * {@link Engines#names()} are checked here without further work.
 */
class EngineVsDenseMatrixTest {
    private static final double TOL = 1e-12;

    static List<String> engines() {
        return Engines.names();
    }

    /** Circuit preparing basis state |k⟩ with X gates; the gate under test is added after. */
    private static CircuitBuilder basisState(int n, int k) {
        CircuitBuilder b = Circuit.builder(n);
        for (int q = 0; q < n; q++) if ((k >> q & 1) == 1) b.x(q);
        return b;
    }

    @ParameterizedTest
    @MethodSource("engines")
    void everyLibraryGateMapsEveryBasisStateToItsTextbookColumn(String engine) {
        Random rnd = new Random(1);
        for (Gates.Definition d : Gates.library().values()) {
            int n = Math.min(6, d.qubits() + 1); // one spectator qubit, so untouched bits are checked too
            for (int placement = 0; placement < 3; placement++) {
                double[] params = angles(rnd, d.params());
                int[] qubits = randomQubits(rnd, n, d.qubits());
                Gate gate = d.create(params);
                FieldMatrix<Complex> reference = ReferenceGates.full(n, d.name(), params, qubits);
                String what = d.name() + Arrays.toString(params) + " on " + Arrays.toString(qubits) + " of " + n;
                assertTrue(Dense.unitarityError(reference) < TOL, "reference of " + what + " is not unitary");
                for (int k = 0; k < 1 << n; k++) {
                    Complex[] actual = RandomCircuits.state(engine, basisState(n, k).gate(gate, qubits).build());
                    double diff = maxDifference(Dense.column(reference, k), actual);
                    assertTrue(diff < TOL, engine + ": " + what + " on |" + k + "⟩ differs by " + diff);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void randomCircuitsOfLibraryGatesMatchTheProductOfTextbookMatrices(String engine) {
        Random rnd = new Random(2);
        for (int n = 1; n <= 6; n++) {
            for (int trial = 0; trial < 6; trial++) {
                List<Step> steps = RandomCircuits.randomSteps(rnd, n, 3 * n + 4);
                FieldMatrix<Complex> u = RandomCircuits.referenceUnitary(n, steps);
                assertTrue(Dense.unitarityError(u) < TOL, "reference unitary not unitary for " + steps);
                Complex[] expected = Dense.column(u, 0);
                Circuit circuit = RandomCircuits.circuitOf(n, steps);

                double oneByOne = maxDifference(expected, RandomCircuits.state(engine, circuit));
                assertTrue(oneByOne < TOL, engine + " (gate by gate) differs by " + oneByOne + " for " + steps);
                double allAtOnce = maxDifference(expected, RandomCircuits.stateApplyingAll(engine, circuit));
                assertTrue(allAtOnce < TOL, engine + " (applyAll) differs by " + allAtOnce + " for " + steps);

                try (Result r = Simulator.builder().engine(engine).shots(1).seed(3).build().run(circuit)) {
                    double simDiff = maxDifference(expected, RandomCircuits.fromInterleaved(r.statevector()));
                    assertTrue(simDiff < TOL, engine + ": simulator state vector differs by " + simDiff + " for " + steps);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void randomCircuitsMatchOnEveryInputState(String engine) {
        // The whole unitary, column by column: prepare |k⟩, run the circuit, compare with column k.
        Random rnd = new Random(3);
        for (int n = 2; n <= 4; n++) {
            List<Step> steps = RandomCircuits.randomSteps(rnd, n, 4 * n);
            FieldMatrix<Complex> u = RandomCircuits.referenceUnitary(n, steps);
            Circuit body = RandomCircuits.circuitOf(n, steps);
            for (int k = 0; k < 1 << n; k++) {
                Complex[] actual = RandomCircuits.stateApplyingAll(engine, basisState(n, k).append(body).build());
                double diff = maxDifference(Dense.column(u, k), actual);
                assertTrue(diff < TOL, engine + ": column " + k + " differs by " + diff + " for " + steps);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void arbitraryUnitariesActOnTheirQubitsInListedOrder(String engine) {
        Random rnd = new Random(4);
        for (int n = 1; n <= 5; n++) {
            for (int trial = 0; trial < 4; trial++) {
                CircuitBuilder b = Circuit.builder(n);
                FieldMatrix<Complex> expected = Dense.identity(1 << n);
                for (int layer = 0; layer < 3; layer++) {
                    int k = 1 + rnd.nextInt(Math.min(n, 3));
                    FieldMatrix<Complex> w = RandomCircuits.randomUnitary(rnd, 1 << k);
                    assertTrue(Dense.unitarityError(w) < TOL, "random matrix is not unitary");
                    int[] qubits = randomQubits(rnd, n, k);
                    b.unitary(RandomCircuits.toQise(w), qubits);
                    expected = RandomCircuits.embedReference(n, w, qubits).multiply(expected);
                    // library gates between the unitaries, so they do not act on |0…0⟩ only
                    for (Step s : RandomCircuits.randomSteps(rnd, n, 2)) {
                        b.gate(Gates.lookup(s.name()).orElseThrow().create(s.params()), s.qubits());
                        expected = ReferenceGates.full(n, s.name(), s.params(), s.qubits()).multiply(expected);
                    }
                }
                double diff = maxDifference(Dense.column(expected, 0), RandomCircuits.state(engine, b.build()));
                assertTrue(diff < TOL, engine + ": n=" + n + " trial " + trial + " differs by " + diff);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void multiControlledGatesActOnlyWhereAllControlsAreOne(String engine) {
        Random rnd = new Random(5);
        String[] bases = {"x", "y", "h", "sx", "rx", "ry", "rz", "p", "u3", "swap", "rzz", "cu3", "cx", "unitary1", "unitary2"};
        for (String base : bases) {
            for (int extra = 1; extra <= 3; extra++) {
                int baseQubits = switch (base) {
                    case "swap", "rzz", "cu3", "cx", "unitary2" -> 2;
                    default -> 1;
                };
                int n = Math.min(6, baseQubits + extra + 1);
                int[] qubits = randomQubits(rnd, n, baseQubits + extra);
                int[] controls = Arrays.copyOf(qubits, extra);
                int[] rest = Arrays.copyOfRange(qubits, extra, qubits.length);

                Gate gate;
                FieldMatrix<Complex> baseReference;
                if (base.startsWith("unitary")) {
                    FieldMatrix<Complex> w = RandomCircuits.randomUnitary(rnd, 1 << baseQubits);
                    gate = Gates.unitary(RandomCircuits.toQise(w));
                    baseReference = RandomCircuits.embedReference(n, w, rest);
                } else {
                    Gates.Definition d = Gates.lookup(base).orElseThrow();
                    double[] params = angles(rnd, d.params());
                    gate = d.create(params);
                    baseReference = ReferenceGates.full(n, base, params, rest);
                }
                FieldMatrix<Complex> reference = ReferenceGates.controlled(n, controls, baseReference);
                Gate controlledGate = gate.controlled(extra);
                String what = controlledGate.name() + " (" + base + " with " + extra + " more controls) on " + Arrays.toString(qubits);
                for (int k = 0; k < 1 << n; k++) {
                    Complex[] actual = RandomCircuits.state(engine, basisState(n, k).gate(controlledGate, qubits).build());
                    double diff = maxDifference(Dense.column(reference, k), actual);
                    assertTrue(diff < TOL, engine + ": " + what + " on |" + k + "⟩ differs by " + diff);
                }
            }
        }
    }

    @Test
    void builderControlledAndMcxMatchTheProjectorDefinition() {
        // CircuitBuilder.controlled / mcx put the controls first, whatever their order.
        int n = 5;
        int[] controls = {4, 0, 2};
        FieldMatrix<Complex> reference = ReferenceGates.controlled(n, controls, Dense.onQubit(n, 1, Dense.PAULI_X));
        for (int k = 0; k < 1 << n; k++) {
            Complex[] viaMcx = RandomCircuits.exactState(basisState(n, k).mcx(controls, 1).build());
            Complex[] viaControlled = RandomCircuits.exactState(basisState(n, k).controlled(Gates.x(), controls, 1).build());
            assertTrue(maxDifference(Dense.column(reference, k), viaMcx) < TOL, "mcx on |" + k + "⟩");
            assertTrue(maxDifference(Dense.column(reference, k), viaControlled) < TOL, "controlled on |" + k + "⟩");
        }
    }
}
