package org.qise.portal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/**
 * A saturated database degrades into 503 with Retry-After, not into a request that hangs for
 * 30 s and then fails with 500; and the portal answers normally once the pressure is gone.
 */
class BusyDatabaseTest {
    private static final String QASM = "OPENQASM 2.0;\nqreg q[1];\nU(0,0,0) q[0];\n";

    @Test
    void aRequestThatFindsEveryPooledConnectionTakenGets503WithRetryAfter() throws Exception {
        try (TestPortal portal = TestPortal.start()) {
            String token = portal.token(portal.user("busy@example.org", Role.FELLOW, null));
            assertEquals(200, portal.get("/api/v1/circuits", token).statusCode());
            List<Connection> held = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) held.add(portal.server.services().database().dataSource().getConnection());
                long t0 = System.nanoTime();
                var r = portal.get("/api/v1/circuits", token);
                long millis = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(503, r.statusCode(), r.body());
                assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
                assertTrue(r.body().contains("busy"), r.body());
                assertTrue(millis < 10_000, "answered after the pool wait, not a 30 s timeout: " + millis + " ms");
                assertEquals(503, portal.get("/circuits/1", null).statusCode(), "pages too");
            } finally {
                for (Connection c : held) c.close();
            }
            assertEquals(200, portal.get("/api/v1/circuits", token).statusCode(), "normal again at once");
        }
    }

    @Test
    void aWriteThatCannotGetSqlitesWriteLockGets503AndTheNextOneSucceeds() throws Exception {
        try (TestPortal portal = TestPortal.start()) {
            String token = portal.token(portal.user("writer@example.org", Role.FELLOW, null));
            assertEquals(201, portal.json("POST", "/api/v1/circuits", token, Map.of("title", "first", "qasm", QASM,
                    "visibility", "private")).statusCode());
            try (Connection c = portal.server.services().database().dataSource().getConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE users SET name = name WHERE id = -1"); // holds the write lock (BEGIN IMMEDIATE)
                    var r = portal.json("POST", "/api/v1/circuits", token, Map.of("title", "blocked", "qasm", QASM,
                            "visibility", "private"));
                    assertEquals(503, r.statusCode(), r.body());
                    assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
            assertEquals(201, portal.json("POST", "/api/v1/circuits", token, Map.of("title", "after", "qasm", QASM,
                    "visibility", "private")).statusCode());
        }
    }

    /**
     * The connection whose BEGIN IMMEDIATE timed out must not be handed out again as if it were
     * sound: with one pooled connection, the next transaction gets it, and a failure inside that
     * transaction must still undo its writes (before, they stayed: each statement had committed
     * on its own).
     */
    @Test
    void aTransactionThatCouldNotBeginLeavesNoConnectionThatCommitsStatementByStatement() throws Exception {
        java.nio.file.Path dir = TestPortal.tempDir();
        Database db = Database.sqlite(dir, 1);
        try {
            Jdbc jdbc = new Jdbc(db.dataSource(), db.dialect());
            jdbc.update("CREATE TABLE busy_probe (x INTEGER)");
            try (Connection other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + Database.sqliteFile(dir));
                 Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE"); // holds the write lock
                org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                        () -> jdbc.transaction(tx -> tx.update("INSERT INTO busy_probe (x) VALUES (1)")));
                s.execute("ROLLBACK");
            }
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> jdbc.transaction(tx -> {
                tx.update("INSERT INTO busy_probe (x) VALUES (2)");
                throw new IllegalStateException("undo");
            }));
            assertEquals(0, jdbc.count("SELECT COUNT(*) FROM busy_probe"), "the failed transaction wrote nothing");
            assertEquals(1, (int) jdbc.transaction(tx -> tx.update("INSERT INTO busy_probe (x) VALUES (3)")));
            assertEquals(1, jdbc.count("SELECT COUNT(*) FROM busy_probe"));
        } finally {
            db.close();
            TestPortal.deleteTree(dir);
        }
    }
}
