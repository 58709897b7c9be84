package org.qise.portal.mail;

/** A message the SMTP server did not accept, or a server that could not be reached; the message says which. */
public final class MailFailure extends RuntimeException {
    public MailFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
