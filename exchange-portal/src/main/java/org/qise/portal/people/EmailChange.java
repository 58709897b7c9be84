package org.qise.portal.people;

import org.qise.portal.PortalException;

/**
 * Changing one's email address. A new address must be confirmed from that mailbox before it
 * replaces the old one (else anyone at the keyboard could move an account to an address they
 * own, and password resets would follow it), and that needs mail. This portal has no SMTP
 * configuration and sends no mail, so every request is refused with 409 saying so; an admin can
 * still correct an address in the database.
 */
final class EmailChange {
    private EmailChange() {}

    static PortalException refusal() {
        return PortalException.conflict("an email change must be confirmed by mail to the new address, and this portal sends"
                + " no mail (no SMTP server is configured); ask an admin to change your address");
    }
}
