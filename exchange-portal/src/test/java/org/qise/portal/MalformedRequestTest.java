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
 * get the portal's own error page (with status 400 and the portal's security headers), never
 * Jetty's default page. Sent over a raw socket, since HTTP clients refuse to send such URLs.
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
            "/api/v1/circuits/%zz | text/html",
            "/api/v1/%   | text/html"})
    void malformedUrlsGetThePortals400(String target, String type) throws IOException {
        // Jetty has dropped the path and headers of a request whose first line is bad, so even an
        // API client asking for JSON gets the portal's page; what matters is that it is not Jetty's.
        String response = raw(target.strip(), "application/json");
        assertTrue(response.startsWith("HTTP/1.1 400"), response);
        assertTrue(response.toLowerCase().contains("content-type: " + type.strip()), response);
        assertFalse(response.contains("Powered by Jetty"), response);
        assertFalse(response.contains("<h2>HTTP ERROR"), "not Jetty's page: " + response);
        if (type.strip().equals("application/json")) assertTrue(response.contains("{\"error\":"), response);
        else assertTrue(response.contains("QISE exchange"), "the portal's own page: " + response);
    }
}
