package org.qise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Circuit;
import org.qise.corpus.SharedCorpus;
import org.qise.engine.fast.FastEngine;
import org.qise.qasm.QasmParser;

/**
 * Issue #20 item 4, with its reproducer: QASMBench's bwt_n21 (shared/stress beside the corpus)
 * took about a minute of CPU per shot, one pass over 2^21 amplitudes per reset and per run of
 * gates between resets. Every one of its resets is of a qubit in a known basis state, so a shot
 * now touches the state only for the final measurements of the qubits in superposition.
 */
class BwtKnownQubitsTest {

    private static Circuit bwt;

    @BeforeAll
    static void parse() throws Exception { // 112,835 statements: parsed once for the class
        Path file = SharedCorpus.root().resolveSibling("stress").resolve("bwt_n21.qasm");
        bwt = QasmParser.parse(Files.readString(file), file.getFileName().toString());
    }

    @Test
    void bwtRunsItsGatesOnceOnTenQubitsAndEachShotOnlyMeasures() {
        Circuit c = bwt;
        try (FastEngine engine = new FastEngine(1)) {
            ShotProgram p = ShotProgram.compile(c, engine, true);
            assertEquals(9207, p.known.knownResets(), "every reset finds its qubit known");
            assertEquals(10, p.stateQubits, "at most 10 of the 21 qubits are ever unknown at once");
            assertEquals(52_761, p.prefix.gates().size(), "the gates left on the state all run once, before the shots");
            for (ShotProgram.Instruction in : p.instructions) {
                assertTrue(!(in instanceof ShotProgram.Gates || in instanceof ShotProgram.Reset || in instanceof ShotProgram.Dynamic),
                        "a shot only measures: " + in);
            }
            assertEquals(10, p.instructions.stream().filter(in -> in instanceof ShotProgram.Measure).count());
            assertEquals(11, p.known.knownMeasures(), "11 of the 21 final measurements are certain");
        }
    }

    @Test
    void bwtCountsForASeedAreTheSameAtOneAndTwoThreads() {
        Circuit c = bwt;
        Map<String, Long> one, two;
        try (Simulator sim = Simulator.builder().engine(new FastEngine(1)).shots(200).seed(20).build(); Result r = sim.run(c)) {
            one = r.counts();
        }
        try (Simulator sim = Simulator.builder().engine(new FastEngine(2)).shots(200).seed(20).build(); Result r = sim.run(c)) {
            two = r.counts();
        }
        assertEquals(one, two);
        assertEquals(200, one.values().stream().mapToLong(Long::longValue).sum());
    }
}
