package org.qise.portal.web;

import org.qise.portal.people.User;

/**
 * What every page template needs: its title, the signed-in user (or null), the session's CSRF
 * token for forms (or null when no form can be posted), and an optional one-line notice.
 */
public record Page(String title, User user, String csrf, String notice) {
    public boolean signedIn() { return user != null; }

    public Page withNotice(String text) { return new Page(title, user, csrf, text); }
}
