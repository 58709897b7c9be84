package org.qise.portal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

/** What every API answer promises while the old snake_case names are kept for a release. */
public final class ApiNameAssertions {
    private ApiNameAssertions() {}

    /**
     * Each of {@code camelNames} is in the object, with its old snake_case name beside it holding
     * the same value; and no snake_case name is there without its camelCase twin.
     */
    public static void assertBothNames(JsonNode object, String... camelNames) {
        for (String name : camelNames) {
            assertTrue(object.has(name), name + " in " + object);
            assertEquals(object.get(name), object.get(ApiNames.snake(name)), ApiNames.snake(name) + " in " + object);
        }
        object.properties().forEach(e -> {
            if (e.getKey().contains("_")) assertTrue(object.has(ApiNames.camel(e.getKey())), "no camelCase twin of " + e.getKey());
        });
    }
}
