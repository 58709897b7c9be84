package org.qise.portal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qise.portal.PortalException;

class PasswordsTest {
    private final Passwords passwords = new Passwords(4);

    @Test
    void hashesVerifyAndUseTheConfiguredCost() {
        String hash = passwords.hash("correct horse");
        assertTrue(hash.startsWith("$2a$04$"), hash);
        assertTrue(passwords.verify("correct horse", hash));
        assertFalse(passwords.verify("correct horsE", hash));
        assertTrue(new Passwords(12).hash("production cost").startsWith("$2a$12$"));
    }

    @Test
    void aMalformedStoredHashIsAFailedLoginNotAnException() {
        assertFalse(passwords.verify("anything at all", "not-a-bcrypt-hash"));
        assertFalse(passwords.verify("anything at all", "$2a$04$short"));
        assertFalse(passwords.verify("anything at all", ""));
    }

    @Test
    void unknownAccountsAreCheckedAgainstADummyHashAndFail() {
        assertFalse(passwords.verify("not a real password, only spends time", null));
        assertFalse(passwords.verify(null, null));
    }

    @Test
    void policyCountsCharactersAndUtf8Bytes() {
        PortalException tooShort = assertThrows(PortalException.class, () -> Passwords.checkPolicy("seven77"));
        assertEquals(400, tooShort.status());
        Passwords.checkPolicy("eight888");
        Passwords.checkPolicy("a".repeat(72));
        PortalException tooLong = assertThrows(PortalException.class, () -> Passwords.checkPolicy("a".repeat(73)));
        assertTrue(tooLong.getMessage().contains("73 bytes"));
        // 24 characters of 3 bytes each: 72 bytes, allowed; one more is 75 bytes.
        Passwords.checkPolicy("€".repeat(24));
        assertThrows(PortalException.class, () -> Passwords.checkPolicy("€".repeat(25)));
    }

    @Test
    void passwordsBeyond72BytesNeverMatchEvenIfTheirPrefixDoes() {
        String base = "p".repeat(72);
        String hash = passwords.hash(base);
        // bcrypt itself would accept this (it reads only 72 bytes); the portal refuses it.
        assertFalse(passwords.verify(base + "extra", hash));
    }
}
