package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The hand-written OpenAPI document covers exactly the API routes the server registers. */
class OpenApiTest {
    @Test
    void everyRouteIsDocumentedAndNothingElse() {
        try (TestPortal portal = TestPortal.start()) {
            JsonNode doc = TestPortal.parse(portal.get("/api/v1/openapi.json", null));
            assertTrue(doc.get("openapi").asText().startsWith("3."));
            List<String> documented = new ArrayList<>();
            doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
                if (!op.getKey().equals("parameters")) {
                    documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                    assertNotNull(op.getValue().get("responses"), op.getKey() + " " + path.getKey() + " has responses");
                }
            }));
            List<String> registered = portal.server.apiRoutes();
            assertFalse(registered.isEmpty());
            assertEquals(registered.stream().sorted().toList(), documented.stream().sorted().toList());
            // every $ref resolves
            doc.findValues("$ref").forEach(ref -> {
                String name = ref.asText().substring("#/components/schemas/".length());
                assertNotNull(doc.get("components").get("schemas").get(name), ref.asText());
            });
        }
    }
}
