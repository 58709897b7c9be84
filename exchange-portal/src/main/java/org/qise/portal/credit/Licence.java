package org.qise.portal.credit;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.qise.portal.PortalException;

/**
 * The licences a circuit may carry: a short list of SPDX identifiers suited to circuits and
 * their results. A short list, not all of SPDX, so that every circuit on the exchange can be
 * reused by others; a request naming anything else is refused with the list.
 *
 * @param spdx   the SPDX licence identifier (case as SPDX writes it)
 * @param name   its full name, as SPDX gives it
 * @param zenodo the identifier Zenodo's deposit API expects (SPDX, lower case)
 */
public record Licence(String spdx, String name, String zenodo) {
    public static final Licence CC_BY_4_0 = new Licence("CC-BY-4.0", "Creative Commons Attribution 4.0 International", "cc-by-4.0");

    /** Allowed licences, the default first. */
    public static final List<Licence> ALLOWED = List.of(
            CC_BY_4_0,
            new Licence("CC-BY-SA-4.0", "Creative Commons Attribution Share Alike 4.0 International", "cc-by-sa-4.0"),
            new Licence("CC0-1.0", "Creative Commons Zero v1.0 Universal", "cc0-1.0"),
            new Licence("MIT", "MIT License", "mit"),
            new Licence("Apache-2.0", "Apache License 2.0", "apache-2.0"),
            new Licence("BSD-3-Clause", "BSD 3-Clause \"New\" or \"Revised\" License", "bsd-3-clause"));

    public static final Licence DEFAULT = CC_BY_4_0;

    /** The licence's page on spdx.org: what RO-Crate and Zenodo use as its identifier. */
    public String url() {
        return "https://spdx.org/licenses/" + spdx;
    }

    /** The licence with this SPDX identifier (SPDX ids match case-insensitively). */
    public static Optional<Licence> find(String spdx) {
        if (spdx == null) return Optional.empty();
        String wanted = spdx.strip().toLowerCase(Locale.ROOT);
        return ALLOWED.stream().filter(l -> l.spdx.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    /**
     * The licence a request names in {@code field}; null or blank means the default. Anything
     * not on the list is 422 naming the field, the value and what is allowed.
     */
    public static Licence parse(String spdx, String field) {
        if (spdx == null || spdx.isBlank()) return DEFAULT;
        return find(spdx).orElseThrow(() -> new PortalException(422, field + ": '" + clip(spdx.strip())
                + "' is not a licence this exchange offers; choose one of " + String.join(", ", ALLOWED.stream().map(Licence::spdx).toList())));
    }

    /** The stored value as a licence; an unknown stored id (edited by hand) is shown as the default rather than failing a page. */
    static Licence stored(String spdx) {
        return find(spdx).orElse(DEFAULT);
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
