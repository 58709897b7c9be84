package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** `qise worker` refuses what cannot be a shared queue, and the portal refuses to run no workers on its embedded database. */
class WorkerCommandLineTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "jdbc:h2:/srv/qise/portal, an H2 database",
            "/srv/qise-data/portal.mv.db, an H2 database",
            "jdbc:sqlite:/srv/qise-data/portal.sqlite, a SQLite database",
            "jdbc:mysql://db/qise, not a PostgreSQL JDBC URL"})
    void aWorkerPointedAtAnythingButPostgresqlExitsTwoAndSaysWhatItGot(String url, String what) {
        StringWriter err = new StringWriter();
        int code = run(WorkerMain.commandLine(), err, "--database", url);
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("--database " + url + " is " + what), err.toString());
        assertTrue(err.toString().contains("jdbc:postgresql://"), err.toString());
    }

    @Test
    void aWorkerWithoutADatabaseIsAUsageError() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(WorkerMain.commandLine(), err));
        assertTrue(err.toString().contains("--database"), err.toString());
    }

    @Test
    void aPortalWithoutRunWorkersNeedsPostgresql() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(PortalMain.commandLine(), err, "--no-run-workers", "--port", "0"));
        assertTrue(err.toString().contains("--database jdbc:postgresql://"), err.toString());
    }

    private static int run(picocli.CommandLine cmd, StringWriter err, String... args) {
        java.io.PrintStream old = System.err;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            cmd.setErr(new PrintWriter(err, true));
            int code = cmd.execute(args);
            err.write(buf.toString(java.nio.charset.StandardCharsets.UTF_8));
            return code;
        } finally {
            System.setErr(old);
        }
    }
}
