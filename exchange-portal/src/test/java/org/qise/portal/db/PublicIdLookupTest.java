package org.qise.portal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
import org.qise.portal.runs.RunConfig;
import org.qise.portal.runs.RunService;

/**
 * Reading a circuit by the public id in its URL matches the id in the query that reads the
 * circuit: no separate "which internal id is this?" statement before it. The same holds for the
 * routes that act on a circuit or run (edit, fork, comments, runs list, cancel, reproduce).
 * Counted on the JDBC statements the services prepare on the test's thread.
 */
class PublicIdLookupTest {
    private static final String QASM = "OPENQASM 2.0;\nqreg q[1];\nU(0,0,0) q[0];\n";
    private Path dir;
    private Database db;
    /** What {@code CircuitService.resolve} and {@code RunService.resolve} ask: the look-up the routes no longer need. */
    private static final List<String> LOOK_UPS = List.of("SELECT id FROM circuits WHERE public_id = ? AND deleted = FALSE",
            "SELECT id FROM runs WHERE public_id = ?");
    private final List<String> statements = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread testThread = Thread.currentThread();
    private Jdbc jdbc;
    private CircuitService circuits;
    private User owner;

    @BeforeEach
    void open() {
        dir = TestPortal.tempDir();
        db = Database.sqlite(dir, 2);
        jdbc = new Jdbc(counting(db.dataSource()), db.dialect());
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
                if (m2.getName().startsWith("prepare") && Thread.currentThread() == testThread) statements.add((String) args2[0]);
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

    /** An operation on the circuit or run that a URL names: by its public id, or by the internal id a look-up gave. */
    private interface Op {
        void run(String ref, long id);
    }

    /** Runs {@code op} after a look-up by the public id, then by the public id alone, and compares the statements. */
    private void assertNoLookUp(Op twoStep, Op oneStep, String ref, java.util.function.ToLongFunction<String> lookUp) {
        statements.clear();
        twoStep.run(ref, lookUp.applyAsLong(ref));
        List<String> twoStepSql = List.copyOf(statements);
        statements.clear();
        oneStep.run(ref, -1);
        List<String> oneStepSql = List.copyOf(statements);

        assertTrue(twoStepSql.stream().anyMatch(LOOK_UPS::contains), String.join("\n", twoStepSql));
        assertTrue(oneStepSql.stream().noneMatch(LOOK_UPS::contains), String.join("\n", oneStepSql));
        assertEquals(twoStepSql.size() - 1, oneStepSql.size(), String.join("\n", oneStepSql));
    }

    static Stream<Arguments> circuitRoutes() {
        CircuitDraft edit = new CircuitDraft("edited", "again", QASM, null, null);
        return Stream.of(
                Arguments.of("edit", (Route) (s, u, byRef, ref, id) -> {
                    if (byRef) s.update(u, ref, edit);
                    else s.update(u, id, edit);
                }),
                Arguments.of("fork", (Route) (s, u, byRef, ref, id) -> {
                    if (byRef) s.fork(u, ref, null);
                    else s.fork(u, id, null);
                }),
                Arguments.of("comment", (Route) (s, u, byRef, ref, id) -> {
                    if (byRef) s.addComment(u, ref, "by ref");
                    else s.addComment(u, id, "by id");
                }),
                Arguments.of("list comments", (Route) (s, u, byRef, ref, id) -> {
                    if (byRef) s.comments(u, ref);
                    else s.comments(u, id);
                }));
    }

    /** One circuit route's service call, by public id or by internal id. */
    interface Route {
        void call(CircuitService service, User user, boolean byRef, String ref, long id);
    }

    @ParameterizedTest(name = "{0} matches the public id in its own read")
    @MethodSource("circuitRoutes")
    void circuitRoutesNeedNoSeparatePublicIdLookUp(String name, Route route) {
        long id = circuits.create(owner, new CircuitDraft("t", "", QASM, Visibility.PUBLIC, List.of("a")));
        assertNoLookUp((ref, internal) -> route.call(circuits, owner, false, ref, internal),
                (ref, ignored) -> route.call(circuits, owner, true, ref, -1), circuits.publicId(id), ref -> circuits.resolve(owner, ref));
    }

    @Test
    void deletingACommentNeedsNoSeparatePublicIdLookUp() {
        long id = circuits.create(owner, new CircuitDraft("t", "", QASM, Visibility.PUBLIC, List.of()));
        long first = circuits.addComment(owner, id, "first");
        long second = circuits.addComment(owner, id, "second");
        assertNoLookUp((ref, internal) -> circuits.deleteComment(owner, internal, first),
                (ref, ignored) -> circuits.deleteComment(owner, ref, second), circuits.publicId(id), ref -> circuits.resolve(owner, ref));
        assertEquals(List.of(), circuits.comments(owner, id));
    }

    @Test
    void runRoutesNeedNoSeparatePublicIdLookUp() {
        // No embedded workers: runs stay queued in the database, so every call takes the same path both times.
        RunConfig config = RunConfig.defaults().withExternalWorkers();
        RunService runs = RunService.open(jdbc, circuits, config, Clock.systemUTC());
        try {
            long circuit = circuits.create(owner, new CircuitDraft("t", "", QASM, Visibility.PUBLIC, List.of()));
            String circuitRef = circuits.publicId(circuit);
            var request = new RunService.RunRequest(null, 10L, 1L, null, List.of());
            assertNoLookUp((ref, internal) -> runs.forCircuit(owner, internal), (ref, ignored) -> runs.forCircuit(owner, ref),
                    circuitRef, ref -> circuits.resolve(owner, ref));

            String a = runs.publicId(runs.submit(owner, circuit, request));
            String b = runs.publicId(runs.submit(owner, circuit, request));
            assertNoLookUp((ref, internal) -> runs.cancel(owner, internal), (ref, ignored) -> runs.cancel(owner, b), a,
                    ref -> runs.resolve(owner, ref));

            // Reproducing needs a finished run; these two are marked done by hand (nothing runs them here).
            jdbc.update("UPDATE runs SET status = 'DONE', progress = 1 WHERE public_id IN (?, ?)", a, b);
            assertNoLookUp((ref, internal) -> runs.reproduce(owner, internal, false, Duration.ZERO),
                    (ref, ignored) -> runs.reproduce(owner, b, false, Duration.ZERO), a, ref -> runs.resolve(owner, ref));
        } finally {
            runs.close();
        }
    }
}
