package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests Jetty rejects before any route runs (malformed percent-escapes, ambiguous paths)
 * get the portal's own error page (with status 400 and the portal's security headers), or under
 * /api its JSON error, never Jetty's default page. Sent over a raw socket, since HTTP clients refuse to send such URLs.
 */
class MalformedRequestTest {
    private static TestPortal portal;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    static String raw(String target, String accept) throws IOException {
        try (Socket s = new Socket("localhost", portal.server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/circuits/%zz | text/html",
            "/%          | text/html",
            "/runs/%E0%A4%A | text/html",
            "/api/v1/circuits/%zz | application/json",
            "/api/v1/%   | application/json",
            "/api/v1/runs/%E0%A4%A | application/json",
            "http://localhost/api/v1/circuits/%zz | application/json",
            "/apix/%     | text/html"})
    void malformedUrlsGetThePortals400(String target, String type) throws IOException {
        // A browser's Accept header: under /api the answer is JSON all the same, elsewhere a page.
        String response = raw(target.strip(), "text/html,application/xhtml+xml,*/*;q=0.8");
        assertTrue(response.startsWith("HTTP/1.1 400"), response);
        assertTrue(response.toLowerCase().contains("content-type: " + type.strip()), response);
        assertFalse(response.contains("Powered by Jetty"), response);
        assertFalse(response.contains("<h2>HTTP ERROR"), "not Jetty's page: " + response);
        if (type.strip().equals("application/json")) assertTrue(response.contains("{\"error\":\"the request could not be read"), response);
        else assertTrue(response.contains("QISE exchange"), "the portal's own page: " + response);
    }
}
