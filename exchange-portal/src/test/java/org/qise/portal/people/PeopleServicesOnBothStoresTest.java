package org.qise.portal.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.portal.PortalException;
import org.qise.portal.TestPortal;
import org.qise.portal.TestStore;
import org.qise.portal.audit.AuditLog;
import org.qise.portal.auth.Passwords;

/**
 * Migration V51 and the people services on SQLite and on PostgreSQL (the latter only with
 * QISE_TEST_POSTGRES_URL, in a schema of its own): a profile round-trips with its ORCID iD, and a
 * reset link works once, before its expiry only.
 */
class PeopleServicesOnBothStoresTest {
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void profilesAndResetLinksWork(String kind) throws Exception {
        try (TestStore store = TestStore.open(kind, "qise_test_people_")) {
            var jdbc = store.db().jdbc();
            var audit = new AuditLog(jdbc);
            var users = new UserService(jdbc, new Passwords(4), audit, new InviteService(jdbc));
            User ann = users.createUser(new UserService.Registration("ann@example.org", TestPortal.PASSWORD, "Ann", "QISE", "CH"), Role.FELLOW, null);
            User admin = users.createUser(new UserService.Registration("root@example.org", TestPortal.PASSWORD, "Root", "QISE", "CH"), Role.ADMIN, null);
            var profiles = new ProfileService(jdbc, audit);
            profiles.update(ann, ann.id(), new ProfileService.Draft(null, null, "Ireland", "0000000218250097", "Line one\nline two"));
            var p = profiles.profile(ann.id());
            assertEquals(List.of("Ann", "QISE", "Ireland", "0000-0002-1825-0097", "Line one\nline two"),
                    List.of(p.name(), p.institution(), p.country(), p.orcid(), p.bio()));
            profiles.update(ann, ann.id(), new ProfileService.Draft(null, null, null, "", null));
            assertEquals(null, profiles.profile(ann.id()).orcid(), "a blank ORCID clears it");

            Instant t0 = Instant.parse("2030-06-01T12:00:00Z");
            var resets = new PasswordResets(jdbc, new Passwords(4), audit, Clock.fixed(t0, ZoneOffset.UTC));
            var link = resets.issue(admin, ann.id());
            assertEquals(ann.id(), resets.redeem(link.secret(), "a brand new passphrase"));
            assertEquals(404, assertThrows(PortalException.class, () -> resets.redeem(link.secret(), "a second new passphrase")).status());
            assertEquals(true, users.credentials("ann@example.org").map(c -> new Passwords(4).verify("a brand new passphrase", c.passwordHash()))
                    .orElseThrow());
            var other = resets.issue(admin, ann.id());
            var later = new PasswordResets(jdbc, new Passwords(4), audit, Clock.fixed(t0.plus(PasswordResets.LIFETIME), ZoneOffset.UTC));
            assertEquals(404, assertThrows(PortalException.class, () -> later.check(other.secret())).status(), "expired at its end");
        }
    }
}
