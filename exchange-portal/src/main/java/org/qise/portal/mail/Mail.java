package org.qise.portal.mail;

/** One plain-text message to one recipient. */
public record Mail(String to, String subject, String text) {
    public Mail {
        if (to == null || to.isBlank()) throw new IllegalArgumentException("a mail needs a recipient");
        if (subject == null || text == null) throw new IllegalArgumentException("a mail needs a subject and a text");
    }
}
