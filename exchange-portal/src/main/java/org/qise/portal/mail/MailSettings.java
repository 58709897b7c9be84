package org.qise.portal.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Properties;

/**
 * How to reach the SMTP server that sends the portal's mail. Built from the command line
 * ({@code --smtp-host} …) or the environment ({@code QISE_SMTP_HOST} …) by {@link #of}; a portal
 * without a host sends no mail at all.
 *
 * @param host      the SMTP server
 * @param port      its port (default by security: 587 for STARTTLS, 465 for SSL, 25 for none)
 * @param security  how the connection is protected
 * @param user      SMTP login, or null to send without authenticating
 * @param password  its password (null without a user)
 * @param from      the sender address of every mail, e.g. {@code QISE <portal@example.org>}
 * @param publicUrl the portal's address as people reach it (scheme and host, no trailing slash),
 *                  for links in mails; null to use the address of the request that caused the mail
 */
public record MailSettings(String host, int port, Security security, String user, String password, String from, String publicUrl) {

    /** Transport protection. STARTTLS is required, not merely tried: a server without it is an error, never a plain-text fallback. */
    public enum Security {
        STARTTLS(587), SSL(465), NONE(25);

        final int defaultPort;

        Security(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        static Security parse(String raw) {
            try {
                return valueOf(raw.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--smtp-security (QISE_SMTP_SECURITY) must be starttls, ssl or none, not '" + raw + "'");
            }
        }
    }

    /** Seconds to wait for the server to connect, answer or take data before giving up. */
    static final int TIMEOUT_MS = 10_000;

    /**
     * Settings from the raw option values (each may be null), or null when no SMTP host is given
     * and nothing else mail-related is either. Throws IllegalArgumentException naming the option and
     * its environment variable for anything wrong or missing.
     */
    public static MailSettings of(String host, String port, String security, String user, String password, String from, String publicUrl) {
        if (blank(host)) {
            if (!blank(from) || !blank(user) || !blank(password) || !blank(port) || !blank(security)) {
                throw new IllegalArgumentException("SMTP settings are given but no SMTP host: set --smtp-host (QISE_SMTP_HOST),"
                        + " or remove the other --smtp-* options and QISE_SMTP_* variables");
            }
            return null;
        }
        Security sec = blank(security) ? Security.STARTTLS : Security.parse(security);
        int p = sec.defaultPort;
        if (!blank(port)) {
            try {
                p = Integer.parseInt(port.strip());
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (p < 1 || p > 65_535) throw new IllegalArgumentException("--smtp-port (QISE_SMTP_PORT) must be a port number 1-65535, not '" + port + "'");
        }
        if (blank(from)) throw new IllegalArgumentException("--smtp-from (QISE_SMTP_FROM) is required with an SMTP host: the sender address of the portal's mail");
        try {
            new InternetAddress(from.strip(), true).validate();
        } catch (AddressException e) {
            throw new IllegalArgumentException("--smtp-from (QISE_SMTP_FROM) '" + from + "' is not a mail address: " + e.getMessage());
        }
        if (blank(user) != blank(password)) {
            throw new IllegalArgumentException(blank(user) ? "QISE_SMTP_PASSWORD is set but --smtp-user (QISE_SMTP_USER) is not"
                    : "--smtp-user (QISE_SMTP_USER) is set but QISE_SMTP_PASSWORD is not");
        }
        return new MailSettings(host.strip(), p, sec, blank(user) ? null : user.strip(), blank(password) ? null : password,
                from.strip(), blank(publicUrl) ? null : publicUrl(publicUrl));
    }

    /** The Jakarta Mail session properties for these settings. */
    Properties sessionProperties() {
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", host);
        p.setProperty("mail.smtp.port", String.valueOf(port));
        p.setProperty("mail.smtp.connectiontimeout", String.valueOf(TIMEOUT_MS));
        p.setProperty("mail.smtp.timeout", String.valueOf(TIMEOUT_MS));
        p.setProperty("mail.smtp.writetimeout", String.valueOf(TIMEOUT_MS));
        p.setProperty("mail.smtp.auth", String.valueOf(user != null));
        switch (security) {
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case SSL -> {
                p.setProperty("mail.smtp.ssl.enable", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> { }
        }
        return p;
    }

    /** One line for the start-up banner; never the password. */
    public String describe() {
        return host + ":" + port + " (" + security.name().toLowerCase(Locale.ROOT) + (user != null ? ", as " + user : "")
                + ") from " + from + (publicUrl != null ? ", links to " + publicUrl : "");
    }

    @Override
    public String toString() {
        return "MailSettings[" + describe() + "]"; // the record's own toString would print the password
    }

    private static String publicUrl(String raw) {
        String u = raw.strip();
        while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
        try {
            URI uri = new URI(u);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("--public-url (QISE_PUBLIC_URL) must be an http or https address such as"
                + " https://qise.example.org, not '" + raw + "'");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
