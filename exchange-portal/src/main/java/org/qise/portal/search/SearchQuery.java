package org.qise.portal.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.qise.portal.PortalException;

/**
 * What a search asks for: words (matched as prefixes, all of them), filters and the order. Null
 * or blank filters mean "any". Built from request parameters by {@link #of}, which reports a bad
 * value naming the parameter.
 *
 * @param words      the free text split into words (letters and digits only), at most {@link #MAX_WORDS}
 * @param tag        circuits carrying this tag
 * @param author     owner by user id or display name (never by email: a list filtered by an
 *                   address would tell anyone whether that address is registered)
 * @param cohort     cohort name
 * @param minQubits  latest version has at least this many qubits
 * @param maxQubits  latest version has at most this many qubits
 * @param hasRuns    at least one finished (done) run
 * @param verified   at least one run whose reproduction agreed (bit-exact or statistically consistent)
 */
public record SearchQuery(List<String> words, String tag, String author, String cohort, Integer minQubits, Integer maxQubits,
                          boolean hasRuns, boolean verified, Sort sort) {
    public static final int MAX_WORDS = 8;
    public static final int MAX_WORD = 64;

    /** Result order; each is a keyset (sort key, id), so deep pages cost what the first does. */
    public enum Sort {
        /** Best match first (only with words; without them it means {@link #UPDATED}). */
        RELEVANCE,
        /** Most recently updated first. */
        UPDATED,
        /** Most recently created first. */
        CREATED;

        public String label() { return name().toLowerCase(Locale.ROOT); }

        static Sort parse(String text) {
            for (Sort s : values()) if (s.label().equals(text.strip().toLowerCase(Locale.ROOT))) return s;
            throw PortalException.badRequest("sort must be relevance, updated or created, got '" + text + "'");
        }
    }

    public SearchQuery {
        words = List.copyOf(words);
        if (sort == null || (sort == Sort.RELEVANCE && words.isEmpty())) sort = words.isEmpty() ? Sort.UPDATED : Sort.RELEVANCE;
    }

    /** Only words: everything else "any", best match first. */
    public static SearchQuery text(String q) {
        return new SearchQuery(words(q), null, null, null, null, null, false, false, null);
    }

    /** From request parameters (names as in the API); 400 naming the parameter for a bad value. */
    public static SearchQuery of(java.util.function.Function<String, String> param) {
        return new SearchQuery(words(param.apply("q")), blankToNull(param.apply("tag")), blankToNull(param.apply("author")),
                blankToNull(param.apply("cohort")), count(param.apply("minQubits"), "minQubits"),
                count(param.apply("maxQubits"), "maxQubits"), flag(param.apply("hasRuns"), "hasRuns"),
                flag(param.apply("verified"), "verified"), blankToNull(param.apply("sort")) == null ? null : Sort.parse(param.apply("sort")));
    }

    public boolean hasWords() { return !words.isEmpty(); }

    /** The words as typed back into the search box. */
    public String text() { return String.join(" ", words); }

    /**
     * Splits free text into lower-case words of letters and digits, the way both databases'
     * tokenizers do, so nothing a user types can reach the full-text query syntax of either.
     */
    static List<String> words(String q) {
        List<String> out = new ArrayList<>();
        if (q == null) return out;
        for (String w : q.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.isEmpty()) continue;
            if (out.size() == MAX_WORDS) throw PortalException.badRequest("q: at most " + MAX_WORDS + " words, please");
            out.add(w.length() > MAX_WORD ? w.substring(0, MAX_WORD) : w);
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Integer count(String s, String name) {
        if (s == null || s.isBlank()) return null;
        try {
            int n = Integer.parseInt(s.strip());
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw PortalException.badRequest(name + " must be a whole number ≥ 0, got '" + s + "'");
    }

    private static boolean flag(String s, String name) {
        if (s == null || s.isBlank()) return false;
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "on", "yes" -> true;
            case "false", "0", "off", "no" -> false;
            default -> throw PortalException.badRequest(name + " must be true or false, got '" + s + "'");
        };
    }
}
