package org.qise.portal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.portal.PortalServer;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/** {@code qise portal backup / restore / import-h2} through the real command line. */
class DataCommandsTest {
    private static final String QASM = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[0];\ncx q[0],q[1];\n";
    private final Path dir = TestPortal.tempDir();

    @AfterEach
    void cleanUp() {
        TestPortal.deleteTree(dir);
    }

    private static int portal(Object... args) {
        return org.qise.portal.PortalMainAccess.execute(java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new));
    }

    @Test
    void aBackupTakenWhileServingRestoresExactlyTheStateItSaw() throws Exception {
        Path data = dir.resolve("data");
        Path backup = dir.resolve("portal-backup.sqlite");
        String kept;
        String later;
        long laterInternal;
        String token;
        try (TestPortal portal = TestPortal.startKeeping(TestPortal.config(data))) {
            token = portal.token(portal.user("alice@example.org", Role.FELLOW, null));
            kept = create(portal, token, "before the backup");
            assertEquals(0, portal("backup", "--data", data, backup));
            later = create(portal, token, "after the backup");
            laterInternal = portal.server.services().circuits().resolve(null, later);
            assertEquals(1, portal("restore", "--data", data, backup), "a restore under a running portal is refused");
        }
        assertEquals(0, portal("restore", "--data", data, backup));
        try (var saved = Files.list(data)) {
            assertTrue(saved.anyMatch(p -> p.getFileName().toString().startsWith("portal.sqlite.before-restore-")));
        }
        try (TestPortal portal = TestPortal.startKeeping(TestPortal.config(data))) {
            assertEquals("before the backup", parse(portal.get("/api/v1/circuits/" + kept, token)).get("title").asText());
            assertStatus(404, portal.get("/api/v1/circuits/" + later, token));
            String next = create(portal, token, "after the restore");
            assertNotEquals(later, next, "the public id of the circuit the restore removed is not handed out again");
            var circuits = portal.server.services().circuits();
            assertTrue(circuits.resolve(null, next) > laterInternal,
                    "nor is its internal id (" + laterInternal + "): " + circuits.resolve(null, next));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "backup to a file that exists, backup, existing",
            "restore from a file that is not SQLite, restore, text",
            "restore from a file that is missing, restore, missing",
            "import from a folder without H2, import-h2, missing"})
    void badInputIsRefusedWithExitCodeTwo(String what, String command, String file) throws Exception {
        Path data = dir.resolve("data");
        try (TestPortal portal = TestPortal.startKeeping(TestPortal.config(data))) {
            portal.user("bob@example.org", Role.FELLOW, null);
        }
        Path existing = Files.writeString(dir.resolve("existing"), "not a database");
        Path arg = switch (file) {
            case "existing", "text" -> existing;
            default -> dir.resolve("missing");
        };
        assertEquals(2, portal(command, "--data", command.equals("import-h2") ? dir.resolve("fresh") : data, arg), what);
    }

    @Test
    void anOldH2DataFolderIsImportedWithItsIdsAndTheNextIdsAreNew() throws Exception {
        Path old = dir.resolve("old");
        Files.createDirectories(old);
        String url = "jdbc:h2:file:" + old.toAbsolutePath().resolve("portal");
        try (Connection c = DriverManager.getConnection(url, "qise", "")) {
            Flyway.configure().dataSource(url, "qise", "").locations("classpath:db/identity").load().migrate();
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO users (id, email, name, institution, country, role, password_hash, disabled, created_at)"
                        + " VALUES (7, 'old@example.org', 'Old Timer', 'QISE', 'NL', 'FELLOW', 'x', FALSE, TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:05+00')");
                s.execute("INSERT INTO circuits (id, owner_id, visibility, latest_version, deleted, created_at, updated_at)"
                        + " VALUES (41, 7, 'PUBLIC', 1, FALSE, TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:05+00', TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:05+00')");
                s.execute("INSERT INTO circuit_versions VALUES (41, 1, 'Bell from H2', 'old', '" + QASM.replace("'", "''")
                        + "', 2, 2, 7, TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:05+00')");
                s.execute("INSERT INTO comments (id, circuit_id, author_id, body, deleted, created_at)"
                        + " VALUES (5, 41, 7, 'still here', FALSE, TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:05+00')");
            }
        }
        // Starting on the old folder says what to do instead of creating an empty database beside it.
        var refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> PortalServer.create(TestPortal.config(old)));
        assertTrue(refused.getMessage().contains("import-h2"), refused.getMessage());

        Path data = dir.resolve("data");
        assertEquals(0, portal("import-h2", "--data", data, old));
        try (TestPortal portal = TestPortal.startKeeping(TestPortal.config(data))) {
            // Old integer URLs keep working: a permanent redirect to the public id the import gave circuit 41.
            var moved = portal.get("/api/v1/circuits/41", null);
            assertStatus(301, moved);
            String location = moved.headers().firstValue("Location").orElseThrow();
            assertTrue(location.matches("/api/v1/circuits/[0-9a-hjkmnp-tv-z]{12}"), location);
            var circuit = parse(portal.get(location, null));
            assertEquals("Bell from H2", circuit.get("title").asText());
            assertEquals("Old Timer", circuit.get("owner").asText());
            assertEquals("2025-01-02T03:04:05Z", circuit.get("updatedAt").asText());
            assertEquals("still here", parse(portal.get(location + "/comments", null)).get(0).get("body").asText());
            String token = portal.token(portal.user("new@example.org", Role.FELLOW, null));
            assertTrue(portal.server.services().circuits().resolve(null, create(portal, token, "new")) > 41,
                    "ids continue after the imported ones");
            assertTrue(portal.server.services().users().findByEmail("new@example.org").orElseThrow().id() > 7);
        }
        assertEquals(2, portal("import-h2", "--data", data, old), "importing into a folder with a database is refused");
    }

    /** A rerun has one verdict since V97; an H2 database from before may hold two, and keeps the earliest, as V97 does. */
    @Test
    void anOldH2DatabaseWithTwoVerdictsOnOneRerunIsImportedWithTheEarliestAndItsOtherVerdicts() throws Exception {
        Path old = dir.resolve("old");
        Files.createDirectories(old);
        String url = "jdbc:h2:file:" + old.toAbsolutePath().resolve("portal");
        String at = "TIMESTAMP WITH TIME ZONE '2025-01-02 03:04:05+00'";
        try (Connection c = DriverManager.getConnection(url, "qise", "")) {
            Flyway.configure().dataSource(url, "qise", "").locations("classpath:db/identity").load().migrate();
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO users (id, email, name, institution, country, role, password_hash, disabled, created_at)"
                        + " VALUES (7, 'old@example.org', 'Old Timer', 'QISE', 'NL', 'FELLOW', 'x', FALSE, " + at + ")");
                s.execute("INSERT INTO circuits (id, owner_id, visibility, latest_version, deleted, created_at, updated_at)"
                        + " VALUES (41, 7, 'PRIVATE', 1, FALSE, " + at + ", " + at + ")");
                s.execute("INSERT INTO circuit_versions VALUES (41, 1, 'Bell from H2', 'old', '" + QASM.replace("'", "''")
                        + "', 2, 2, 7, " + at + ")");
                String run = "INSERT INTO runs (id, circuit_id, circuit_version, owner_id, origin, reproduces_id, status, shots, seed,"
                        + " engine, expect, circuit_qasm, circuit_sha256, num_qubits, progress, queued_at) VALUES ";
                s.execute(run + "(1, 41, 1, 7, 'SERVER', NULL, 'DONE', 10, 1, 'fast', '[]', 'bell', 'sha', 2, 1, " + at + ")");
                s.execute(run + "(2, 41, 1, 7, 'REPRODUCTION', 1, 'FAILED', 10, 1, 'fast', '[]', 'bell', 'sha', 2, 1, " + at + ")");
                String verdict = "INSERT INTO run_verifications (id, run_id, rerun_id, verdict, method, detail, created_at) VALUES ";
                s.execute(verdict + "(1, 1, 2, 'inconclusive', 'none', 'earliest', " + at + ")");
                s.execute(verdict + "(2, 1, NULL, 'inconclusive', 'none', 'no rerun', " + at + ")");
                s.execute(verdict + "(3, 1, 2, 'inconclusive', 'none', 'later', " + at + ")");
            }
        }
        Path data = dir.resolve("data");
        assertEquals(2, H2Import.run(old, data).get("run_verifications"), "rows copied");
        try (Database db = Database.sqlite(data)) {
            assertEquals(java.util.List.of("earliest", "no rerun"),
                    db.jdbc().query("SELECT detail FROM run_verifications ORDER BY id", rs -> rs.getString(1)));
        }
    }

    private static String create(TestPortal portal, String token, String title) {
        var r = portal.json("POST", "/api/v1/circuits", token, Map.of("title", title, "qasm", QASM, "visibility", "private"));
        assertStatus(201, r);
        return parse(r).get("id").asText();
    }
}
