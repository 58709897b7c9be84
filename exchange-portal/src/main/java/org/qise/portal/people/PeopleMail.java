package org.qise.portal.people;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.qise.portal.mail.Mail;

/** The texts of the mails about people's accounts: plain text, short, saying what to do if unexpected. */
final class PeopleMail {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private PeopleMail() {}

    static Mail resetLink(String to, String name, String url, Instant expires) {
        return new Mail(to, "Your password-reset link for the QISE exchange portal", """
                Hello %s,

                an admin of the QISE exchange portal made this link for you to choose a new password:

                %s

                It works once, until %s. Setting the password signs your account out everywhere.
                If you did not expect this mail, ignore it and tell the admin.
                """.formatted(name, url, WHEN.format(expires)));
    }

    static Mail confirmNewAddress(String to, String name, String oldEmail, String url, Instant expires) {
        return new Mail(to, "Confirm your new address for the QISE exchange portal", """
                Hello %s,

                you asked to use this address, %s, for your account on the QISE exchange portal
                instead of %s. To confirm, open this link and press the button there:

                %s

                It works once, until %s. Until then your account keeps its old address.
                If you did not ask for this, ignore this mail.
                """.formatted(name, to, oldEmail, url, WHEN.format(expires)));
    }

    static Mail noticeToOldAddress(String to, String name, String newEmail, Instant expires) {
        return new Mail(to, "Your address on the QISE exchange portal is about to change", """
                Hello %s,

                someone signed in to your account on the QISE exchange portal asked to change its
                address from %s to %s. The change happens only if the link mailed to %s is used
                before %s.

                If that was you, there is nothing to do. If not, change your password now and tell an admin.
                """.formatted(name, to, newEmail, newEmail, WHEN.format(expires)));
    }
}
