package org.qise.portal;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.qise.portal.api.ApiRoutes;
import org.qise.portal.audit.AuditLog;
import org.qise.portal.auth.AuthService;
import org.qise.portal.auth.LoginThrottle;
import org.qise.portal.auth.Passwords;
import org.qise.portal.auth.SessionService;
import org.qise.portal.auth.TokenService;
import org.qise.portal.circuits.CircuitService;
import org.qise.portal.circuits.QasmCheck;
import org.qise.portal.db.Database;
import org.qise.portal.db.Jdbc;
import org.qise.portal.limits.RateLimiter;
import org.qise.portal.people.InviteService;
import org.qise.portal.people.UserService;
import org.qise.portal.web.AccountPages;
import org.qise.portal.web.AdminPages;
import org.qise.portal.circuits.CircuitPages;
import org.qise.portal.web.Page;
import org.qise.portal.web.Templates;
import org.qise.portal.web.WebSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running portal: the database, the services over it, and the Javalin server with the
 * web pages and the JSON API. Tests start one on port 0 and call the services directly.
 */
public final class PortalServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PortalServer.class);

    /** Pages never run inline scripts or get framed; scripts, images and styles come from this site only. */
    // script-src 'self': the scripts are /static/localtime.js (times in the reader's zone) and
    // /static/preview.js (live circuit preview, which posts the form to this site: connect-src 'self');
    // no inline script runs, and everything else the portal serves is sent with nosniff and a non-script type.
    static final String CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    /** The plain services, for tests and for seeding data. */
    public record Services(Database database, AuditLog audit, Passwords passwords, UserService users,
                           InviteService invites, AuthService auth, SessionService sessions, TokenService tokens,
                           CircuitService circuits, org.qise.portal.runs.RunService runs,
                           org.qise.portal.workshops.WorkshopService workshops) {}

    private final PortalConfig config;
    private final Services services;
    private final RateLimiter rateLimiter;
    /** Page GETs per address, checked before the session is even looked up. */
    private final RateLimiter pageLimiter;
    private final WebSession webSession;
    private final Templates templates = new Templates();
    private final ApiRoutes api;
    private final org.qise.portal.runs.RunApi runApi;
    private final org.qise.portal.workshops.WorkshopApi workshopApi;
    private final org.qise.portal.credit.CreditService credit;
    private final org.qise.portal.credit.CreditRoutes creditRoutes;
    private final org.qise.portal.export.ExportRoutes exportRoutes;
    private final org.qise.portal.search.SearchApi searchApi;
    private final org.qise.portal.search.SearchService search;
    private final org.qise.portal.people.ProfileApi profileApi;
    private final org.qise.portal.people.ProfileService profiles;
    private final org.qise.portal.people.PasswordResets resets;
    private final ScheduledExecutorService housekeeping;
    private final org.qise.portal.workshops.GradingQueue grading;
    private final String css;
    private final String localTimeJs;
    private final String previewJs;
    private Javalin app;

    private PortalServer(PortalConfig config, Database db) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        Jdbc jdbc = db.jdbc();
        AuditLog audit = new AuditLog(jdbc);
        Passwords passwords = new Passwords(config.bcryptCost());
        InviteService invites = new InviteService(jdbc);
        UserService users = new UserService(jdbc, passwords, audit, invites);
        LoginThrottle throttle = new LoginThrottle(config.freeLoginFailures(), config.maxLoginDelay(), clock);
        AuthService auth = new AuthService(users, passwords, throttle, audit);
        SessionService sessions = new SessionService(jdbc, config.sessionIdleTimeout(), config.sessionAbsoluteTimeout(), clock);
        TokenService tokens = new TokenService(jdbc, config.tokenLifetime(), clock);
        this.grading = org.qise.portal.workshops.GradingQueue.forRuns(config.runs());
        CircuitService circuits = new CircuitService(jdbc,
                new QasmCheck(config.maxQasmBytes(), config.maxQubits(), config.maxGates()), audit);
        this.services = new Services(db, audit, passwords, users, invites, auth, sessions, tokens, circuits,
                org.qise.portal.runs.RunService.open(jdbc, circuits, config.runs(), clock),
                new org.qise.portal.workshops.WorkshopService(jdbc, grading));
        circuits.backfillCanonicalHashes();
        org.qise.portal.db.PublicIds.fillMissing(jdbc); // rows copied in from before public ids (import-h2)
        this.workshopApi = new org.qise.portal.workshops.WorkshopApi(services.workshops());
        this.runApi = new org.qise.portal.runs.RunApi(services.runs());
        this.credit = new org.qise.portal.credit.CreditService(jdbc, circuits);
        this.creditRoutes = new org.qise.portal.credit.CreditRoutes(credit, templates);
        this.exportRoutes = new org.qise.portal.export.ExportRoutes(new org.qise.portal.export.ExportService(circuits, credit, services.runs()));
        this.search = new org.qise.portal.search.SearchService(jdbc);
        this.searchApi = new org.qise.portal.search.SearchApi(search);
        this.profiles = new org.qise.portal.people.ProfileService(jdbc, audit);
        this.resets = new org.qise.portal.people.PasswordResets(jdbc, passwords, audit, clock);
        this.profileApi = new org.qise.portal.people.ProfileApi(profiles, resets);
        this.rateLimiter = new RateLimiter(config.requestsPerMinute(), clock);
        this.pageLimiter = new RateLimiter(pageGetsPerMinute(config), clock);
        this.webSession = new WebSession(sessions, users, config.secureCookies());
        this.api = new ApiRoutes(auth, tokens, users, invites, circuits, credit);
        this.css = resource("/static/portal.css");
        this.localTimeJs = resource("/static/localtime.js");
        this.previewJs = resource("/static/preview.js");
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "portal-housekeeping");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens the database named by the configuration and migrates it; does not listen yet. */
    public static PortalServer create(PortalConfig config) {
        Database db = config.databaseUrl() != null
                ? Database.postgres(config.databaseUrl(), config.databaseUser(), config.databasePassword())
                : Database.sqlite(config.dataDir());
        return new PortalServer(config, db);
    }

    public Services services() { return services; }

    public PortalConfig config() { return config; }

    /** "METHOD /path" of every JSON API route (known once started). */
    public java.util.List<String> apiRoutes() { return java.util.stream.Stream.of(api.routes(), runApi.routes(), workshopApi.routes(),
            creditRoutes.apiRoutes(), exportRoutes.apiRoutes(), searchApi.routes(), profileApi.routes()).flatMap(java.util.List::stream).toList(); }

    /** Starts listening; returns the actual port. */
    public int start() {
        app = Javalin.create(this::configure);
        app.start(config.port());
        housekeeping.scheduleAtFixedRate(this::purgeSessions, 1, 60, TimeUnit.MINUTES);
        return app.port();
    }

    public int port() { return app.port(); }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        if (app != null) app.stop();
        services.runs().close();
        grading.close();
        services.database().close();
    }

    private void purgeSessions() {
        try {
            services.sessions().purgeExpired();
        } catch (RuntimeException e) {
            LOG.warn("purging expired sessions failed", e);
        }
    }

    private void configure(JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        cfg.jsonMapper(PortalJson.javalinMapper()); // ctx.json and ctx.bodyAsClass use the portal's one mapper
        org.qise.portal.limits.ServerCapacity.configure(cfg, config.port());
        cfg.http.maxRequestSize = config.maxBodyBytes();
        cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors((status, message) -> templates.render("error.jte",
                "page", new Page(title(status), null, null, null), "status", status, "message", message))));
        cfg.jetty.multipartConfig.maxFileSize(config.maxBodyBytes(), io.javalin.config.SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxTotalRequestSize(config.maxBodyBytes(), io.javalin.config.SizeUnit.BYTES);
        var routes = cfg.routes;
        routes.before(this::beforeEveryRequest);
        routes.before(this::resolvePublicIds);
        routes.after(ctx -> {
            // Javalin's html() says only "text/html"; name the charset so no browser has to guess.
            if ("text/html".equals(ctx.res().getContentType())) ctx.contentType("text/html; charset=utf-8");
        });
        routes.get("/static/portal.css", ctx -> ctx.contentType("text/css; charset=utf-8")
                .header("Cache-Control", "public, max-age=3600").result(css));
        routes.get("/static/localtime.js", ctx -> ctx.contentType("text/javascript; charset=utf-8")
                .header("Cache-Control", "public, max-age=3600").result(localTimeJs));
        routes.get("/static/preview.js", ctx -> ctx.contentType("text/javascript; charset=utf-8")
                .header("Cache-Control", "public, max-age=3600").result(previewJs));
        new org.qise.portal.health.HealthRoutes(services.database()).register(routes);
        new org.qise.portal.health.MetricsRoutes(services.database()).register(routes);
        api.register(routes);
        runApi.register(routes);
        workshopApi.register(routes);
        creditRoutes.registerApi(routes);
        exportRoutes.registerApi(routes);
        creditRoutes.registerPages(routes);
        exportRoutes.registerPages(routes);
        searchApi.register(routes);
        new org.qise.portal.search.SearchPages(templates, search).register(routes);
        profileApi.register(routes);
        new org.qise.portal.people.ProfilePages(templates, webSession, profiles, resets, search).register(routes);
        new org.qise.portal.workshops.WorkshopPages(templates, services.workshops()).register(routes);
        new org.qise.portal.runs.RunPages(templates, services.runs(), services.circuits(), credit).register(routes);
        new AccountPages(webSession, templates, services.auth(), services.users(), services.tokens()).register(routes);
        new CircuitPages(templates, services.circuits(), credit, config.maxQasmBytes()).register(routes);
        new AdminPages(templates, services.users(), services.invites(), services.audit()).register(routes);
        routes.exception(PortalException.class, (e, ctx) -> respond(ctx, e));
        routes.exception(Moved.class, PortalServer::redirectToPublicId);
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            // A chunked body over the limit is noticed while being read: drain the rest as above.
            if (e.getStatus() == 413) drainModestExcess(ctx, 0);
            respond(ctx, translate(e));
        });
        routes.exception(org.qise.portal.db.DataAccessException.class, (e, ctx) -> {
            if (!e.isBusy()) {
                LOG.error("database failure on {} {}", ctx.method(), ctx.path(), e);
                respond(ctx, new PortalException(500, "something went wrong on the server; the error has been logged"));
            } else {
                respond(ctx, PortalException.busy("the server is busy; try again in a moment", 1));
            }
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            respond(ctx, new PortalException(500, "something went wrong on the server; the error has been logged"));
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty() || ctx.result().equals("Not Found")) {
                respond(ctx, PortalException.notFound("page " + ctx.path()));
            }
        });
        routes.error(405, ctx -> respond(ctx, new PortalException(405, "method " + ctx.method() + " is not allowed on " + ctx.path())));
    }

    /**
     * Bodies up to this size are read and dropped before a 413, so that a client which sends its
     * whole body before reading (the JDK's HttpClient, Python) gets the answer. Reading to a null
     * stream costs bandwidth only; anything larger is cut off.
     */
    static final long DRAIN_LIMIT = 32L << 20;

    /**
     * A client still sending its body when the server answers 413 and closes gets a broken pipe
     * instead of the answer (the JDK's HttpClient does). For a body that is only modestly too
     * large, read it to the end first; a huge one is cut off, as it must be.
     */
    private static void drainModestExcess(Context ctx, long length) {
        if (length > DRAIN_LIMIT) return;
        try (var in = ctx.req().getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            long left = DRAIN_LIMIT;
            for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) left -= n;
        } catch (java.io.IOException | RuntimeException ignored) {
            // the client gave up; the 413 goes out as far as it can
        }
    }

    /** Security headers, size and rate limits, then the identity: API token or browser session. */
    private void beforeEveryRequest(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        long length = ctx.req().getContentLengthLong();
        if (length > config.maxBodyBytes()) {
            drainModestExcess(ctx, length);
            throw PortalException.tooLarge("the request body is " + length + " bytes; at most " + config.maxBodyBytes() + " are allowed");
        }
        boolean mutating = !ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD");
        if (isApi(ctx)) {
            api.authenticate(ctx);
            var user = ApiRoutes.user(ctx);
            rateLimiter.acquire(user != null ? "user:" + user.id() : "address:" + ctx.ip());
            return;
        }
        if (!mutating && !ctx.path().startsWith("/static/")) pageLimiter.acquire("address:" + ctx.ip());
        webSession.load(ctx);
        if (mutating) {
            var user = WebSession.user(ctx);
            rateLimiter.acquire(user != null ? "user:" + user.id() : "address:" + ctx.ip());
            WebSession.checkCsrf(ctx);
        }
    }

    /** Pages and API routes that name a circuit or a run: /circuits/{ref}…, /runs/{ref}…, and the same under /api/v1. */
    private static final java.util.regex.Pattern NAMED_ITEM = java.util.regex.Pattern.compile(
            "(?:" + java.util.regex.Pattern.quote(ApiRoutes.PREFIX) + ")?/(circuits|runs)/([^/]+)(?:/.*)?");

    /**
     * The one place where a URL's public id becomes the internal id the services use: looked up
     * only when a handler asks ({@code Forms.pathId}), so handlers that read the item by its
     * public id in their main query make no second query; an old integer id becomes a redirect.
     */
    private void resolvePublicIds(Context ctx) {
        var m = NAMED_ITEM.matcher(ctx.path());
        if (!m.matches() || m.group(2).equals("new")) return;
        var viewer = isApi(ctx) ? ApiRoutes.user(ctx) : WebSession.user(ctx);
        String ref = m.group(2);
        java.util.function.LongSupplier resolver = m.group(1).equals("runs") ? () -> services.runs().resolve(viewer, ref)
                : () -> services.circuits().resolve(viewer, ref);
        ctx.attribute(org.qise.portal.web.Forms.ID_RESOLVER, resolver);
    }

    /**
     * Links given out before public ids existed keep working: the same URL with the public id,
     * permanently (301; 308 for other methods than GET and HEAD, which keeps method and body).
     */
    private static void redirectToPublicId(Moved e, Context ctx) {
        String location = ctx.path().replaceFirst("/" + java.util.regex.Pattern.quote(e.from()) + "(?=/|$)",
                java.util.regex.Matcher.quoteReplacement("/" + e.to()));
        if (ctx.queryString() != null && !ctx.queryString().isEmpty()) location += "?" + ctx.queryString();
        String method = ctx.method().name();
        ctx.status(method.equals("GET") || method.equals("HEAD") ? 301 : 308).header("Location", location);
        if (isApi(ctx)) ApiRoutes.sendError(ctx, new PortalException(ctx.statusCode(), "moved permanently to " + location));
        else ctx.result("");
    }

    /**
     * Page GETs are cheap but not free (a run page, a diagram), so they are limited too, per
     * address and more generously than API calls and form posts: four times their budget, as
     * a class behind one address shares it.
     */
    static int pageGetsPerMinute(PortalConfig config) {
        return (int) Math.min(Integer.MAX_VALUE, 4L * config.requestsPerMinute());
    }

    private void respond(Context ctx, PortalException e) {
        if (e.retryAfterSeconds() != null) ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
        if (isApi(ctx)) {
            ApiRoutes.sendError(ctx, e);
        } else if (e.status() == 401 && ctx.method().name().equals("GET")) {
            // Remember the page, so signing in leads back to it (AccountPages checks it is ours).
            String here = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            ctx.redirect("/login?next=" + java.net.URLEncoder.encode(here, java.nio.charset.StandardCharsets.UTF_8));
        } else {
            Page page = new Page(title(e.status()), WebSession.user(ctx), WebSession.csrf(ctx), null);
            ctx.status(e.status()).html(templates.render("error.jte", "page", page, "status", e.status(), "message", e.getMessage()));
        }
    }

    private static PortalException translate(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 413 -> PortalException.tooLarge("the request body is too large");
            case 400 -> PortalException.badRequest("the request could not be read: " + e.getMessage());
            default -> new PortalException(e.getStatus(), e.getMessage());
        };
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Cannot do that";
            case 401 -> "Please sign in";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 413 -> "Too large";
            case 422 -> "Cannot do that";
            case 429 -> "Too many requests";
            case 503 -> "Busy";
            default -> "Error " + status;
        };
    }

    private static boolean isApi(Context ctx) {
        return ctx.path().startsWith(ApiRoutes.PREFIX + "/") || ctx.path().equals(ApiRoutes.PREFIX);
    }

    private static String resource(String path) {
        try (InputStream in = PortalServer.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException(path + " is missing from the build");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
