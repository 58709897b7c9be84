package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qise.portal.people.Role;

/**
 * Expressions built to exhaust the parser's stack (issue 20): the portal parses untrusted text,
 * so a 100,000-term sum must be read and a 100,000-deep nesting refused as invalid OpenQASM at
 * its line and column (422, the portal's answer to any OpenQASM it cannot read), never a 500.
 */
class HostileQasmTest {
    private static final String HEADER = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\n";

    static TestPortal portal;
    static String token;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        token = portal.token(portal.user("mallory@example.org", Role.FELLOW, null));
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    private static java.net.http.HttpResponse<String> submit(String qasm) {
        return portal.json("POST", "/api/v1/circuits", token, Map.of("title", "hostile", "qasm", qasm, "visibility", "private"));
    }

    @Test
    void aHundredThousandTermSumIsAccepted() {
        String sum = String.join("+", Collections.nCopies(100_000, "1"));
        assertStatus(201, submit(HEADER + "rx(" + sum + ") q[0];\n"));
    }

    @Test
    void aHundredThousandDeepNestingIsRefusedAtItsLineAndColumn() {
        String deep = "(".repeat(100_000) + "1" + ")".repeat(100_000);
        var r = submit(HEADER + "rx(" + deep + ") q[0];\n");
        assertStatus(422, r);
        JsonNode body = parse(r);
        assertEquals(4, body.get("line").asInt());
        assertEquals(204, body.get("column").asInt());
        assertTrue(body.get("error").asText().contains("nests more than 200 levels deep"), body.toString());
    }
}
