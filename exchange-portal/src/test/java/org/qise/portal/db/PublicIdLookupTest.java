package org.qise.portal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qise.portal.Moved;
import org.qise.portal.PortalException;
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
 * Reading a circuit by the public id in its URL matches the id in the query that reads the
 * circuit: no separate "which internal id is this?" statement before it. Counted on the JDBC
 * statements the service prepares.
 */
class PublicIdLookupTest {
    private static final String QASM = "OPENQASM 2.0;\nqreg q[1];\nU(0,0,0) q[0];\n";
    private Path dir;
    private Database db;
    private final List<String> statements = new ArrayList<>();
    private CircuitService circuits;
    private User owner;

    @BeforeEach
    void open() {
        dir = TestPortal.tempDir();
        db = Database.sqlite(dir, 2);
        Jdbc jdbc = new Jdbc(counting(db.dataSource()), db.dialect());
        AuditLog audit = new AuditLog(jdbc);
        UserService users = new UserService(jdbc, new Passwords(4), audit, new InviteService(jdbc));
        circuits = new CircuitService(jdbc, new QasmCheck(256 * 1024, 64, 100_000), audit);
        owner = users.createUser(new UserService.Registration("ids@example.org", "a long password", "Ids", "", ""), Role.FELLOW, null);
    }

    @AfterEach
    void close() {
        db.close();
        TestPortal.deleteTree(dir);
    }

    /** A data source whose connections record the SQL of every statement they prepare. */
    private DataSource counting(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (p, m, args) -> {
            Object out = m.invoke(real, args);
            if (!(out instanceof Connection c)) return out;
            return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (p2, m2, args2) -> {
                if (m2.getName().startsWith("prepare")) statements.add((String) args2[0]);
                try {
                    return m2.invoke(c, args2);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        });
    }

    @Test
    void aCircuitReadByItsPublicIdNeedsOneStatementLessThanLookUpThenRead() {
        long id = circuits.create(owner, new CircuitDraft("t", "", QASM, Visibility.PUBLIC, List.of()));
        String ref = circuits.publicId(id);

        statements.clear();
        var twoStep = circuits.get(null, circuits.resolve(null, ref), null);
        int twoStepCount = statements.size();
        statements.clear();
        var oneStep = circuits.get(null, ref, null);
        List<String> oneStepSql = List.copyOf(statements);

        assertEquals(twoStep, oneStep);
        assertEquals(twoStepCount - 1, oneStepSql.size(), String.join("\n", oneStepSql));
        assertEquals(1, oneStepSql.stream().filter(s -> s.contains("public_id = ?")).count(), String.join("\n", oneStepSql));
    }

    @Test
    void anOldIntegerIdStillRedirectsAndAPrivateOrUnknownOneIsNotFound() {
        long shown = circuits.create(owner, new CircuitDraft("t", "", QASM, Visibility.PUBLIC, List.of()));
        long hidden = circuits.create(owner, new CircuitDraft("h", "", QASM, Visibility.PRIVATE, List.of()));
        Moved moved = assertThrows(Moved.class, () -> circuits.get(null, String.valueOf(shown), null));
        assertEquals(circuits.publicId(shown), moved.to());
        assertEquals(404, assertThrows(PortalException.class, () -> circuits.get(null, String.valueOf(hidden), null)).status());
        assertEquals(404, assertThrows(PortalException.class, () -> circuits.get(null, circuits.publicId(hidden), null)).status());
        assertEquals(404, assertThrows(PortalException.class, () -> circuits.get(null, "zzzzzzzzzzzz", null)).status());
    }
}
