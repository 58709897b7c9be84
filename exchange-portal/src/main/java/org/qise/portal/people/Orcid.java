package org.qise.portal.people;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qise.portal.PortalException;

/**
 * ORCID iDs: sixteen characters in four groups, the last a check character computed with
 * ISO 7064 MOD 11-2 over the first fifteen digits (10 is written X). Accepted as typed, bare
 * ({@code 0000-0002-1825-0097}) or as the orcid.org URL, and always stored bare.
 */
public final class Orcid {
    private static final Pattern FORM = Pattern.compile("(?:https?://(?:www\\.)?orcid\\.org/)?(\\d{4})-?(\\d{4})-?(\\d{4})-?(\\d{3}[\\dXx])");

    private Orcid() {}

    /** The iD in its stored form; null for blank input; 400 naming the problem for anything else. */
    public static String normalise(String typed) {
        if (typed == null || typed.isBlank()) return null;
        Matcher m = FORM.matcher(typed.strip());
        if (!m.matches()) {
            throw PortalException.badRequest("orcid: '" + typed.strip() + "' is not an ORCID iD; write it as 0000-0000-0000-0000"
                    + " (the last character may be X) or as https://orcid.org/0000-0000-0000-0000");
        }
        String bare = (m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "-" + m.group(4)).toUpperCase(Locale.ROOT);
        char expected = checkCharacter(bare.replace("-", "").substring(0, 15));
        if (bare.charAt(18) != expected) {
            throw PortalException.badRequest("orcid: " + bare + " has check character " + bare.charAt(18) + " where its digits give "
                    + expected + "; a digit is probably mistyped");
        }
        return bare;
    }

    /** ISO 7064 MOD 11-2 over the base digits: the character that makes the whole iD check. */
    static char checkCharacter(String baseDigits) {
        int total = 0;
        for (int i = 0; i < baseDigits.length(); i++) {
            total = (total + (baseDigits.charAt(i) - '0')) * 2;
        }
        int result = (12 - total % 11) % 11;
        return result == 10 ? 'X' : (char) ('0' + result);
    }

    /** The iD's resolvable URL, as ORCID asks iDs to be shown. */
    public static String url(String bare) {
        return "https://orcid.org/" + bare;
    }
}
