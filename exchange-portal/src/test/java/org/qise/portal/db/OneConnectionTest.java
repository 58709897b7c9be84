package org.qise.portal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qise.portal.TestPortal;
import org.qise.portal.audit.AuditLog;
import org.qise.portal.auth.Passwords;
import org.qise.portal.circuits.CircuitDraft;
import org.qise.portal.circuits.CircuitService;
import org.qise.portal.circuits.QasmCheck;
import org.qise.portal.circuits.Visibility;
import org.qise.portal.people.InviteService;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;
import org.qise.portal.people.UserService;

/**
 * The reads that used to query inside a row mapper (a user's cohorts, a list's tags) work over
 * a pool of ONE connection: no code path holds a connection while asking for a second, which
 * is what locked the portal up under load. With the old code each call here waited for the
 * pool and failed.
 */
class OneConnectionTest {
    private static final String QASM = "OPENQASM 2.0;\nqreg q[1];\nU(0,0,0) q[0];\n";
    private Path dir;
    private Database db;
    private UserService users;
    private CircuitService circuits;

    @BeforeEach
    void open() {
        dir = TestPortal.tempDir();
        db = Database.sqlite(dir, 1);
        Jdbc jdbc = db.jdbc();
        AuditLog audit = new AuditLog(jdbc);
        users = new UserService(jdbc, new Passwords(4), audit, new InviteService(jdbc));
        circuits = new CircuitService(jdbc, new QasmCheck(256 * 1024, 64, 100_000), audit);
    }

    @AfterEach
    void close() {
        db.close();
        TestPortal.deleteTree(dir);
    }

    @Test
    void usersWithCohortsAndCircuitListsWithTagsNeedOnlyOneConnection() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            var physics = users.cohortNamed("physics");
            var chemistry = users.cohortNamed("chemistry");
            User ada = users.createUser(new UserService.Registration("ada@example.org", "a long password", "Ada", "", ""),
                    Role.FELLOW, physics.id());
            users.addToCohort(users.createUser(new UserService.Registration("root@example.org", "a long password", "Root", "", ""),
                    Role.ADMIN, null), ada.id(), chemistry);
            User found = users.find(ada.id()).orElseThrow();
            assertEquals(List.of("chemistry", "physics"), found.cohorts().stream().map(c -> c.name()).toList());
            assertEquals(2, users.credentials("ada@example.org").orElseThrow().user().cohorts().size());
            assertEquals(2, users.all().stream().filter(u -> u.id() == ada.id()).findFirst().orElseThrow().cohorts().size());

            long id = circuits.create(found, new CircuitDraft("tagged", "", QASM, Visibility.COHORT, List.of("b", "a"), "physics"));
            var listed = circuits.list(found, new CircuitService.Filter(null, null, null));
            assertEquals(List.of("a", "b"), listed.getFirst().tags());
            assertEquals(List.of("a", "b"), circuits.get(found, id, null).summary().tags());
            assertTrue(circuits.findByCanonicalSha256(found, "0".repeat(64)).isEmpty());
        });
    }
}
