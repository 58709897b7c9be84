package org.qise.portal.mail;

/** Hands a message to a mail server; returns once the server has accepted it. */
@FunctionalInterface
public interface Mailer {
    /** Sends the message, or throws {@link MailFailure} saying why it was not accepted. */
    void send(Mail mail);
}
