package org.qise.portal.credit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
import org.qise.portal.db.Database;
import org.qise.portal.db.Jdbc;
import org.qise.portal.people.InviteService;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;
import org.qise.portal.people.UserService;

/**
 * A circuit's licence is written in the transaction that creates the circuit (or the fork), so
 * a failure to store it leaves no circuit behind. The failure is forced by SQLite triggers that
 * refuse one licence however it is written: in the INSERT of the circuit or by a later UPDATE.
 */
class LicenceInTransactionTest {
    private static final String BELL = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[0];\ncx q[0],q[1];\n";
    private Path dir;
    private Database db;
    private Jdbc jdbc;
    private CircuitService circuits;
    private CreditService credit;
    private User ada;
    private User bob;

    @BeforeEach
    void open() {
        dir = TestPortal.tempDir();
        db = Database.sqlite(dir, 2);
        jdbc = new Jdbc(db.dataSource(), db.dialect());
        AuditLog audit = new AuditLog(jdbc);
        UserService users = new UserService(jdbc, new Passwords(4), audit, new InviteService(jdbc));
        circuits = new CircuitService(jdbc, new QasmCheck(256 * 1024, 64, 100_000), audit);
        credit = new CreditService(jdbc, circuits);
        ada = users.createUser(new UserService.Registration("ada@example.org", "a long password", "Ada", "", ""), Role.FELLOW, null);
        bob = users.createUser(new UserService.Registration("bob@example.org", "a long password", "Bob", "", ""), Role.FELLOW, null);
    }

    @AfterEach
    void close() {
        db.close();
        TestPortal.deleteTree(dir);
    }

    private void refuseLicence(String spdx) {
        jdbc.update("CREATE TRIGGER refuse_licence_insert BEFORE INSERT ON circuits WHEN NEW.license = '" + spdx + "'"
                + " BEGIN SELECT RAISE(ABORT, 'licence store failed'); END");
        jdbc.update("CREATE TRIGGER refuse_licence_update BEFORE UPDATE OF license ON circuits WHEN NEW.license = '" + spdx + "'"
                + " BEGIN SELECT RAISE(ABORT, 'licence store failed'); END");
    }

    private long rows(String table) {
        return jdbc.count("SELECT COUNT(*) FROM " + table);
    }

    private String storedLicence(long circuitId) {
        // One-element list rather than Optional: the column may be NULL.
        return jdbc.query("SELECT license FROM circuits WHERE id = ?", rs -> java.util.Objects.toString(rs.getString(1), "NULL"),
                circuitId).getFirst();
    }

    private static CircuitDraft draft(String title) {
        return new CircuitDraft(title, "about " + title, BELL, Visibility.PUBLIC, List.of("bell", "demo"));
    }

    @Test
    void aCreateWhoseLicenceCannotBeStoredLeavesNoCircuitVersionOrTag() {
        circuits.create(ada, draft("kept"), Licence.find("CC0-1.0").orElseThrow());
        refuseLicence("MIT");
        long circuitsBefore = rows("circuits");
        long versionsBefore = rows("circuit_versions");
        long tagsBefore = rows("circuit_tags");

        assertThrows(RuntimeException.class, () -> circuits.create(ada, draft("refused"), Licence.find("MIT").orElseThrow()));

        assertEquals(circuitsBefore, rows("circuits"));
        assertEquals(versionsBefore, rows("circuit_versions"));
        assertEquals(tagsBefore, rows("circuit_tags"));
        assertEquals(0, jdbc.count("SELECT COUNT(*) FROM circuit_versions WHERE title = 'refused'"));
    }

    @Test
    void aCreatedCircuitCarriesItsLicenceFromItsFirstRow() {
        long id = circuits.create(ada, draft("apache"), Licence.find("apache-2.0").orElseThrow());
        assertEquals("Apache-2.0", storedLicence(id));
        assertEquals("CC-BY-4.0", storedLicence(circuits.create(ada, draft("default"))));
    }

    @Test
    void aForkCopiesItsOriginsLicenceInTheSameTransaction() {
        long origin = circuits.create(ada, draft("origin"), Licence.find("MIT").orElseThrow());
        long fork = circuits.fork(bob, origin, null);
        assertEquals("MIT", storedLicence(fork));
        assertEquals("MIT", credit.credit(bob, fork, null).licence().spdx());

        refuseLicence("MIT");
        long circuitsBefore = rows("circuits");
        long versionsBefore = rows("circuit_versions");
        assertThrows(RuntimeException.class, () -> circuits.fork(bob, origin, null));
        assertEquals(circuitsBefore, rows("circuits"));
        assertEquals(versionsBefore, rows("circuit_versions"));
    }

    @Test
    void aForkOfACircuitOlderThanLicencesStillReadsTheDefaultAlongTheChain() {
        long origin = circuits.create(ada, draft("old"));
        jdbc.update("UPDATE circuits SET license = NULL WHERE id = ?", origin); // as migration V55 left older circuits
        long fork = circuits.fork(bob, origin, null);
        assertEquals("NULL", storedLicence(fork));
        assertEquals(Licence.DEFAULT, credit.credit(bob, fork, null).licence());
        assertTrue(credit.credit(bob, fork, null).authorNames().containsAll(List.of("Ada", "Bob")));
    }
}
