package org.qise.portal.circuits;

import java.util.Locale;
import org.qise.portal.PortalException;

/** Who may see a circuit: its owner only, the owner's cohort, or everyone signed in or not. */
public enum Visibility {
    PRIVATE, COHORT, PUBLIC;

    public String label() { return name().toLowerCase(Locale.ROOT); }

    public static Visibility parse(String text) {
        if (text != null) {
            for (Visibility v : values()) {
                if (v.name().equalsIgnoreCase(text.strip())) return v;
            }
        }
        throw PortalException.badRequest("visibility must be private, cohort or public, got '" + text + "'");
    }
}
