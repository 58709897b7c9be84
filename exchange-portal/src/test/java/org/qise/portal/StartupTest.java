package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.portal.circuits.CircuitService;
import org.qise.portal.circuits.Visibility;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;
import org.qise.portal.people.UserService;

/** Command line, first admin from the environment, and the demo data. */
class StartupTest {
    @Test
    void helpNamesTheDefaultDataDirectoryAndTheAdminVariables() {
        StringWriter out = new StringWriter();
        var cmd = PortalMain.commandLine();
        cmd.setOut(new PrintWriter(out));
        assertEquals(0, cmd.execute("--help"));
        String help = out.toString();
        assertTrue(help.contains("./qise-data in the working directory"), help);
        assertTrue(help.contains("QISE_ADMIN_EMAIL"), help);
        assertTrue(help.contains("--demo"), help);
    }

    @Test
    void unknownOptionsAreExplained() {
        StringWriter err = new StringWriter();
        var cmd = PortalMain.commandLine();
        cmd.setErr(new PrintWriter(err));
        assertEquals(2, cmd.execute("--prot", "80"));
        assertTrue(err.toString().contains("--prot"), err.toString());
        PrintStream savedErr = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, PortalMain.commandLine().execute("--demo", "--data", "somewhere"));
        } finally {
            System.setErr(savedErr);
        }
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("leave out --database and --data"));
    }

    @Test
    void firstAdminComesFromTheEnvironmentOnce() {
        try (TestPortal portal = TestPortal.start()) {
            UserService users = portal.server.services().users();
            String withoutVars = run(out -> Bootstrap.firstAdmin(users, Map.of(), out));
            assertTrue(withoutVars.contains("QISE_ADMIN_EMAIL="), withoutVars);
            assertFalse(users.hasActiveAdmin());

            String weak = run(out -> Bootstrap.firstAdmin(users, Map.of("QISE_ADMIN_EMAIL", "boss@example.org",
                    "QISE_ADMIN_PASSWORD", "short"), out));
            assertTrue(weak.contains("at least 8"), weak);
            assertFalse(users.hasActiveAdmin());

            String created = run(out -> Bootstrap.firstAdmin(users, Map.of("QISE_ADMIN_EMAIL", "boss@example.org",
                    "QISE_ADMIN_PASSWORD", "a good long passphrase"), out));
            assertTrue(created.contains("Created the first admin"), created);
            User boss = users.findByEmail("boss@example.org").orElseThrow();
            assertEquals(Role.ADMIN, boss.role());

            String again = run(out -> Bootstrap.firstAdmin(users, Map.of("QISE_ADMIN_EMAIL", "other@example.org",
                    "QISE_ADMIN_PASSWORD", "another passphrase"), out));
            assertEquals("", again, "with an admin present the variables are ignored");
            assertTrue(users.findByEmail("other@example.org").isEmpty());
            assertEquals(201, portal.json("POST", "/api/v1/auth/token", null,
                    Map.of("email", "boss@example.org", "password", "a good long passphrase")).statusCode());
        }
    }

    @Test
    void demoDataHasACohortStaffFellowsAndCircuits() {
        try (TestPortal portal = TestPortal.start()) {
            var s = portal.server.services();
            String printed = run(out -> DemoData.seed(s, out));
            for (String email : new String[] {"admin@demo.qise", "instructor@demo.qise", "alice@demo.qise", "bob@demo.qise"}) {
                assertTrue(printed.contains(email), printed);
                assertTrue(s.users().findByEmail(email).isPresent());
            }
            assertTrue(printed.contains(DemoData.PASSWORD));
            User alice = s.users().findByEmail("alice@demo.qise").orElseThrow();
            User bob = s.users().findByEmail("bob@demo.qise").orElseThrow();
            assertEquals("Demo cohort 2026", alice.cohorts().getFirst().name());
            var seenByAlice = s.circuits().list(alice, new CircuitService.Filter(null, null, null));
            assertEquals(2, seenByAlice.size(), "the public Bell pair and her cohort GHZ; Bob's draft is private");
            assertTrue(seenByAlice.stream().anyMatch(c -> c.visibility() == Visibility.COHORT));
            assertEquals(3, s.circuits().list(bob, new CircuitService.Filter(null, null, null)).size());
            assertEquals(201, portal.json("POST", "/api/v1/auth/token", null,
                    Map.of("email", "alice@demo.qise", "password", DemoData.PASSWORD)).statusCode());
        }
    }

    private static String run(java.util.function.Consumer<PrintStream> action) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        action.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
