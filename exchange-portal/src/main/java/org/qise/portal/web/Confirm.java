package org.qise.portal.web;

import io.javalin.http.Context;

/**
 * A second step before something that cannot be undone (delete, disable, cancel), which works
 * without JavaScript: the first post of the form answers a page that asks, whose button posts
 * the same form again with {@code confirm=yes}. Nothing changes until then.
 */
public final class Confirm {
    public static final String FIELD = "confirm";

    private Confirm() {}

    /**
     * True when the person has confirmed; otherwise answers the question page and returns false,
     * and the handler does nothing more.
     *
     * @param question what will happen, as a question ("Delete circuit “Bell pair”?")
     * @param consequence what it means, in a sentence
     * @param button the button's words ("Delete")
     * @param back where "keep it" leads (a path on this site)
     */
    public static boolean given(Context ctx, Templates templates, String question, String consequence, String button, String back) {
        if ("yes".equals(ctx.formParam(FIELD))) return true;
        Page page = new Page(question, WebSession.user(ctx), WebSession.csrf(ctx), null);
        ctx.status(200).html(templates.render("confirm.jte", "page", page, "action", ctx.path(), "question", question,
                "consequence", consequence, "button", button, "back", LocalPath.of(back).orElse("/")));
        return false;
    }
}
