package org.qise.portal.credit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.portal.PostgresSchema;
import org.qise.portal.TestPortal;
import org.qise.portal.export.RoCrateValidator;
import org.qise.portal.people.Role;

/**
 * Licences, stars and crates on PostgreSQL (QISE_TEST_POSTGRES_URL, _USER, _PASSWORD; skipped
 * without, failing under CI=true): the V55 migration applies, a repeated star stays one row
 * (ON CONFLICT), and the credit walks the fork chain the same way as on SQLite.
 */
class PostgresCreditTest {
    @Test
    void creditStarsAndCratesWorkOnPostgres() throws Exception {
        try (PostgresSchema pg = PostgresSchema.create("credit")) {
            var config = pg.configure(TestPortal.config(TestPortal.tempDir()));
            try (TestPortal portal = TestPortal.start(config)) {
                String ada = portal.token(portal.user("ada@example.org", Role.FELLOW, null));
                String bob = portal.token(portal.user("bob@example.org", Role.FELLOW, null));
                var r = portal.json("POST", "/api/v1/circuits", ada, Map.of("title", "pg", "visibility", "public",
                        "qasm", CreditApiTest.QASM, "license", "Apache-2.0"));
                assertStatus(201, r);
                String id = parse(r).get("id").asText();
                String fork = parse(portal.json("POST", "/api/v1/circuits/" + id + "/fork", bob, "")).get("id").asText();
                assertEquals(1, parse(portal.json("PUT", "/api/v1/circuits/" + id + "/star", bob, "")).get("stars").asLong());
                assertEquals(1, parse(portal.json("PUT", "/api/v1/circuits/" + id + "/star", bob, "")).get("stars").asLong());
                assertEquals(id, parse(portal.get("/api/v1/me/stars", bob)).get(0).get("id").asText());
                var credit = parse(portal.get("/api/v1/circuits/" + fork + "/credit", bob));
                assertEquals("Apache-2.0", credit.get("license").get("id").asText());
                assertEquals("Name of ada@example.org", credit.get("authors").get(0).get("name").asText());
                assertEquals("Name of bob@example.org", credit.get("authors").get(1).get("name").asText());
                assertEquals(1, parse(portal.get("/api/v1/circuits/" + id, null)).get("forks").asLong());
                HttpResponse<byte[]> zip = portal.http.send(HttpRequest.newBuilder(URI.create(portal.base + "/circuits/" + id + "/ro-crate.zip"))
                        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, zip.statusCode());
                assertEquals(List.of(), RoCrateValidator.problems(RoCrateValidator.read(zip.body())));
            }
        }
    }
}
