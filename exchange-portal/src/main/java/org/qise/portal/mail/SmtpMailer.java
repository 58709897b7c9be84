package org.qise.portal.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;

/**
 * Sends through an SMTP server with Jakarta Mail (Eclipse Angus). One connection per message:
 * the portal sends a handful of mails a day, so a pool would only add state to go stale. Every
 * wait (connect, read, write) is bounded, so a dead server costs a request at most a few
 * {@link MailSettings#TIMEOUT_MS} rather than hanging it.
 */
public final class SmtpMailer implements Mailer {
    private final MailSettings settings;
    private final Session session;
    private final InternetAddress from;
    private final Clock clock;

    public SmtpMailer(MailSettings settings, Clock clock) {
        this.settings = settings;
        this.session = Session.getInstance(settings.sessionProperties());
        this.clock = clock;
        try {
            this.from = new InternetAddress(settings.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("the sender address '" + settings.from() + "' is not a mail address", e);
        }
    }

    @Override
    public void send(Mail mail) {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(from);
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
            m.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            m.setText(mail.text(), StandardCharsets.UTF_8.name());
            m.setSentDate(Date.from(clock.instant()));
            if (settings.user() != null) {
                Transport.send(m, settings.user(), settings.password());
            } else {
                Transport.send(m);
            }
        } catch (MessagingException e) {
            throw new MailFailure("the mail server " + settings.host() + ":" + settings.port() + " did not take the mail to "
                    + mail.to() + ": " + innermost(e), e);
        }
    }

    /** The most specific reason in a cause chain ("Connection refused", "535 authentication failed"). */
    private static String innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return t == e ? m.strip() : (e.getMessage() == null ? "" : e.getMessage().strip() + ": ") + m.strip();
    }
}
