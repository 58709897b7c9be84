package org.qise.portal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the exchange portal: {@code ./qise portal [--port 7070] [--data DIR] [--database URL] [--demo]}. */
@Command(name = "qise portal", mixinStandardHelpOptions = true, version = "QISE exchange portal 0.1.0",
        description = "Runs the QISE exchange portal: web pages and the JSON API under /api/v1.",
        subcommands = {DataCommands.Backup.class, DataCommands.Restore.class, DataCommands.ImportH2.class},
        footer = {"", "The first admin: on a database without one, start with QISE_ADMIN_EMAIL and",
                "QISE_ADMIN_PASSWORD set (read once). Without them the portal says how."})
public final class PortalMain implements Callable<Integer> {
    @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE}).", defaultValue = "7070")
    int port;

    @Option(names = "--data", paramLabel = "DIR",
            description = {"Directory of the embedded database.", "Default: ./qise-data in the working directory."})
    Path data;

    @Option(names = "--database", paramLabel = "JDBC_URL",
            description = "Use PostgreSQL instead of the embedded database, e.g. jdbc:postgresql://localhost/qise."
                    + " User and password come from QISE_DB_USER and QISE_DB_PASSWORD.")
    String database;

    @Option(names = "--demo", description = "Start on a fresh temporary database seeded with demo accounts and circuits"
            + " (deleted on exit).")
    boolean demo;

    @Option(names = "--no-run-workers", description = "Run nothing in the portal itself: queued runs wait in the PostgreSQL"
            + " database for `qise worker` processes (needs --database).")
    boolean noRunWorkers;

    @Option(names = "--run-queue", paramLabel = "N", description = "Runs that may wait in all (default: 200).")
    Integer runQueue;

    @Option(names = "--run-queue-per-user", paramLabel = "N", description = "Runs one person may have waiting (default: 20).")
    Integer runQueuePerUser;

    @Option(names = "--secure-cookies", description = "Mark cookies Secure (set this behind a TLS-terminating proxy).")
    boolean secureCookies;

    // Mail, each option also read from its QISE_* variable; the SMTP password only from QISE_SMTP_PASSWORD
    // (a command line is visible to everyone on the machine).
    @Option(names = "--smtp-host", paramLabel = "HOST", defaultValue = "${env:QISE_SMTP_HOST}",
            description = "SMTP server for the portal's mail (env QISE_SMTP_HOST). Without it the portal sends no mail.")
    String smtpHost;

    @Option(names = "--smtp-port", paramLabel = "PORT", defaultValue = "${env:QISE_SMTP_PORT}",
            description = "SMTP port (env QISE_SMTP_PORT; default 587 for starttls, 465 for ssl, 25 for none).")
    String smtpPort;

    @Option(names = "--smtp-security", paramLabel = "starttls|ssl|none", defaultValue = "${env:QISE_SMTP_SECURITY}",
            description = "starttls (default; required, never a plain-text fallback), ssl (implicit TLS) or none (env QISE_SMTP_SECURITY).")
    String smtpSecurity;

    @Option(names = "--smtp-user", paramLabel = "USER", defaultValue = "${env:QISE_SMTP_USER}",
            description = "SMTP login (env QISE_SMTP_USER); its password comes from QISE_SMTP_PASSWORD.")
    String smtpUser;

    @Option(names = "--smtp-from", paramLabel = "ADDRESS", defaultValue = "${env:QISE_SMTP_FROM}",
            description = "Sender of the portal's mail, e.g. 'QISE <portal@example.org>' (env QISE_SMTP_FROM; required with --smtp-host).")
    String smtpFrom;

    @Option(names = "--public-url", paramLabel = "URL", defaultValue = "${env:QISE_PUBLIC_URL}",
            description = "The portal's address as people reach it, for links in mails, e.g. https://qise.example.org"
                    + " (env QISE_PUBLIC_URL; default: the address of the request that caused the mail).")
    String publicUrl;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with start-up failures reported as one readable line instead of a stack trace. */
    static CommandLine commandLine() {
        return new CommandLine(new PortalMain()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("qise portal: could not start: " + explain(e));
            return 1;
        });
    }

    /** The most specific message in a cause chain (e.g. "Address already in use", "Database may be already in use"). */
    static String explain(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) sb.append(": ").append(c.getMessage());
        }
        return sb.toString().lines().findFirst().orElse("") ;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (demo && (database != null || data != null)) {
            System.err.println("qise portal: --demo uses its own temporary database; leave out --database and --data.");
            return 2;
        }
        if (noRunWorkers && database == null) {
            System.err.println("qise portal: --no-run-workers leaves runs to `qise worker` processes, which need a PostgreSQL"
                    + " database: add --database jdbc:postgresql://…");
            return 2;
        }
        if ((runQueue != null && runQueue < 1) || (runQueuePerUser != null && runQueuePerUser < 1)) {
            System.err.println("qise portal: --run-queue and --run-queue-per-user must be at least 1");
            return 2;
        }
        org.qise.portal.mail.MailSettings mail;
        try {
            mail = org.qise.portal.mail.MailSettings.of(smtpHost, smtpPort, smtpSecurity, smtpUser,
                    System.getenv("QISE_SMTP_PASSWORD"), smtpFrom, publicUrl);
        } catch (IllegalArgumentException e) {
            System.err.println("qise portal: " + e.getMessage());
            return 2;
        }
        Path tempDir = demo ? Files.createTempDirectory("qise-demo-") : null;
        Path dataDir = demo ? tempDir : data != null ? data : Path.of("qise-data");
        PortalConfig config = PortalConfig.defaults(dataDir).withPort(port).withSecureCookies(secureCookies);
        var runs = config.runs();
        if (runQueue != null || runQueuePerUser != null) {
            runs = runs.withQueueLimits(runQueue != null ? runQueue : runs.queueCapacity(),
                    runQueuePerUser != null ? runQueuePerUser : runs.maxQueuedPerUser(), runs.maxRunningPerUser());
        }
        if (noRunWorkers) runs = runs.withExternalWorkers();
        config = config.withRuns(runs).withMail(mail);
        if (database != null) {
            config = config.withDatabase(database, System.getenv("QISE_DB_USER"), System.getenv("QISE_DB_PASSWORD"));
        } else {
            Files.createDirectories(dataDir);
        }
        PortalServer server = PortalServer.create(config);
        out.println("QISE exchange portal");
        out.println("  database: " + server.services().database().description()
                + (database == null && data == null && !demo ? "  (default --data ./qise-data in the working directory)" : ""));
        if (demo) {
            DemoData.seed(server.services(), out);
        } else {
            Bootstrap.firstAdmin(server.services().users(), System.getenv(), out);
        }
        out.println("  mail: " + (mail != null ? mail.describe()
                : "none (no --smtp-host / QISE_SMTP_HOST: reset links are only shown to the admin, email changes are refused)"));
        int actualPort = server.start();
        if (noRunWorkers) out.println("  runs: left in the database for `qise worker` processes (--no-run-workers)");
        out.println("  listening on http://localhost:" + actualPort + "/  (API: /api/v1, spec: /api/v1/openapi.json)");
        out.println("  stop with Ctrl-C");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C: stop Javalin, the run and grading workers and the database, then let the JVM end.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                if (tempDir != null) deleteTree(tempDir);
            } finally {
                stopped.countDown();
            }
        }, "portal-shutdown"));
        stopped.await();
        return 0;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
