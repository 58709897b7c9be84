package org.qise.portal;

import java.io.PrintStream;
import java.util.List;
import org.qise.portal.circuits.CircuitDraft;
import org.qise.portal.circuits.Visibility;
import org.qise.portal.people.Cohort;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;
import org.qise.portal.people.UserService.Registration;

/** Seeds a fresh database for a demonstration: a cohort, an admin, an instructor, two fellows and a few circuits. */
final class DemoData {
    static final String PASSWORD = "quantum-demo-2026";

    private DemoData() {}

    static void seed(PortalServer.Services s, PrintStream out) {
        Cohort cohort = s.users().cohortNamed("Demo cohort 2026");
        User admin = s.users().createUser(new Registration("admin@demo.qise", PASSWORD, "Ada Admin", "QISE", "CH"), Role.ADMIN, null);
        User instructor = s.users().createUser(new Registration("instructor@demo.qise", PASSWORD, "Ian Instructor",
                "University of Geneva", "CH"), Role.INSTRUCTOR, cohort.id());
        User alice = s.users().createUser(new Registration("alice@demo.qise", PASSWORD, "Alice Fellow",
                "University of Nairobi", "KE"), Role.FELLOW, cohort.id());
        User bob = s.users().createUser(new Registration("bob@demo.qise", PASSWORD, "Bob Fellow",
                "Universidad de Chile", "CL"), Role.FELLOW, cohort.id());
        String bell = """
                OPENQASM 2.0;
                include "qelib1.inc";
                qreg q[2];
                creg c[2];
                h q[0];
                cx q[0],q[1];
                measure q -> c;
                """;
        String ghz = """
                OPENQASM 2.0;
                include "qelib1.inc";
                qreg q[3];
                creg c[3];
                h q[0];
                cx q[0],q[1];
                cx q[1],q[2];
                measure q -> c;
                """;
        String teleport = """
                OPENQASM 2.0;
                include "qelib1.inc";
                qreg q[3];
                creg c0[1];
                creg c1[1];
                creg c2[1];
                u3(0.3,0.2,0.1) q[0];
                h q[1];
                cx q[1],q[2];
                barrier q;
                cx q[0],q[1];
                h q[0];
                measure q[0] -> c0[0];
                measure q[1] -> c1[0];
                if(c0==1) z q[2];
                if(c1==1) x q[2];
                measure q[2] -> c2[0];
                """;
        try {
            s.circuits().create(instructor, new CircuitDraft("Bell pair", "The simplest entangled state: *H* then *CX*.",
                    bell, Visibility.PUBLIC, List.of("bell", "entanglement")));
            s.circuits().create(alice, new CircuitDraft("Three-qubit GHZ", "GHZ state for the cohort exercise.",
                    ghz, Visibility.COHORT, List.of("ghz", "entanglement")));
            s.circuits().create(bob, new CircuitDraft("Teleportation (draft)", "Work in progress; private.",
                    teleport, Visibility.PRIVATE, List.of("teleportation")));
        } catch (PortalException e) {
            out.println("Demo circuits not created: " + e.getMessage());
        }
        out.println("Demo accounts (password for all: " + PASSWORD + "):");
        for (User u : List.of(admin, instructor, alice, bob)) {
            out.println("  " + u.role().label() + "  " + u.email());
        }
    }
}
