package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;

/**
 * Deleting and disabling ask first, without JavaScript: the first post answers a question page
 * and changes nothing; only the confirmed post acts, and then answers 303 See Other.
 */
class ConfirmPagesTest {
    static TestPortal portal;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void deletingACircuitAsksFirstAndThenSendsHome() {
        User owner = portal.user("owner@example.org", Role.FELLOW, null);
        var made = portal.json("POST", "/api/v1/circuits", portal.token(owner), Map.of("title", "Doomed GHZ", "visibility", "public",
                "qasm", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[0];\ncx q[0], q[1];\n"));
        assertStatus(201, made);
        String id = TestPortal.parse(made).get("id").asText();
        Browser b = new Browser(portal);
        b.login("owner@example.org", TestPortal.PASSWORD);

        var asked = b.submit("/circuits/" + id, "/circuits/" + id + "/delete", Map.of());
        assertStatus(200, asked);
        assertTrue(asked.body().contains("Delete circuit “Doomed GHZ”?"), asked.body());
        assertTrue(asked.body().contains("action=\"/circuits/" + id + "/delete\""), "the question posts the same form");
        assertTrue(asked.body().contains("href=\"/circuits/" + id + "\">No, go back"), asked.body());
        assertStatus(200, b.get("/circuits/" + id));

        var done = b.submit("/circuits/" + id, "/circuits/" + id + "/delete", Map.of("confirm", "yes"));
        assertStatus(303, done);
        assertEquals("/", done.headers().firstValue("Location").orElseThrow());
        assertStatus(404, b.get("/circuits/" + id));
    }

    @Test
    void deletingACommentAsksFirst() {
        User author = portal.user("commenter@example.org", Role.FELLOW, null);
        var made = portal.json("POST", "/api/v1/circuits", portal.token(author), Map.of("title", "Discussed", "visibility", "public",
                "qasm", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nh q[0];\n"));
        assertStatus(201, made);
        String id = TestPortal.parse(made).get("id").asText();
        Browser b = new Browser(portal);
        b.login("commenter@example.org", TestPortal.PASSWORD);
        assertStatus(302, b.submit("/circuits/" + id, "/circuits/" + id + "/comments", Map.of("body", "A second look, please")));
        var services = portal.server.services().circuits();
        long internal = services.resolve(author, id);
        long commentId = services.comments(author, internal).getFirst().id();

        var asked = b.submit("/circuits/" + id, "/circuits/" + id + "/comments/" + commentId + "/delete", Map.of());
        assertStatus(200, asked);
        assertTrue(asked.body().contains("Delete this comment?"), asked.body());
        assertEquals(1, services.comments(author, internal).size(), "nothing deleted yet");
        assertStatus(302, b.submit("/circuits/" + id, "/circuits/" + id + "/comments/" + commentId + "/delete", Map.of("confirm", "yes")));
        assertEquals(0, services.comments(author, internal).size());
    }

    @Test
    void disablingAPersonAsksFirst() {
        User admin = portal.user("boss@example.org", Role.ADMIN, null);
        User target = portal.user("leaving@example.org", Role.FELLOW, null);
        Browser a = new Browser(portal);
        a.login(admin.email(), TestPortal.PASSWORD);

        var asked = a.submit("/admin/users", "/admin/users/" + target.id() + "/disable", Map.of());
        assertStatus(200, asked);
        assertTrue(asked.body().contains("Disable " + target.name() + "?"), asked.body());
        assertEquals(false, portal.server.services().users().find(target.id()).orElseThrow().disabled());

        var done = a.submit("/admin/users", "/admin/users/" + target.id() + "/disable", Map.of("confirm", "yes"));
        assertStatus(302, done);
        assertEquals(true, portal.server.services().users().find(target.id()).orElseThrow().disabled());
    }
}
