package org.qise.portal.people;

import java.util.Locale;
import org.qise.portal.PortalException;

/** What a person may do: admins run the portal, instructors invite and guide, fellows share. */
public enum Role {
    ADMIN, INSTRUCTOR, FELLOW;

    public String label() { return name().toLowerCase(Locale.ROOT); }

    /** Parses "admin", "instructor" or "fellow" (any case). */
    public static Role parse(String text) {
        if (text != null) {
            for (Role r : values()) {
                if (r.name().equalsIgnoreCase(text.strip())) return r;
            }
        }
        throw PortalException.badRequest("role must be admin, instructor or fellow, got '" + text + "'");
    }
}
