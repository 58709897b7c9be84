package org.qise.portal.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SMTP client against GreenMail, an SMTP server in this process: what arrives (sender,
 * recipient, UTF-8 subject and text, date), logging in, and the failures a portal operator must
 * be able to read (wrong password, no server, no STARTTLS where it is required).
 */
class SmtpMailerTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("portal@example.org", "portal", "s3cret-pass"))
            .withPerMethodLifecycle(false);

    static final Clock CLOCK = Clock.fixed(Instant.parse("2030-05-04T03:02:01Z"), ZoneOffset.UTC);

    private static MailSettings settings(String security, String user, String password) {
        return MailSettings.of("127.0.0.1", String.valueOf(SMTP.getSmtp().getPort()), security, user, password,
                "QISE portal <portal@example.org>", null);
    }

    @Test
    void aMailArrivesWithItsSenderRecipientUtf8SubjectAndText() throws Exception {
        new SmtpMailer(settings("none", "portal", "s3cret-pass"), CLOCK)
                .send(new Mail("zoe@example.org", "Grüße from the portal – ψ", "Line one: café\nLine two: |0⟩ + |1⟩"));
        assertTrue(SMTP.waitForIncomingEmail(5_000, 1));
        MimeMessage m = received("zoe@example.org");
        assertArrayEquals(new InternetAddress[] {new InternetAddress("portal@example.org", "QISE portal")}, m.getFrom());
        assertEquals("Grüße from the portal – ψ", m.getSubject());
        assertEquals("Line one: café\nLine two: |0⟩ + |1⟩", ((String) m.getContent()).replace("\r\n", "\n"));
        assertTrue(m.getContentType().toLowerCase(java.util.Locale.ROOT).contains("charset=utf-8"), m.getContentType());
        assertEquals(Instant.parse("2030-05-04T03:02:01Z"), m.getSentDate().toInstant());
    }

    @Test
    void aWrongPasswordIsReportedWithTheServer() {
        var e = assertThrows(MailFailure.class, () -> new SmtpMailer(settings("none", "portal", "wrong"), CLOCK)
                .send(new Mail("someone@example.org", "s", "t")));
        assertTrue(e.getMessage().startsWith("the mail server 127.0.0.1:" + SMTP.getSmtp().getPort() + " did not take the mail to someone@example.org: "),
                e.getMessage());
        assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("authentication"), e.getMessage());
    }

    @Test
    void aServerWithoutStartTlsIsNeverUsedInPlainText() {
        // GreenMail's plain SMTP offers no STARTTLS: with starttls required, nothing may be sent.
        int before = SMTP.getReceivedMessages().length;
        var e = assertThrows(MailFailure.class, () -> new SmtpMailer(settings("starttls", "portal", "s3cret-pass"), CLOCK)
                .send(new Mail("plain@example.org", "s", "t")));
        assertTrue(e.getMessage().contains("STARTTLS"), e.getMessage());
        assertEquals(before, SMTP.getReceivedMessages().length);
    }

    @Test
    void noServerListeningIsReportedWithTheAddress() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        MailSettings nowhere = MailSettings.of("127.0.0.1", String.valueOf(closed), "none", null, null, "portal@example.org", null);
        var e = assertThrows(MailFailure.class, () -> new SmtpMailer(nowhere, CLOCK).send(new Mail("x@example.org", "s", "t")));
        assertTrue(e.getMessage().startsWith("the mail server 127.0.0.1:" + closed + " did not take the mail to x@example.org: "), e.getMessage());
        assertTrue(e.getMessage().contains("Connection refused") || e.getMessage().contains("connect"), e.getMessage());
    }

    private static MimeMessage received(String to) throws Exception {
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            if (m.getRecipients(Message.RecipientType.TO)[0].toString().equals(new InternetAddress(to).toString())) return m;
        }
        throw new AssertionError("no mail to " + to);
    }
}
