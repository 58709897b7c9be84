package org.qise.portal.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.portal.PortalException;
import org.qise.portal.TestPortal;
import org.qise.portal.TestStore;
import org.qise.portal.audit.AuditLog;
import org.qise.portal.auth.AuthService;
import org.qise.portal.auth.LoginThrottle;
import org.qise.portal.auth.Passwords;
import org.qise.portal.mail.MailSettings;
import org.qise.portal.mail.Outbox;

/**
 * Migration V85 and email changes on SQLite and on PostgreSQL (the latter only with
 * QISE_TEST_POSTGRES_URL, in a schema of its own), mailed through GreenMail: the link from the
 * mail changes the address once, and not after its expiry; a reset link is mailed too.
 */
class EmailChangesOnBothStoresTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
    static final Pattern SECRET = Pattern.compile("https://qise\\.example\\.org/(?:email/confirm|reset)/([A-Za-z0-9_-]+)");

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anEmailChangeAndAResetLinkTravelByMail(String kind) throws Exception {
        try (TestStore store = TestStore.open(kind, "qise_test_mail_")) {
            var jdbc = store.db().jdbc();
            var audit = new AuditLog(jdbc);
            var passwords = new Passwords(4);
            var users = new UserService(jdbc, passwords, audit, new InviteService(jdbc));
            User ann = users.createUser(new UserService.Registration("ann@example.org", TestPortal.PASSWORD, "Ann", "QISE", "CH"), Role.FELLOW, null);
            User root = users.createUser(new UserService.Registration("root@example.org", TestPortal.PASSWORD, "Root", "QISE", "CH"), Role.ADMIN, null);
            Instant t0 = Instant.parse("2030-06-01T12:00:00Z");
            Clock clock = Clock.fixed(t0, ZoneOffset.UTC);
            var auth = new AuthService(users, passwords, new LoginThrottle(5, Duration.ofMinutes(5), clock), audit);
            Outbox outbox = Outbox.from(MailSettings.of("127.0.0.1", String.valueOf(SMTP.getSmtp().getPort()), "none", null, null,
                    "portal@example.org", "https://qise.example.org"), clock);
            String base = outbox.linkBase("http://ignored.example");
            var changes = new EmailChanges(jdbc, auth, outbox, audit, clock);

            changes.request(ann, "ann@new.example.org", TestPortal.PASSWORD, "test", s -> base + EmailChangePages.confirmPath(s));
            String secret = secretIn(lastMailTo("ann@new.example.org"));
            assertEquals(new EmailChanges.Pending("ann@new.example.org", t0.plus(EmailChanges.LIFETIME)), changes.pending(ann.id()).orElseThrow());
            var later = new EmailChanges(jdbc, auth, outbox, audit, Clock.fixed(t0.plus(EmailChanges.LIFETIME), ZoneOffset.UTC));
            assertEquals(404, assertThrows(PortalException.class, () -> later.confirm(secret)).status(), "expired at its end");
            assertEquals(new EmailChanges.Change(ann.id(), "Ann", "ann@example.org", "ann@new.example.org"), changes.confirm(secret));
            assertEquals("ann@new.example.org", users.find(ann.id()).orElseThrow().email());
            assertEquals(404, assertThrows(PortalException.class, () -> changes.confirm(secret)).status(), "used once");
            assertTrue(changes.pending(ann.id()).isEmpty());

            var resets = new PasswordResets(jdbc, passwords, audit, clock);
            var issued = resets.issue(root, ann.id());
            var mailing = PasswordResets.mail(outbox, issued, base + ProfilePages.resetPath(issued.secret()));
            assertTrue(mailing.sent(), String.valueOf(mailing.problem()));
            String resetSecret = secretIn(lastMailTo("ann@new.example.org"));
            assertEquals(ann.id(), resets.redeem(resetSecret, "a brand new passphrase"), "the reset goes to the new address and works");
        }
    }

    private static String secretIn(MimeMessage m) throws Exception {
        Matcher matcher = SECRET.matcher((String) m.getContent());
        if (!matcher.find()) throw new AssertionError("no link in:\n" + m.getContent());
        return matcher.group(1);
    }

    private static MimeMessage lastMailTo(String address) throws Exception {
        MimeMessage last = null;
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            if (m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address)) last = m;
        }
        if (last == null) throw new AssertionError("no mail to " + address);
        return last;
    }
}
