package org.qise.portal;

import java.io.PrintStream;
import java.util.Map;
import org.qise.portal.people.Role;
import org.qise.portal.people.UserService;

/**
 * The first admin. There is no default account: on a database without an active admin,
 * QISE_ADMIN_EMAIL and QISE_ADMIN_PASSWORD (and optionally QISE_ADMIN_NAME) create one at
 * start-up; once an admin exists the variables are ignored.
 */
final class Bootstrap {
    private Bootstrap() {}

    /** Creates the first admin from the environment if needed; prints what happened or what to do. */
    static void firstAdmin(UserService users, Map<String, String> env, PrintStream out) {
        if (users.hasActiveAdmin()) return;
        String email = env.get("QISE_ADMIN_EMAIL");
        String password = env.get("QISE_ADMIN_PASSWORD");
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            out.println("""
                    No admin account exists yet. To create the first one, restart with
                      QISE_ADMIN_EMAIL=you@example.org QISE_ADMIN_PASSWORD='a long passphrase' ./qise portal …
                    (the variables are read once, while no admin exists; unset them afterwards).""");
            return;
        }
        String name = env.getOrDefault("QISE_ADMIN_NAME", "Administrator");
        if (users.findByEmail(email).isPresent()) {
            out.println("QISE_ADMIN_EMAIL " + email + " already has an account that is not an active admin; not changed."
                    + " Ask an existing admin, or use another email.");
            return;
        }
        try {
            users.createUser(new UserService.Registration(email, password, name, "", ""), Role.ADMIN, null);
            out.println("Created the first admin account " + email + ". Unset QISE_ADMIN_PASSWORD now.");
        } catch (PortalException e) {
            out.println("Could not create the first admin from QISE_ADMIN_EMAIL/QISE_ADMIN_PASSWORD: " + e.getMessage());
        }
    }
}
