package org.qise.portal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the portal can be tuned with. {@link #defaults(Path)} gives production values;
 * tests lower {@code bcryptCost} (bcrypt at cost 12 takes a quarter second per hash, which
 * would make a test suite with many logins slow) and tighten limits to exercise them.
 *
 * @param port                  HTTP port (0 picks a free one)
 * @param dataDir               directory of the embedded SQLite database (ignored with databaseUrl)
 * @param databaseUrl           a JDBC URL (e.g. jdbc:postgresql://host/db) instead of embedded SQLite, or null
 * @param databaseUser          user for databaseUrl, or null
 * @param databasePassword      password for databaseUrl, or null
 * @param bcryptCost            bcrypt work factor for new password hashes; 12 or more in production
 * @param maxBodyBytes          largest accepted request body (413 beyond)
 * @param maxQasmBytes          largest accepted OpenQASM source (413 beyond)
 * @param maxQubits             most qubits an uploaded circuit may have (413 beyond)
 * @param maxGates              most gates an uploaded circuit may have (413 beyond)
 * @param requestsPerMinute     per client (token, user or address) for API calls and form posts (429 beyond)
 * @param sessionIdleTimeout    a browser session ends after this long without a request
 * @param sessionAbsoluteTimeout a browser session ends this long after login whatever happens
 * @param tokenLifetime         lifetime of a new API token
 * @param freeLoginFailures     failed logins per account before back-off starts
 * @param maxLoginDelay         longest back-off between login attempts for one account or address
 * @param secureCookies         mark cookies Secure even when the request itself is plain HTTP
 *                              (set this behind a TLS-terminating proxy)
 * @param runs                  workers, queue limits, caps and timeout of server-side runs
 * @param mail                  the SMTP server for the portal's mail, or null to send none
 */
public record PortalConfig(
        int port,
        Path dataDir,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        int bcryptCost,
        long maxBodyBytes,
        int maxQasmBytes,
        int maxQubits,
        int maxGates,
        int requestsPerMinute,
        Duration sessionIdleTimeout,
        Duration sessionAbsoluteTimeout,
        Duration tokenLifetime,
        int freeLoginFailures,
        Duration maxLoginDelay,
        boolean secureCookies,
        org.qise.portal.runs.RunConfig runs,
        org.qise.portal.mail.MailSettings mail) {

    /** The smallest bcrypt cost accepted at all; only tests should go below {@link #PRODUCTION_BCRYPT_COST}. */
    public static final int MIN_BCRYPT_COST = 4;
    public static final int PRODUCTION_BCRYPT_COST = 12;

    public PortalConfig {
        if (bcryptCost < MIN_BCRYPT_COST || bcryptCost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be between 4 and 31, got " + bcryptCost);
        }
        if (maxQasmBytes > maxBodyBytes) {
            maxQasmBytes = (int) Math.min(Integer.MAX_VALUE, maxBodyBytes);
        }
    }

    public static PortalConfig defaults(Path dataDir) {
        return new PortalConfig(7070, dataDir, null, null, null, PRODUCTION_BCRYPT_COST,
                1024 * 1024, 256 * 1024, 64, 100_000, 300,
                Duration.ofHours(2), Duration.ofHours(12), Duration.ofDays(90),
                5, Duration.ofMinutes(5), false, org.qise.portal.runs.RunConfig.defaults(), null);
    }

    public PortalConfig withPort(int newPort) {
        return new PortalConfig(newPort, dataDir, databaseUrl, databaseUser, databasePassword, bcryptCost,
                maxBodyBytes, maxQasmBytes, maxQubits, maxGates, requestsPerMinute, sessionIdleTimeout,
                sessionAbsoluteTimeout, tokenLifetime, freeLoginFailures, maxLoginDelay, secureCookies, runs, mail);
    }

    public PortalConfig withDatabase(String url, String user, String password) {
        return new PortalConfig(port, dataDir, url, user, password, bcryptCost,
                maxBodyBytes, maxQasmBytes, maxQubits, maxGates, requestsPerMinute, sessionIdleTimeout,
                sessionAbsoluteTimeout, tokenLifetime, freeLoginFailures, maxLoginDelay, secureCookies, runs, mail);
    }

    public PortalConfig withBcryptCost(int cost) {
        return new PortalConfig(port, dataDir, databaseUrl, databaseUser, databasePassword, cost,
                maxBodyBytes, maxQasmBytes, maxQubits, maxGates, requestsPerMinute, sessionIdleTimeout,
                sessionAbsoluteTimeout, tokenLifetime, freeLoginFailures, maxLoginDelay, secureCookies, runs, mail);
    }

    public PortalConfig withLimits(long bodyBytes, int qasmBytes, int qubits, int gates, int perMinute) {
        return new PortalConfig(port, dataDir, databaseUrl, databaseUser, databasePassword, bcryptCost,
                bodyBytes, qasmBytes, qubits, gates, perMinute, sessionIdleTimeout,
                sessionAbsoluteTimeout, tokenLifetime, freeLoginFailures, maxLoginDelay, secureCookies, runs, mail);
    }

    public PortalConfig withSecureCookies(boolean secure) {
        return new PortalConfig(port, dataDir, databaseUrl, databaseUser, databasePassword, bcryptCost,
                maxBodyBytes, maxQasmBytes, maxQubits, maxGates, requestsPerMinute, sessionIdleTimeout,
                sessionAbsoluteTimeout, tokenLifetime, freeLoginFailures, maxLoginDelay, secure, runs, mail);
    }

    public PortalConfig withRuns(org.qise.portal.runs.RunConfig newRuns) {
        return new PortalConfig(port, dataDir, databaseUrl, databaseUser, databasePassword, bcryptCost,
                maxBodyBytes, maxQasmBytes, maxQubits, maxGates, requestsPerMinute, sessionIdleTimeout,
                sessionAbsoluteTimeout, tokenLifetime, freeLoginFailures, maxLoginDelay, secureCookies, newRuns, mail);
    }

    public PortalConfig withMail(org.qise.portal.mail.MailSettings newMail) {
        return new PortalConfig(port, dataDir, databaseUrl, databaseUser, databasePassword, bcryptCost,
                maxBodyBytes, maxQasmBytes, maxQubits, maxGates, requestsPerMinute, sessionIdleTimeout,
                sessionAbsoluteTimeout, tokenLifetime, freeLoginFailures, maxLoginDelay, secureCookies, runs, newMail);
    }
}
