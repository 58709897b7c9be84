package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** `qise worker` run from the simulator's jar says how to start the portal's worker instead of failing obscurely. */
class WorkerCommandTest {
    @Test
    void theSimulatorJarPointsToTheLauncherForWorkers() {
        Cli.Run r = Cli.run("worker", "--database", "jdbc:postgresql://localhost/qise");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("./qise worker --database jdbc:postgresql://"), r.err());
        assertTrue(r.err().lines().count() <= 2, "one clean message, no stack trace:\n" + r.err());
    }

    @Test
    void theCommandIsListedInTheHelp() {
        Cli.Run r = Cli.run("--help");
        assertTrue(r.out().contains("worker"), r.out());
    }
}
