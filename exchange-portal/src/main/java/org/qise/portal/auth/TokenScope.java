package org.qise.portal.auth;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.qise.portal.PortalException;

/**
 * What an API token may do: {@code read} (GET anything the account may see), {@code write}
 * (create, edit and delete circuits, comments, invites, tokens, workshops) and {@code run}
 * (start, cancel and reproduce runs, push results, submit workshop answers — anything that
 * makes the server simulate). A token for a script that only downloads results needs read
 * alone; a leaked one then cannot change or run anything.
 */
public enum TokenScope {
    READ, WRITE, RUN;

    /** Paths under /api/v1 whose POSTs make the server simulate. */
    private static final List<String> RUN_PATHS = List.of("/runs", "/results", "/reproduce", "/cancel", "/submissions");

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope a request needs: read for GET and HEAD, run for what simulates, write for every other change. */
    public static TokenScope required(String method, String path) {
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) return READ;
        if (method.equals("POST") && RUN_PATHS.stream().anyMatch(path::endsWith)) return RUN;
        return WRITE;
    }

    /** "read,write" → {READ, WRITE}; null or blank means all scopes; 400 for an unknown name. */
    public static Set<TokenScope> parse(String text) {
        if (text == null || text.isBlank()) return EnumSet.allOf(TokenScope.class);
        Set<TokenScope> out = EnumSet.noneOf(TokenScope.class);
        for (String part : text.split("[,\\s]+")) {
            if (part.isBlank()) continue;
            out.add(named(part));
        }
        if (out.isEmpty()) return EnumSet.allOf(TokenScope.class);
        return out;
    }

    public static TokenScope named(String part) {
        for (TokenScope s : values()) if (s.label().equals(part.strip().toLowerCase(Locale.ROOT))) return s;
        throw PortalException.badRequest("unknown token scope '" + part.strip() + "'; the scopes are read, write and run");
    }

    /** The stored form: labels in a fixed order, comma-separated. */
    public static String format(Set<TokenScope> scopes) {
        return scopes.stream().sorted().map(TokenScope::label).collect(Collectors.joining(","));
    }
}
