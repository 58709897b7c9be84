package org.qise.portal.search;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import org.qise.portal.PortalException;
import org.qise.portal.circuits.Page;
import org.qise.portal.people.User;
import org.qise.portal.web.Forms;
import org.qise.portal.web.Templates;
import org.qise.portal.web.WebSession;

/**
 * The search pages: {@code /search} (the same parameters and cursor as {@code GET /api/v1/search}),
 * {@code /tags} and a page per tag, {@code /tags/{tag}}. With no words and no filters, the page
 * also shows the "most reproduced" and "recently verified" lists and the tags in use.
 */
public final class SearchPages {
    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9+._-]{0,39}");

    private final Templates templates;
    private final SearchService search;

    public SearchPages(Templates templates, SearchService search) {
        this.templates = templates;
        this.search = search;
    }

    public void register(RoutesConfig routes) {
        routes.get("/search", ctx -> show(ctx, "Find circuits", "/search", SearchQuery.of(ctx::queryParam), false));
        routes.get("/tags", ctx -> show(ctx, "Tags", "/search", SearchQuery.text(null), false));
        routes.get("/tags/{tag}", ctx -> {
            String tag = ctx.pathParam("tag");
            if (!TAG.matcher(tag).matches()) throw PortalException.notFound("tag '" + tag + "'");
            SearchQuery asked = SearchQuery.of(ctx::queryParam);
            SearchQuery query = new SearchQuery(asked.words(), tag, asked.author(), asked.cohort(), asked.minQubits(),
                    asked.maxQubits(), asked.hasRuns(), asked.verified(), asked.sort());
            show(ctx, "Circuits tagged " + tag, "/tags/" + tag, query, true);
        });
    }

    private void show(Context ctx, String heading, String action, SearchQuery query, boolean tagFixed) {
        User viewer = WebSession.user(ctx);
        Integer limit = Forms.optionalInt(ctx.queryParam("limit"), "limit");
        var found = search.search(viewer, query, ctx.queryParam("cursor"), limit == null ? Page.DEFAULT_LIMIT : limit);
        String next = found.next() == null ? null : Forms.nextUrl(ctx, found.next());
        boolean browsing = !tagFixed && isOpen(query) && ctx.queryParam("cursor") == null;
        boolean tagsPage = ctx.path().equals("/tags");
        ctx.html(templates.render("search.jte",
                "page", new org.qise.portal.web.Page(heading, viewer, WebSession.csrf(ctx), null),
                "heading", heading, "action", action, "query", query, "tagFixed", tagFixed,
                "showResults", !tagsPage, "hits", found.items(), "next", next,
                "reproduced", browsing && !tagsPage ? search.mostReproduced(viewer, SearchApi.LIST_LIMIT) : List.of(),
                "verified", browsing && !tagsPage ? search.recentlyVerified(viewer, SearchApi.LIST_LIMIT) : List.of(),
                "tags", browsing ? search.tags(viewer) : List.of()));
    }

    /** No words and no filters: the visitor is browsing, so the lists are worth showing. */
    private static boolean isOpen(SearchQuery q) {
        return !q.hasWords() && q.tag() == null && q.author() == null && q.cohort() == null && q.minQubits() == null
                && q.maxQubits() == null && !q.hasRuns() && !q.verified();
    }
}
