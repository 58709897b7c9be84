package org.qise.portal.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.portal.PortalException;

/**
 * ORCID iDs against iDs published by ORCID itself (its documentation's examples, whose check
 * characters are given there), in the forms people paste them.
 */
class OrcidTest {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "0000-0002-1825-0097, 0000-0002-1825-0097",                  // ORCID's documented example (Josiah Carberry)
            "https://orcid.org/0000-0002-1825-0097, 0000-0002-1825-0097",
            "http://www.orcid.org/0000-0002-1825-0097, 0000-0002-1825-0097",
            "0000000218250097, 0000-0002-1825-0097",
            "0000-0001-5109-3700, 0000-0001-5109-3700",                  // documented example
            "0000-0002-1694-233X, 0000-0002-1694-233X",                  // documented example ending in X (10)
            "0000-0002-1694-233x, 0000-0002-1694-233X",
            "'  0000-0002-1825-0097  ', 0000-0002-1825-0097",
    })
    void acceptsValidIdsAndStoresThemBare(String typed, String stored) {
        assertEquals(stored, Orcid.normalise(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-0002-1825-0096", "0000-0002-1825-0079", "0000-0002-1694-2330", "0000-0001-5109-370X"})
    void refusesAWrongCheckCharacterSayingWhichItShouldBe(String typed) {
        var e = assertThrows(PortalException.class, () -> Orcid.normalise(typed));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("orcid: ") && e.getMessage().contains("check character"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-0002-1825", "orcid 0000-0002-1825-0097", "0000-0002-1825-009Y", "https://example.org/0000-0002-1825-0097"})
    void refusesWhatIsNotAnOrcidId(String typed) {
        var e = assertThrows(PortalException.class, () -> Orcid.normalise(typed));
        assertTrue(e.getMessage().contains("is not an ORCID iD"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankMeansNone(String typed) {
        assertNull(Orcid.normalise(typed));
    }
}
