package org.qise.portal.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SMTP settings from the raw option values: defaults, the Jakarta Mail properties they become, and every refusal naming its option. */
class MailSettingsTest {

    @Test
    void noHostAndNothingElseMeansNoMail() {
        assertNull(MailSettings.of(null, null, null, null, null, null, null));
        assertNull(MailSettings.of(" ", "", null, "", null, null, "https://qise.example.org"), "a public URL alone sends nothing");
    }

    @ParameterizedTest(name = "security {0} without a port uses {1}")
    @CsvSource({"'', 587, STARTTLS", "starttls, 587, STARTTLS", "SSL, 465, SSL", "none, 25, NONE"})
    void theDefaultPortFollowsTheSecurity(String security, int port, MailSettings.Security expected) {
        MailSettings s = MailSettings.of("smtp.example.org", null, security, null, null, "portal@example.org", null);
        assertEquals(port, s.port());
        assertEquals(expected, s.security());
    }

    @Test
    void startTlsIsRequiredNotMerelyTried() {
        Properties p = MailSettings.of("smtp.example.org", "2525", null, "portal", "pw", "QISE <portal@example.org>", null).sessionProperties();
        assertEquals("smtp.example.org", p.getProperty("mail.smtp.host"));
        assertEquals("2525", p.getProperty("mail.smtp.port"));
        assertEquals("true", p.getProperty("mail.smtp.starttls.enable"));
        assertEquals("true", p.getProperty("mail.smtp.starttls.required"));
        assertEquals("true", p.getProperty("mail.smtp.ssl.checkserveridentity"));
        assertEquals("true", p.getProperty("mail.smtp.auth"));
        assertEquals("10000", p.getProperty("mail.smtp.connectiontimeout"));
        assertEquals("10000", p.getProperty("mail.smtp.timeout"));
        assertEquals("10000", p.getProperty("mail.smtp.writetimeout"));
    }

    @Test
    void sslMeansImplicitTlsAndNoneMeansNeither() {
        Properties ssl = MailSettings.of("smtp.example.org", null, "ssl", null, null, "portal@example.org", null).sessionProperties();
        assertEquals("true", ssl.getProperty("mail.smtp.ssl.enable"));
        assertNull(ssl.getProperty("mail.smtp.starttls.enable"));
        assertEquals("false", ssl.getProperty("mail.smtp.auth"));
        Properties none = MailSettings.of("localhost", "1025", "none", null, null, "portal@example.org", null).sessionProperties();
        assertNull(none.getProperty("mail.smtp.ssl.enable"));
        assertNull(none.getProperty("mail.smtp.starttls.enable"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a sender without a host          |       |      |          |        |        | portal@example.org | no SMTP host: set --smtp-host (QISE_SMTP_HOST)",
            "a port without a host            |       | 587  |          |        |        |                    | no SMTP host",
            "no sender                        | smtp  |      |          |        |        |                    | --smtp-from (QISE_SMTP_FROM) is required",
            "a sender that is no address      | smtp  |      |          |        |        | portal at example  | --smtp-from (QISE_SMTP_FROM) 'portal at example' is not a mail address",
            "a port that is no number         | smtp  | smtp |          |        |        | portal@example.org | --smtp-port (QISE_SMTP_PORT) must be a port number 1-65535, not 'smtp'",
            "a port out of range              | smtp  | 70000|          |        |        | portal@example.org | --smtp-port (QISE_SMTP_PORT) must be a port number",
            "an unknown security              | smtp  |      | tls1.3   |        |        | portal@example.org | --smtp-security (QISE_SMTP_SECURITY) must be starttls, ssl or none, not 'tls1.3'",
            "a user without a password        | smtp  |      |          | portal |        | portal@example.org | --smtp-user (QISE_SMTP_USER) is set but QISE_SMTP_PASSWORD is not",
            "a password without a user        | smtp  |      |          |        | secret | portal@example.org | QISE_SMTP_PASSWORD is set but --smtp-user (QISE_SMTP_USER) is not",
    })
    void badSettingsAreRefusedNamingTheOption(String what, String host, String port, String security, String user, String password,
                                              String from, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> MailSettings.of(host, port, security, user, password, from, null));
        assertTrue(e.getMessage().contains(message), what + ": " + e.getMessage());
    }

    @ParameterizedTest(name = "public URL {0}")
    @CsvSource({"ftp://qise.example.org", "qise.example.org", "https://qise.example.org/?next=1", "'https:// bad host'"})
    void aPublicUrlMustBeAnHttpAddress(String url) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> MailSettings.of("smtp", null, null, null, null, "portal@example.org", url));
        assertTrue(e.getMessage().startsWith("--public-url (QISE_PUBLIC_URL) must be an http or https address"), e.getMessage());
    }

    @Test
    void aPublicUrlLosesItsTrailingSlashAndThePasswordIsNeverPrinted() {
        MailSettings s = MailSettings.of("smtp.example.org", null, null, "portal", "hunter2-secret", "portal@example.org", "https://qise.example.org/ ");
        assertEquals("https://qise.example.org", s.publicUrl());
        assertFalse(s.toString().contains("hunter2-secret"), s.toString());
        assertFalse(s.describe().contains("hunter2-secret"));
        assertEquals("smtp.example.org:587 (starttls, as portal) from portal@example.org, links to https://qise.example.org", s.describe());
    }
}
