package org.qise.portal.mail;

/**
 * The portal's one way to send mail, and whether it can at all. Features that need mail (an
 * email change) ask {@link #enabled()} and refuse without it; features that merely also mail (a
 * password-reset link, which the admin sees anyway) send only when enabled.
 */
public final class Outbox {
    private static final Outbox NONE = new Outbox(null, null);

    private final Mailer mailer;
    private final String publicUrl;

    private Outbox(Mailer mailer, String publicUrl) {
        this.mailer = mailer;
        this.publicUrl = publicUrl;
    }

    /** No SMTP server: nothing is ever sent. */
    public static Outbox none() {
        return NONE;
    }

    /** Mail through {@code mailer}; links in mails start with {@code publicUrl}, or with the request's address when null. */
    public static Outbox of(Mailer mailer, String publicUrl) {
        if (mailer == null) throw new IllegalArgumentException("an outbox needs a mailer; use Outbox.none() for none");
        return new Outbox(mailer, publicUrl);
    }

    /** The outbox the settings describe: {@link #none()} for null settings. */
    public static Outbox from(MailSettings settings, java.time.Clock clock) {
        return settings == null ? none() : of(new SmtpMailer(settings, clock), settings.publicUrl());
    }

    public boolean enabled() {
        return mailer != null;
    }

    /** Sends the mail; {@link MailFailure} if the server refuses it. Only when {@link #enabled()}. */
    public void send(Mail mail) {
        if (mailer == null) throw new IllegalStateException("no SMTP server is configured; check enabled() first");
        mailer.send(mail);
    }

    /**
     * The start of links in mails: the configured public address, else the address the request
     * came to (fine for a portal reached directly; behind a proxy set the public address).
     */
    public String linkBase(String requestBase) {
        return publicUrl != null ? publicUrl : requestBase;
    }
}
