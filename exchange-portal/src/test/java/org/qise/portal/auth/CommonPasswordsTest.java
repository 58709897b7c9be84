package org.qise.portal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.qise.portal.PortalException;

/** OWASP ASVS 5.0 password rules: length and a list of common passwords, no composition rules. */
class CommonPasswordsTest {
    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"password", "12345678", "PASSWORD", "Password1", "qwerty123", "iloveyou", "11111111",
            "123456789", "Welcome2024", "  letmein!  ", "1q2w3e4r"})
    void commonPasswordsAreRefusedWhateverTheirCase(String password) {
        PortalException e = assertThrows(PortalException.class, () -> Passwords.checkPolicy(password));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("common passwords"), e.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\" is accepted")
    @ValueSource(strings = {"correct horse battery", "all lower case words", "eight888", "tr0ub4dor&3", "ünïcödé pass"})
    void longEnoughUncommonPasswordsNeedNoDigitsCapitalsOrSymbols(String password) {
        Passwords.checkPolicy(password);
    }

    @Test
    void theShippedListIsLoadedAndHoldsOnlyPasswordsTheLengthRuleWouldLetThrough() {
        assertTrue(CommonPasswords.size() > 1000, "entries: " + CommonPasswords.size());
        assertTrue(CommonPasswords.contains("password"));
        assertTrue(!CommonPasswords.contains("seven77"), "shorter ones are refused by length already");
    }
}
