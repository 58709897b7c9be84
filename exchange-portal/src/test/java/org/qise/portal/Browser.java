package org.qise.portal;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A cookie-keeping HTTP client that fills in forms the way a browser without JavaScript would. */
public final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final TestPortal portal;
    public final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    public Browser(TestPortal portal) {
        this.portal = portal;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(portal.base + path)).GET().build());
    }

    /** Posts a url-encoded form as is (no CSRF token added). */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(portal.base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * Posts a multipart form (as the circuit form does) with the page's CSRF token and one
     * uploaded file.
     */
    public HttpResponse<String> submitMultipart(String pagePath, String action, Map<String, String> fields,
                                                String fileField, String fileName, String fileContent) {
        String token = csrfOf(get(pagePath).body());
        String boundary = "----qise" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("csrf", token);
        for (var e : all.entrySet()) {
            body.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(e.getKey()).append("\"\r\n\r\n")
                    .append(e.getValue()).append("\r\n");
        }
        body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(fileField).append("\"; filename=\"")
                .append(fileName).append("\"\r\nContent-Type: text/plain\r\n\r\n")
                .append(fileContent).append("\r\n--").append(boundary).append("--\r\n");
        return send(HttpRequest.newBuilder(URI.create(portal.base + action))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build());
    }

    /** Loads a page, takes the CSRF token from its forms, and posts the form with it. */
    public HttpResponse<String> submit(String pagePath, String action, Map<String, String> fields) {
        String token = csrfOf(get(pagePath).body());
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("csrf", token);
        return post(action, withToken);
    }

    public HttpResponse<String> login(String email, String password) {
        return submit("/login", "/login", Map.of("email", email, "password", password));
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    public static String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) throw new AssertionError("no CSRF field in page:\n" + html);
        return m.group(1);
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
