package org.qise.portal.runs;

import java.util.Locale;

/** Where a result came from. */
public enum Origin {
    /** Run on this portal at someone's request. */
    SERVER,
    /** Produced elsewhere (e.g. {@code qise run}) and pushed here; checked by a reproduction. */
    PUSHED,
    /** Run on this portal to check another run's result. */
    REPRODUCTION;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
