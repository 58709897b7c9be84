package org.qise.portal.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.qise.portal.Browser;
import org.qise.portal.PortalException;
import org.qise.portal.TestPortal;
import org.qise.portal.auth.Secrets;
import org.qise.portal.mail.Mail;
import org.qise.portal.mail.MailSettings;
import org.qise.portal.mail.Outbox;

/**
 * A portal with SMTP configured, against GreenMail (an SMTP server in this process): the mails it
 * sends are read back, their links followed as a person would, and the outcome checked. Password
 * resets are mailed and still shown to the admin; an email change happens only through the link
 * mailed to the new address, once, before it expires.
 */
class MailFlowsTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("portal@example.org", "portal", "s3cret-pass"))
            .withPerMethodLifecycle(false);
    static final Pattern LINK = Pattern.compile("(https?://\\S+?)(/(?:reset|email/confirm)/[A-Za-z0-9_-]+)");

    static TestPortal portal;
    static User admin;
    static String adminToken;

    @BeforeAll
    static void start() {
        portal = TestPortal.start(TestPortal.config(TestPortal.tempDir()).withMail(MailSettings.of("127.0.0.1",
                String.valueOf(SMTP.getSmtp().getPort()), "none", "portal", "s3cret-pass", "QISE portal <portal@example.org>", null)));
        admin = portal.user("root@example.org", Role.ADMIN, null);
        adminToken = portal.token(admin);
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void anAdminsResetLinkIsMailedToThePersonWhoSetsAPasswordWithIt() throws Exception {
        User carol = portal.user("carol@example.org", Role.FELLOW, null);
        var made = portal.json("POST", "/api/v1/users/" + carol.id() + "/password-reset", adminToken, Map.of());
        assertStatus(201, made);
        assertTrue(parse(made).get("mailed").asBoolean(), made.body());
        String path = parse(made).get("path").asText();

        MimeMessage mail = onlyMailTo("carol@example.org");
        assertEquals("Your password-reset link for the QISE exchange portal", mail.getSubject());
        String text = text(mail);
        assertTrue(text.startsWith("Hello Name of carol@example.org,"), text);
        assertEquals(portal.base + path, link(text), "the mailed link is the one the admin sees, on this portal");

        Browser b = new Browser(portal);
        String mailed = link(text).substring(portal.base.length());
        assertStatus(200, b.get(mailed));
        var done = b.submit(mailed, mailed, Map.of("password", "a mailed new passphrase", "repeat", "a mailed new passphrase"));
        assertEquals("/login?reset=done", done.headers().firstValue("Location").orElseThrow());
        assertEquals(303, new Browser(portal).login("carol@example.org", "a mailed new passphrase").statusCode());
        assertStatus(404, b.get(mailed));
    }

    @Test
    void theAdminsResetPageSaysTheLinkWasMailedAndStillShowsIt() throws Exception {
        User dan = portal.user("dan@example.org", Role.FELLOW, null);
        Browser b = new Browser(portal);
        b.login("root@example.org", TestPortal.PASSWORD);
        var made = b.submit("/admin/users", "/admin/users/" + dan.id() + "/reset-link", Map.of());
        assertStatus(303, made);
        var page = b.get(made.headers().firstValue("Location").orElseThrow());
        assertStatus(200, page);
        assertTrue(page.body().contains("The link was mailed to Name of dan@example.org's address."), page.body());
        String mailedLink = link(text(onlyMailTo("dan@example.org")));
        assertTrue(page.body().contains("value=\"" + mailedLink + "\""), "the admin sees the same link: " + page.body());
    }

    @Test
    void anEmailChangeHappensOnlyThroughTheLinkMailedToTheNewAddress() throws Exception {
        User erin = portal.user("erin@example.org", Role.FELLOW, null);
        Browser b = new Browser(portal);
        b.login("erin@example.org", TestPortal.PASSWORD);
        var form = b.get("/account/email");
        assertStatus(200, form);
        assertTrue(form.body().contains("name=\"email\"") && form.body().contains("Your address is erin@example.org."), form.body());

        var wrong = b.submit("/account/email", "/account/email", Map.of("email", "erin@new.example.org", "password", "not my password"));
        assertStatus(400, wrong);
        assertTrue(wrong.body().contains("the current password is wrong") && wrong.body().contains("value=\"erin@new.example.org\""), wrong.body());
        assertEquals(0, mailsTo("erin@new.example.org").size(), "nothing mailed for a refused request");

        var asked = b.submit("/account/email", "/account/email", Map.of("email", " Erin@New.Example.org ", "password", TestPortal.PASSWORD));
        assertEquals(303, asked.statusCode(), "post/redirect/get: " + asked.body());
        String sentPage = asked.headers().firstValue("Location").orElseThrow();
        assertEquals("/account/email?sent=1", sentPage);
        String shown = b.get(sentPage).body();
        assertTrue(shown.contains("A confirmation link went to erin@new.example.org."), shown);
        assertTrue(shown.contains("Waiting for confirmation: erin@new.example.org"), shown);

        MimeMessage confirm = onlyMailTo("erin@new.example.org");
        assertEquals("Confirm your new address for the QISE exchange portal", confirm.getSubject());
        String link = link(text(confirm));
        assertTrue(link.startsWith(portal.base + "/email/confirm/qm_"), link);
        MimeMessage notice = onlyMailTo("erin@example.org");
        assertEquals("Your address on the QISE exchange portal is about to change", notice.getSubject());
        assertTrue(text(notice).contains("from erin@example.org to erin@new.example.org"), text(notice));
        assertFalse(LINK.matcher(text(notice)).find(), "the old mailbox gets no link");
        String stored = portal.server.services().database().jdbc().queryOne(
                "SELECT token_hash FROM email_changes WHERE user_id = ? AND used_at IS NULL", rs -> rs.getString(1), erin.id()).orElseThrow();
        String secret = link.substring(link.lastIndexOf('/') + 1);
        assertEquals(Secrets.sha256(secret), stored, "only the link's hash is stored");

        assertEquals(303, new Browser(portal).login("erin@example.org", TestPortal.PASSWORD).statusCode(), "unchanged until confirmed");
        assertNotEquals(303, new Browser(portal).login("erin@new.example.org", TestPortal.PASSWORD).statusCode());

        // The person opens the link from their mailbox, in a browser that is not signed in.
        Browser mailbox = new Browser(portal);
        String path = link.substring(portal.base.length());
        var opened = mailbox.get(path);
        assertStatus(200, opened);
        assertTrue(opened.body().contains("from erin@example.org to <strong>erin@new.example.org</strong>"), opened.body());
        assertEquals("no-referrer", opened.headers().firstValue("Referrer-Policy").orElseThrow());
        assertEquals(303, new Browser(portal).login("erin@example.org", TestPortal.PASSWORD).statusCode(), "opening the link changes nothing");
        var used = mailbox.submit(path, path, Map.of());
        assertEquals(303, used.statusCode(), used.body());
        assertEquals("/account/email?changed=1", used.headers().firstValue("Location").orElseThrow());

        assertEquals(303, new Browser(portal).login("erin@new.example.org", TestPortal.PASSWORD).statusCode(), "the new address signs in");
        assertNotEquals(303, new Browser(portal).login("erin@example.org", TestPortal.PASSWORD).statusCode(), "the old one no longer");
        assertTrue(b.get("/account/email?changed=1").body().contains("Your email address is now erin@new.example.org."));

        var again = mailbox.get(path);
        assertStatus(404, again);
        assertTrue(again.body().contains("this confirmation link is unknown, used or expired"), again.body());
        assertStatus(404, new Browser(portal).submit("/login", path, Map.of()));
    }

    @Test
    void theApiChecksTheRequestAndANewerRequestSpendsTheOlderLink() throws Exception {
        User fay = portal.user("fay@example.org", Role.FELLOW, null);
        portal.user("taken@example.org", Role.FELLOW, null);
        String token = portal.token(fay);
        record Case(Map<String, String> body, int status, String message) {}
        for (Case c : List.of(
                new Case(Map.of("email", "not an address", "password", TestPortal.PASSWORD), 400, "'not an address' is not a valid email address"),
                new Case(Map.of("email", "fay@example.org", "password", TestPortal.PASSWORD), 400, "fay@example.org is already your address"),
                new Case(Map.of("email", "fay@elsewhere.example.org", "password", "wrong"), 400, "the current password is wrong"),
                new Case(Map.of("email", "fay@elsewhere.example.org"), 400, "the current password is wrong"),
                new Case(Map.of("email", "TAKEN@example.org", "password", TestPortal.PASSWORD), 409, "another account uses taken@example.org"))) {
            var r = portal.json("POST", "/api/v1/me/email", token, c.body());
            assertStatus(c.status(), r);
            assertEquals(c.message(), parse(r).get("error").asText(), c.toString());
        }
        assertEquals(0, mailsTo("fay@elsewhere.example.org").size() + mailsTo("taken@example.org").size());

        var first = portal.json("POST", "/api/v1/me/email", token, Map.of("email", "fay@one.example.org", "password", TestPortal.PASSWORD));
        assertStatus(202, first);
        assertEquals("fay@one.example.org", parse(first).get("pendingEmail").asText());
        assertTrue(Instant.parse(parse(first).get("expiresAt").asText()).isAfter(Instant.now().plus(EmailChanges.LIFETIME).minusSeconds(600)));
        var second = portal.json("POST", "/api/v1/me/email", token, Map.of("email", "fay@two.example.org", "password", TestPortal.PASSWORD));
        assertStatus(202, second);
        String firstPath = link(text(onlyMailTo("fay@one.example.org"))).substring(portal.base.length());
        String secondPath = link(text(onlyMailTo("fay@two.example.org"))).substring(portal.base.length());
        assertStatus(404, new Browser(portal).get(firstPath));
        Browser b = new Browser(portal);
        assertEquals(303, b.submit(secondPath, secondPath, Map.of()).statusCode());
        assertEquals("fay@two.example.org", portal.server.services().users().find(fay.id()).orElseThrow().email());
    }

    @Test
    void anExpiredOrMadeUpLinkIsRefusedClearly() {
        User gil = portal.user("gil@example.org", Role.FELLOW, null);
        var services = portal.server.services();
        List<Mail> sent = new ArrayList<>();
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        Outbox captured = Outbox.of(sent::add, "https://qise.example.org");
        var early = new EmailChanges(services.database().jdbc(), services.auth(), captured, services.audit(), Clock.fixed(t0, ZoneOffset.UTC));
        early.request(gil, "gil@later.example.org", TestPortal.PASSWORD, "test", s -> "https://qise.example.org/email/confirm/" + s);
        String secret = link(sent.getFirst().text()).replaceAll(".*/", "");
        var late = new EmailChanges(services.database().jdbc(), services.auth(), captured, services.audit(),
                Clock.fixed(t0.plus(EmailChanges.LIFETIME), ZoneOffset.UTC));
        var expired = assertThrows(PortalException.class, () -> late.confirm(secret));
        assertEquals(404, expired.status());
        assertEquals("this confirmation link is unknown, used or expired; ask for a new one on your account's email page", expired.getMessage());
        assertEquals(gil.email(), services.users().find(gil.id()).orElseThrow().email());
        assertEquals("gil@later.example.org", early.confirm(secret).newEmail(), "before its end the same link works");

        var madeUp = new Browser(portal).get("/email/confirm/qm_" + "A".repeat(43));
        assertStatus(404, madeUp);
        assertTrue(madeUp.body().contains("this confirmation link is unknown, used or expired"), madeUp.body());
    }

    @Test
    void anAccountMayAskForFiveChangesADaySinceEachMailsAnAddressItChooses() {
        User ivy = portal.user("ivy@example.org", Role.FELLOW, null);
        var services = portal.server.services();
        List<Mail> sent = new ArrayList<>();
        Outbox captured = Outbox.of(sent::add, null);
        Instant t0 = Instant.parse("2031-03-01T08:00:00Z");
        for (int i = 0; i < EmailChanges.MAX_REQUESTS; i++) {
            var at = new EmailChanges(services.database().jdbc(), services.auth(), captured, services.audit(),
                    Clock.fixed(t0.plusSeconds(60L * i), ZoneOffset.UTC));
            at.request(ivy, "ivy" + i + "@example.net", TestPortal.PASSWORD, "test", s -> "http://x/email/confirm/" + s);
        }
        assertEquals(2 * EmailChanges.MAX_REQUESTS, sent.size(), "a link and a notice each");
        var sixth = new EmailChanges(services.database().jdbc(), services.auth(), captured, services.audit(),
                Clock.fixed(t0.plusSeconds(3600), ZoneOffset.UTC));
        var refused = assertThrows(PortalException.class,
                () -> sixth.request(ivy, "ivy5@example.net", TestPortal.PASSWORD, "test", s -> "http://x/email/confirm/" + s));
        assertEquals(429, refused.status());
        assertEquals(23 * 3600L + 1, refused.retryAfterSeconds(), "until the first request is a day old");
        assertEquals("at most 5 email-change requests a day (each sends mail); try again in 24 h", refused.getMessage());
        assertEquals(2 * EmailChanges.MAX_REQUESTS, sent.size(), "nothing sent for the refused one");
        var nextDay = new EmailChanges(services.database().jdbc(), services.auth(), captured, services.audit(),
                Clock.fixed(t0.plus(EmailChanges.LIFETIME).plusSeconds(1), ZoneOffset.UTC));
        assertEquals("ivy5@example.net", nextDay.request(ivy, "ivy5@example.net", TestPortal.PASSWORD, "test", s -> "http://x/" + s).newEmail());
    }

    @Test
    void aMailServerThatCannotBeReachedLeavesTheAddressAndSaysSo() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (TestPortal down = TestPortal.start(TestPortal.config(TestPortal.tempDir()).withMail(MailSettings.of("127.0.0.1",
                String.valueOf(closed), "none", null, null, "portal@example.org", null)))) {
            User hal = down.user("hal@example.org", Role.FELLOW, null);
            User root = down.user("root@example.org", Role.ADMIN, null);
            var r = down.json("POST", "/api/v1/me/email", down.token(hal), Map.of("email", "hal@new.example.org", "password", TestPortal.PASSWORD));
            assertStatus(502, r);
            assertTrue(parse(r).get("error").asText().startsWith("the confirmation mail could not be sent, so your address stays hal@example.org"),
                    r.body());
            assertEquals(0L, down.server.services().database().jdbc().count(
                    "SELECT COUNT(*) FROM email_changes WHERE user_id = ? AND used_at IS NULL", hal.id()), "no usable link left behind");
            var reset = down.json("POST", "/api/v1/users/" + hal.id() + "/password-reset", down.token(root), Map.of());
            assertStatus(201, reset);
            assertFalse(parse(reset).get("mailed").asBoolean());
            assertTrue(parse(reset).get("mailError").asText().startsWith("the mail server 127.0.0.1:" + closed + " did not take the mail"), reset.body());
            assertStatus(200, new Browser(down).get(parse(reset).get("path").asText()));
        }
    }

    private static String link(String text) {
        Matcher m = LINK.matcher(text);
        if (!m.find()) throw new AssertionError("no link in the mail:\n" + text);
        return m.group(1) + m.group(2);
    }

    private static String text(MimeMessage m) throws Exception {
        return ((String) m.getContent()).replace("\r\n", "\n");
    }

    private static MimeMessage onlyMailTo(String address) throws Exception {
        long until = System.nanoTime() + 10_000_000_000L;
        List<MimeMessage> found = mailsTo(address);
        while (found.isEmpty() && System.nanoTime() < until) {
            SMTP.waitForIncomingEmail(500, SMTP.getReceivedMessages().length + 1);
            found = mailsTo(address);
        }
        assertEquals(1, found.size(), "mails to " + address);
        return found.getFirst();
    }

    private static List<MimeMessage> mailsTo(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            var to = m.getRecipients(Message.RecipientType.TO);
            if (to != null && to.length == 1 && to[0].toString().equals(address)) out.add(m);
        }
        return out;
    }
}
