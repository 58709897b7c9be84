package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.qise.corpus.SharedCorpus;

/**
 * The command on every real-world circuit of the shared corpus: valid files run (JSON counts
 * adding up to the shots) and draw; invalid ones are rejected as bad input, never as a crash.
 */
class CorpusCliTest {

    @TestFactory
    Stream<DynamicTest> everyCorpusFileRunsAndDrawsOrIsRejectedAsBadInput() {
        return SharedCorpus.all().stream().map(f -> DynamicTest.dynamicTest(SharedCorpus.name(f), () -> check(f)));
    }

    private static void check(Path file) {
        String name = file.getFileName().toString();
        Cli.Run run = Cli.run("run", file.toString(), "--json", "--shots", "32", "--seed", "5", "--threads", "1");
        Cli.Run draw = Cli.run("draw", file.toString(), "--width", "100");
        if (SharedCorpus.isInvalid(file)) {
            for (Cli.Run r : List.of(run, draw)) {
                assertEquals(2, r.code(), r.toString());
                assertTrue(r.err().startsWith("qise: error: ") && r.err().contains(name + ":"), r.err());
                assertTrue(r.err().contains("^"), "caret under the error: " + r.err());
            }
            return;
        }
        assertEquals(0, run.code(), run.toString());
        long total = 0;
        for (var it = run.json().get("counts").elements(); it.hasNext(); ) total += it.next().asLong();
        assertEquals(32, total, name);
        assertEquals(0, draw.code(), draw.toString());
        assertTrue(draw.out().lines().allMatch(l -> l.length() <= 100), "wrapped at 100:\n" + draw.out());
        int qubits = run.json().get("qubits").asInt();
        long wires = draw.out().lines().filter(l -> l.matches("^\\s*\\w+\\[\\d+]: .*")).count();
        assertTrue(wires >= qubits, "at least one wire line per qubit (more when wrapped): " + wires + " for " + qubits);
    }
}
